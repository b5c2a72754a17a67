using System.Text.RegularExpressions;
using Parley.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Parley.EndToEnd.Tests.Features.Chats;

/// <summary>The live connection drops: the bar says so, and on reconnecting the chat catches up without gaps or repeats.</summary>
public sealed partial class ReconnectTests(AppFixture app, ITestOutputHelper output) : EndToEndTest(app, output)
{
    [Theory]
    [InlineData(Viewport.Desktop)]
    [InlineData(Viewport.Phone)]
    public Task The_connection_lost_bar_shows_while_offline_and_missed_messages_arrive_once_in_order(Viewport viewport) => RunAsync(viewport, async page =>
    {
        using var anna = await ApiSession.RegisterAsync(App, TestUser.Create("rc"));
        using var boris = await ApiSession.RegisterAsync(App, TestUser.Create("rc"));
        var chatId = await boris.DirectChatWithAsync(anna);
        await boris.SendMessageAsync(chatId, "Before the cut");

        // Every hub connection goes through the test, which can cut it like a lost network would: a browser that
        // goes offline keeps its open WebSockets, so the cut closes them and refuses new ones until it is back.
        var network = new Network();
        await page.RouteWebSocketAsync(HubUrl(), network.Handle);

        await Ui.SignInAsync(page, anna.User);
        await page.GotoAsync($"/chats/{chatId}");
        await Expect(Message(page, "Before the cut")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("connection-bar")).ToHaveCountAsync(0);

        await page.Context.SetOfflineAsync(true);
        await network.CutAsync();
        // One bar: the chat list's beside the conversation, the conversation's own on a phone.
        var bar = page.Locator("[data-testid=connection-bar]:visible");
        await Expect(bar).ToHaveCountAsync(1);
        await Expect(bar).ToBeVisibleAsync();
        await Expect(bar).ToHaveAttributeAsync("data-status", "offline");
        await ScreenshotAsync(page, "connection-lost");

        string[] missed = ["Missed one", "Missed two", "Missed three", "Missed four"];
        foreach (var text in missed)
        {
            await boris.SendMessageAsync(chatId, text);
        }

        network.Restore();
        await page.Context.SetOfflineAsync(false);
        await Expect(page.GetByTestId("connection-bar")).ToHaveCountAsync(0);
        await Expect(Message(page, "Missed four")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "caught-up");

        var shown = await page.GetByTestId("message-content").AllInnerTextsAsync();
        Assert.Equal(["Before the cut", .. missed], shown.Select(s => s.Split('\n')[0].Trim()).ToArray());

        // The live connection works again.
        await boris.SendMessageAsync(chatId, "Live again");
        await Expect(Message(page, "Live again")).ToBeVisibleAsync();
        Assert.Equal(6, await page.GetByTestId("message-content").CountAsync());
    });

    private static ILocator Message(IPage page, string text) =>
        page.GetByTestId("message").Filter(new() { Has = page.GetByTestId("message-content").Filter(new() { HasText = text }) });

    [GeneratedRegex(@"/hub(\?|$)")]
    private static partial Regex HubUrl();

    /// <summary>Passes hub WebSockets through to the server until cut; while cut, new ones are closed at once.</summary>
    private sealed class Network
    {
        private readonly Lock _lock = new();
        private readonly List<(IWebSocketRoute Page, IWebSocketRoute Server)> _open = [];
        private bool _cut;

        public void Handle(IWebSocketRoute route)
        {
            lock (_lock)
            {
                if (_cut)
                {
                    _ = route.CloseAsync(new() { Code = 4000, Reason = "offline" });
                    return;
                }

                _open.Add((route, route.ConnectToServer()));
            }
        }

        public async Task CutAsync()
        {
            List<(IWebSocketRoute Page, IWebSocketRoute Server)> open;
            lock (_lock)
            {
                _cut = true;
                open = [.. _open];
                _open.Clear();
            }

            foreach (var (pageSide, serverSide) in open)
            {
                await serverSide.CloseAsync(new() { Code = 4000, Reason = "network lost" });
                await pageSide.CloseAsync(new() { Code = 4000, Reason = "network lost" });
            }
        }

        public void Restore()
        {
            lock (_lock)
            {
                _cut = false;
            }
        }
    }
}
