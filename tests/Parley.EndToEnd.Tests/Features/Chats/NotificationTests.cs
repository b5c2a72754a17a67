using System.Text.Json;
using Parley.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Parley.EndToEnd.Tests.Features.Chats;

/// <summary>
/// Browser notifications while the tab is hidden: for direct messages and mentions, not for other group messages
/// nor for muted chats. The page's Notification is wrapped to record what it is asked to show.
/// </summary>
public sealed class NotificationTests(AppFixture app, ITestOutputHelper output) : EndToEndTest(app, output)
{
    private const string RecordNotifications =
        """
        (() => {
          const Real = window.Notification;
          const shown = [];
          window.__shownNotifications = shown;
          class Recording extends Real {
            constructor(title, options) {
              shown.push({ title, body: (options && options.body) || "", tag: (options && options.tag) || "" });
              super(title, options);
            }
          }
          window.Notification = Recording;
          let hidden = false;
          Object.defineProperty(Document.prototype, "visibilityState", { configurable: true, get: () => (hidden ? "hidden" : "visible") });
          Object.defineProperty(Document.prototype, "hidden", { configurable: true, get: () => hidden });
          window.__setHidden = (value) => {
            hidden = value;
            document.dispatchEvent(new Event("visibilitychange"));
          };
        })();
        """;

    [Theory]
    [InlineData(Viewport.Desktop)]
    [InlineData(Viewport.Phone)]
    public Task Direct_messages_and_mentions_notify_while_hidden_but_muted_chats_and_other_group_messages_do_not(Viewport viewport) => RunAsync(viewport, async page =>
    {
        using var anna = await ApiSession.RegisterAsync(App, TestUser.Create("nt"));
        using var boris = await ApiSession.RegisterAsync(App, TestUser.Create("nt"));
        using var carl = await ApiSession.RegisterAsync(App, TestUser.Create("nt"));
        var groupId = await boris.GroupAsync("Lunch club", anna.Id, carl.Id);

        await page.Context.GrantPermissionsAsync(["notifications"]);
        await page.Context.AddInitScriptAsync(RecordNotifications);
        await Ui.SignInAsync(page, anna.User);
        await Expect(page.GetByTestId("chat-row").Filter(new() { HasText = "Lunch club" })).ToBeVisibleAsync();

        // Anna switches to another tab. Boris writes to her for the first time: a notification with his name and text.
        await SetHiddenAsync(page, true);
        var directId = await boris.DirectChatWithAsync(anna);
        await boris.SendMessageAsync(directId, "Are you free **tonight**?");
        await WaitForCountAsync(page, 1);
        var first = (await ShownAsync(page))[0];
        Assert.Equal(boris.User.DisplayName, first.GetProperty("title").GetString());
        Assert.Equal("Are you free tonight?", first.GetProperty("body").GetString());
        Assert.Equal(directId, first.GetProperty("tag").GetString());

        // Back in the tab, she mutes the direct chat.
        await SetHiddenAsync(page, false);
        await page.GetByTestId("chat-row").Filter(new() { HasText = boris.User.DisplayName }).ClickAsync();
        await page.GetByTestId("mute-button").ClickAsync();
        await page.GetByTestId("mute-forever").ClickAsync();
        await Expect(page.GetByTestId("mute-button")).ToHaveAttributeAsync("data-muted", "true");
        await ScreenshotAsync(page, "muted-chat");

        // Hidden again: the muted chat and a group message that does not mention her stay quiet; a mention notifies.
        await SetHiddenAsync(page, true);
        await boris.SendMessageAsync(directId, "Muted ping");
        await boris.SendMessageAsync(groupId, "Who wants soup?");
        await carl.SendMessageAsync(groupId, $"@{anna.User.Username} you pick the place");
        await WaitForCountAsync(page, 2);
        var shown = await ShownAsync(page);
        Assert.Equal($"{carl.User.DisplayName} in Lunch club", shown[1].GetProperty("title").GetString());
        Assert.Contains("you pick the place", shown[1].GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(shown, n => n.GetProperty("body").GetString()!.Contains("Muted ping", StringComparison.Ordinal));
        Assert.DoesNotContain(shown, n => n.GetProperty("body").GetString()!.Contains("soup", StringComparison.Ordinal));

        // While she looks at the tab, nothing notifies.
        await SetHiddenAsync(page, false);
        if (viewport == Viewport.Phone)
        {
            await page.GetByTestId("back-button").ClickAsync();
        }

        await carl.SendMessageAsync(groupId, $"@{anna.User.Username} are you there?");
        await Expect(page.GetByTestId("chat-row").Filter(new() { HasText = "are you there?" })).ToBeVisibleAsync();
        Assert.Equal(2, await CountAsync(page));
        await ScreenshotAsync(page, "after-notifications");
    });

    private static async Task SetHiddenAsync(IPage page, bool hidden) => await page.EvaluateAsync("hidden => window.__setHidden(hidden)", hidden);

    private static async Task WaitForCountAsync(IPage page, int count) =>
        await page.WaitForFunctionAsync("n => window.__shownNotifications.length >= n", count);

    private static Task<int> CountAsync(IPage page) => page.EvaluateAsync<int>("() => window.__shownNotifications.length");

    private static async Task<JsonElement[]> ShownAsync(IPage page) =>
        [.. (await page.EvaluateAsync<JsonElement>("() => window.__shownNotifications")).EnumerateArray()];
}
