using System.Globalization;
using System.Runtime.CompilerServices;
using Xunit.Abstractions;

namespace Parley.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Base of the browser tests: opens isolated browser contexts at a viewport, saves screenshots of key screens to
/// TestResults/screenshots, and on failure saves what every open page showed and prints the server's output.
/// </summary>
[Collection(SharedApp.Name)]
public abstract class EndToEndTest : IAsyncLifetime
{
    private readonly List<IBrowserContext> _contexts = [];
    private readonly List<(string Name, IPage Page)> _pages = [];
    private static readonly Lock RetryFileLock = new();
    private readonly Lock _lock = new();
    private readonly List<string> _pageErrors = [];
    private readonly List<string> _problems = [];
    private string _testName = "test";
    private int _shot;

    protected EndToEndTest(AppFixture app, ITestOutputHelper output)
    {
        App = app;
        Output = output;
        Assertions.SetDefaultExpectTimeout(10_000);
    }

    public static string ScreenshotDirectory => Path.Combine(RepositoryRoot.TestResults, "screenshots");

    protected AppFixture App { get; }

    protected ITestOutputHelper Output { get; }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => CloseAllAsync();

    /// <summary>
    /// Runs one scenario in a fresh browser context at <paramref name="viewport"/>. If it throws, every open page is
    /// saved as a FAILED screenshot and the server's output is printed; if it passes, the pages must have thrown no
    /// uncaught script errors. A scenario that fails is run once more from scratch (new users, new browser contexts),
    /// as Playwright's own runner does on CI; a pass on the second run is written to TestResults/retried-tests.txt,
    /// which the test command prints, so that a flaky test is seen rather than hidden.
    /// </summary>
    protected async Task RunAsync(Viewport viewport, Func<IPage, Task> scenario, [CallerMemberName] string test = "")
    {
        const int attempts = 2;
        for (var attempt = 1; ; attempt++)
        {
            _testName = $"{Shorten(test)}-{viewport.ToString().ToLowerInvariant()}{(attempt > 1 ? $"-run{attempt.ToString(CultureInfo.InvariantCulture)}" : "")}";
            try
            {
                await RunOnceAsync(viewport, scenario);
                if (attempt > 1)
                {
                    RecordRetry($"{GetType().Name}.{test} ({viewport}): passed on run {attempt.ToString(CultureInfo.InvariantCulture)}");
                }

                return;
            }
            catch (Exception e) when (attempt < attempts)
            {
                var firstLine = e.Message.Split('\n')[0].Trim();
                Output.WriteLine($"=== run {attempt.ToString(CultureInfo.InvariantCulture)} failed ({e.GetType().Name}: {firstLine}); running the scenario again from scratch ===");
                RecordRetry($"{GetType().Name}.{test} ({viewport}): run {attempt.ToString(CultureInfo.InvariantCulture)} failed with {e.GetType().Name}: {firstLine}");
                await CloseAllAsync();
            }
        }
    }

    private async Task RunOnceAsync(Viewport viewport, Func<IPage, Task> scenario)
    {
        var page = await OpenPageAsync(viewport, "main");
        try
        {
            await scenario(page);
        }
        catch (Exception)
        {
            await SaveFailureScreenshotsAsync();
            Output.WriteLine("--- uncaught page errors ---");
            Snapshot(_pageErrors).ForEach(Output.WriteLine);
            var problems = Snapshot(_problems);
            Output.WriteLine($"--- failed requests and console errors ({problems.Count.ToString(CultureInfo.InvariantCulture)} in all; the last 40) ---");
            problems.TakeLast(40).ToList().ForEach(Output.WriteLine);
            Output.WriteLine("--- server output (last 200 lines) ---");
            Output.WriteLine(Tail(App.Server.Output, 200));
            throw;
        }

        var errors = Snapshot(_pageErrors);
        Assert.True(errors.Count == 0, "Uncaught errors in the page:" + Environment.NewLine + string.Join(Environment.NewLine, errors));
    }

    private async Task CloseAllAsync()
    {
        foreach (var context in _contexts)
        {
            try
            {
                await context.CloseAsync();
            }
            catch (PlaywrightException)
            {
                // Already gone with a crashed page; nothing left to close.
            }
        }

        _contexts.Clear();
        _pages.Clear();
        lock (_lock)
        {
            _pageErrors.Clear();
            _problems.Clear();
        }
    }

    private static void RecordRetry(string line)
    {
        Directory.CreateDirectory(RepositoryRoot.TestResults);
        lock (RetryFileLock)
        {
            File.AppendAllText(Path.Combine(RepositoryRoot.TestResults, "retried-tests.txt"), line + Environment.NewLine);
        }
    }

    /// <summary>
    /// Another browser (own cookies and storage), e.g. a second device of the same user; on the shared server unless
    /// <paramref name="baseAddress"/> names another.
    /// </summary>
    protected async Task<IPage> OpenPageAsync(Viewport viewport, string name, Uri? baseAddress = null)
    {
        var context = await App.Browser.NewContextAsync(ViewportOptions.For(viewport, baseAddress ?? App.BaseAddress));
        context.SetDefaultTimeout(15_000);
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        page.PageError += (_, error) => Record(_pageErrors, $"[{name}] {error}");
        page.Console += (_, message) =>
        {
            // "Failed to load resource" repeats what the Response handler records with its address.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                Record(_problems, $"[{name}] console: {message.Text}");
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                Record(_problems, $"[{name}] {response.Status.ToString(CultureInfo.InvariantCulture)} {response.Request.Method} {response.Url}");
            }
        };
        _pages.Add((name, page));
        return page;
    }

    /// <summary>Saves TestResults/screenshots/&lt;test&gt;-&lt;viewport&gt;-&lt;n&gt;-&lt;step&gt;.png for people to review.</summary>
    protected async Task ScreenshotAsync(IPage page, string step)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        _shot++;
        var file = Path.Combine(ScreenshotDirectory, $"{_testName}-{_shot.ToString("00", CultureInfo.InvariantCulture)}-{step}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true, Animations = ScreenshotAnimations.Disabled });
    }

    private async Task SaveFailureScreenshotsAsync()
    {
        foreach (var (name, page) in _pages)
        {
            try
            {
                if (!page.IsClosed)
                {
                    Output.WriteLine($"[{name}] was at {page.Url}");
                    await ScreenshotAsync(page, $"FAILED-{name}");
                }
            }
            catch (PlaywrightException e)
            {
                Output.WriteLine($"[{name}] no screenshot: {e.Message}");
            }
        }
    }

    private void Record(List<string> list, string entry)
    {
        lock (_lock)
        {
            list.Add(entry);
        }
    }

    private List<string> Snapshot(List<string> list)
    {
        lock (_lock)
        {
            return [.. list];
        }
    }

    private static string Shorten(string test) => test.Length <= 100 ? test : test[..100];

    private static string Tail(string text, int lines)
    {
        var all = text.Split('\n');
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }
}
