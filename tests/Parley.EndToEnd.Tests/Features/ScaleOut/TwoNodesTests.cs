using System.Text.RegularExpressions;
using Npgsql;
using Parley.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Parley.EndToEnd.Tests.Features.ScaleOut;

/// <summary>
/// Two server processes of one deployment, as the admin guide describes it: one PostgreSQL database (created here and
/// dropped afterwards), one Redis (channels under a prefix of this run's own), node ids 1 and 2.
/// Needs PARLEY_TEST_POSTGRES and PARLEY_TEST_REDIS, which the test script always sets.
/// </summary>
public sealed class TwoNodesFixture : IAsyncLifetime
{
    private static readonly string? Postgres = Environment.GetEnvironmentVariable("PARLEY_TEST_POSTGRES") is { Length: > 0 } value ? value : null;
    private static readonly string? Redis = Environment.GetEnvironmentVariable("PARLEY_TEST_REDIS") is { Length: > 0 } value ? value : null;
    private readonly string _database = "parley_test_" + Guid.NewGuid().ToString("N")[..12];

    public ParleyServer A { get; private set; } = null!;

    public ParleyServer B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (Postgres is null || Redis is null)
        {
            throw new InvalidOperationException("Set PARLEY_TEST_POSTGRES and PARLEY_TEST_REDIS (scripts/test.sh does).");
        }

        var environment = new Dictionary<string, string>
        {
            ["Parley__Database__Provider"] = "Postgres",
            ["Parley__Database__ConnectionString"] = new NpgsqlConnectionStringBuilder(Postgres) { Database = _database }.ConnectionString,
            ["Parley__Redis"] = Redis,
            ["Parley__RedisPrefix"] = "parley-e2e-" + Guid.NewGuid().ToString("N")[..12],
        };
        // One after the other: the first creates the database and migrates it.
        A = await ParleyServer.StartAsync(new Dictionary<string, string>(environment) { ["Parley__NodeId"] = "1" });
        B = await ParleyServer.StartAsync(new Dictionary<string, string>(environment) { ["Parley__NodeId"] = "2" });
    }

    public async Task DisposeAsync()
    {
        if (B is not null)
        {
            await B.DisposeAsync();
        }

        if (A is not null)
        {
            await A.DisposeAsync();
        }

        if (Postgres is not null)
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Postgres) { Database = "postgres", Pooling = false }.ConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}

/// <summary>Anna's browser talks to node A, Boris's to node B: they chat live and see each other come and go.</summary>
public sealed partial class TwoNodesTests(AppFixture app, TwoNodesFixture nodes, ITestOutputHelper output)
    : EndToEndTest(app, output), IClassFixture<TwoNodesFixture>
{
    [Theory]
    [InlineData(Viewport.Desktop)]
    [InlineData(Viewport.Phone)]
    public Task Two_people_on_two_nodes_chat_live_and_see_each_other_online(Viewport viewport) => RunAsync(viewport, async _ =>
    {
        var annaUser = TestUser.Create("anna");
        var borisUser = TestUser.Create("boris");
        var anna = await OpenPageAsync(viewport, "anna-on-node-a", nodes.A.BaseAddress);
        var boris = await OpenPageAsync(viewport, "boris-on-node-b", nodes.B.BaseAddress);
        await Ui.RegisterAsync(anna, annaUser);
        await Ui.RegisterAsync(boris, borisUser);

        // Anna finds Boris, who is connected to the other node, and sees him online.
        await anna.GetByTestId("chat-search").FillAsync(borisUser.Username);
        await anna.GetByTestId("person-result").Filter(new() { HasText = borisUser.DisplayName }).First.ClickAsync();
        await Expect(anna.GetByTestId("conversation-header")).ToContainTextAsync(borisUser.DisplayName);
        await Expect(anna.GetByTestId("conversation-status")).ToHaveClassAsync(Online());

        // Her message reaches him live through the other node.
        await SendAsync(anna, "Hello from node A");
        await Expect(Message(anna, "Hello from node A")).ToHaveAttributeAsync("data-status", "sent");
        var row = boris.GetByTestId("chat-row").Filter(new() { HasText = annaUser.DisplayName });
        await Expect(row.GetByTestId("chat-unread-badge")).ToHaveTextAsync("1");
        await row.ClickAsync();
        await Expect(Message(boris, "Hello from node A")).ToBeVisibleAsync();
        await Expect(boris.GetByTestId("conversation-status")).ToHaveClassAsync(Online());

        // His reply and his typing reach her the same way.
        await boris.GetByTestId("composer-input").PressSequentiallyAsync("Hi", new() { Delay = 60 });
        await Expect(anna.GetByTestId("typing-indicator")).ToBeVisibleAsync();
        await boris.GetByTestId("composer-input").FillAsync("Hi from node B");
        await boris.GetByTestId("composer-input").PressAsync("Enter");
        await Expect(Message(anna, "Hi from node B")).ToBeVisibleAsync();
        await ScreenshotAsync(anna, "node-a");
        await ScreenshotAsync(boris, "node-b");

        // Boris closes his browser: Anna sees him go offline.
        await boris.Context.CloseAsync();
        await Expect(anna.GetByTestId("conversation-status")).Not.ToHaveClassAsync(Online());
        await Expect(anna.GetByTestId("conversation-status")).ToContainTextAsync("last seen");
        await ScreenshotAsync(anna, "peer-left");
    });

    private static ILocator Message(IPage page, string text) =>
        page.GetByTestId("message").Filter(new() { Has = page.GetByTestId("message-content").Filter(new() { HasText = text }) });

    private static async Task SendAsync(IPage page, string text)
    {
        await page.GetByTestId("composer-input").FillAsync(text);
        await page.GetByTestId("composer-input").PressAsync("Enter");
    }

    [GeneratedRegex("conversation-header__status--online")]
    private static partial Regex Online();
}
