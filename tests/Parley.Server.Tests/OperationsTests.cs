using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests;

public sealed class OperationsTests(ParleyApps apps) : IClassFixture<ParleyApps>
{
    [Theory, AllDatabases]
    public async Task Health_endpoints_answer_without_signing_in(Db db)
    {
        var client = apps[db].CreateBareClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal("Healthy", await client.GetStringAsync("/health/ready"));
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api_and_docs_are_browsable()
    {
        var client = apps[Db.Sqlite].CreateBareClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/auth/register", out _));
        Assert.True(paths.TryGetProperty("/api/v1/users/me/settings", out _));

        var docs = await client.GetAsync("/docs/");
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Contains("scalar", await docs.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_committed_openapi_document_matches_the_running_server()
    {
        var served = await apps[Db.Sqlite].CreateBareClient().GetStringAsync("/openapi/v1.json");
        var committed = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "src", "Parley.Server", "openapi", "v1.json"));
        using var servedPaths = JsonDocument.Parse(served);
        using var committedPaths = JsonDocument.Parse(committed);
        Assert.Equal(
            servedPaths.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).Order(),
            committedPaths.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public async Task Responses_carry_a_strict_content_security_policy_and_security_headers()
    {
        var response = await apps[Db.Sqlite].CreateBareClient().GetAsync("/health/live");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task An_unknown_api_route_is_a_problem_details_404_not_the_web_client()
    {
        var response = await apps[Db.Sqlite].CreateBareClient().GetAsync("/api/v1/nothing-here");
        await response.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Metrics_are_exported_for_prometheus_with_parleys_own()
    {
        var app = apps[Db.Sqlite];
        var anna = await Person.RegisterAsync(app, "anna");
        var token = await app.CreateBareClient().CreateTokenAsync(anna.Me.Username);
        await using var hub = await HubClient.ConnectAsync(app, token);
        await anna.SendAsync((await anna.StartChatAsync(await Person.RegisterAsync(app))).Id, "counted");
        var client = app.CreateBareClient();

        // The exporter caches a scrape for a moment, so an early scrape may predate the send.
        var waited = Stopwatch.StartNew();
        string text;
        do
        {
            var response = await client.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            text = await response.Content.ReadAsStringAsync();
        }
        while (!text.Contains("parley_messages_stored_total", StringComparison.Ordinal) && waited.Elapsed < TimeSpan.FromSeconds(10) && await Delay());

        Assert.Contains("parley_messages_stored_total", text, StringComparison.Ordinal);
        Assert.Contains("parley_messages_commit_batch", text, StringComparison.Ordinal);
        Assert.Contains("parley_hub_connections", text, StringComparison.Ordinal);
        Assert.Contains("parley_hub_users_online", text, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds", text, StringComparison.Ordinal);

        static async Task<bool> Delay()
        {
            await Task.Delay(100);
            return true;
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Parley.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Parley.slnx not found above the test output.");
    }
}
