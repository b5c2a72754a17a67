using System.Net;
using System.Net.Http.Json;

namespace Parley.EndToEnd.Tests.Infrastructure;

/// <summary>One real server and one headless Chromium, shared by the tests of the "App" collection.</summary>
public sealed class AppFixture : IAsyncLifetime
{
    /// <summary>Debian's Chromium: these tests never download a browser.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private ParleyServer? _server;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private HttpClient? _http;

    public ParleyServer Server => _server ?? throw new InvalidOperationException("Not started.");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Not started.");

    public Uri BaseAddress => Server.BaseAddress;

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: apt-get install chromium (scripts/test.sh does).");
        }

        _server = await ParleyServer.StartAsync();
        _http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = _server.BaseAddress };
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        _http?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>Creates an account straight through the API (for the people a test needs but does not watch sign up).</summary>
    public async Task<TestUser> RegisterThroughApiAsync(TestUser user)
    {
        using var response = await _http!.PostAsJsonAsync(
            new Uri("/api/v1/auth/register", UriKind.Relative),
            new { username = user.Username, password = user.Password, displayName = user.DisplayName });
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException(
                $"Registering {user.Username} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return user;
    }
}

[CollectionDefinition(Name)]
public sealed class SharedApp : ICollectionFixture<AppFixture>
{
    public const string Name = "App";
}
