using System.Text.RegularExpressions;
using Parley.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Parley.EndToEnd.Tests.Features.Chats;

/// <summary>Two people in two browsers: find each other, chat live, and pick up a draft after a reload.</summary>
public sealed partial class ChatTests(AppFixture app, ITestOutputHelper output) : EndToEndTest(app, output)
{
    [Theory]
    [InlineData(Viewport.Desktop)]
    [InlineData(Viewport.Phone)]
    public Task Two_people_chat_live_with_replies_reactions_edits_deletes_typing_and_drafts(Viewport viewport) => RunAsync(viewport, async anna =>
    {
        var annaUser = TestUser.Create("anna");
        var borisUser = TestUser.Create("boris");
        await Ui.RegisterAsync(anna, annaUser);
        var boris = await OpenPageAsync(viewport, "boris");
        await Ui.RegisterAsync(boris, borisUser);

        // Anna finds Boris by his username and opens the direct chat.
        await anna.GetByTestId("chat-search").FillAsync(borisUser.Username);
        var person = anna.GetByTestId("person-result").Filter(new() { HasText = borisUser.DisplayName });
        await person.First.ClickAsync();
        await Expect(anna).ToHaveURLAsync(ChatUrl());
        await Expect(anna.GetByTestId("conversation-header")).ToContainTextAsync(borisUser.DisplayName);

        // She writes; it is shown at once and then confirmed by the server.
        await SendAsync(anna, "Hello **Boris**, how are you?");
        var annaFirst = Message(anna, "how are you?");
        await Expect(annaFirst).ToHaveAttributeAsync("data-status", "sent");
        await Expect(annaFirst.GetByTestId("message-content").Locator("strong")).ToHaveTextAsync("Boris");

        // Boris's chat list shows the chat with one unread message.
        var row = boris.GetByTestId("chat-row").Filter(new() { HasText = annaUser.DisplayName });
        await Expect(row.GetByTestId("chat-unread-badge")).ToHaveTextAsync("1");
        await ScreenshotAsync(boris, "unread-badge");
        await row.ClickAsync();
        await Expect(boris).ToHaveURLAsync(ChatUrl());
        await Expect(Message(boris, "how are you?")).ToBeVisibleAsync();
        if (viewport == Viewport.Desktop)
        {
            await Expect(row.GetByTestId("chat-unread-badge")).ToHaveCountAsync(0);
        }

        // Boris types: Anna sees it in the header.
        await boris.GetByTestId("composer-input").PressSequentiallyAsync("Fine", new() { Delay = 60 });
        await Expect(anna.GetByTestId("typing-indicator")).ToBeVisibleAsync();
        await ScreenshotAsync(anna, "typing");

        // He replies to her message.
        await boris.GetByTestId("composer-input").FillAsync(string.Empty);
        await OpenMenuAsync(boris, Message(boris, "how are you?"));
        await boris.GetByTestId("menu-reply").ClickAsync();
        await Expect(boris.GetByTestId("reply-bar")).ToBeVisibleAsync();
        await SendAsync(boris, "Fine, thanks!");
        await Expect(boris.GetByTestId("reply-bar")).ToHaveCountAsync(0);
        var reply = Message(anna, "Fine, thanks!");
        await Expect(reply.GetByTestId("message-reply-preview")).ToContainTextAsync("how are you?");

        // Anna reacts to the reply; Boris sees the reaction, and its count is one on both sides.
        await OpenMenuAsync(anna, reply);
        await anna.GetByTestId("menu-react").First.ClickAsync();
        await Expect(reply.GetByTestId("reaction")).ToHaveTextAsync(new Regex("1"));
        await Expect(Message(boris, "Fine, thanks!").GetByTestId("reaction")).ToHaveTextAsync(new Regex("1"));

        // Boris edits his last message with the Up arrow.
        await boris.GetByTestId("composer-input").ClickAsync();
        await boris.Keyboard.PressAsync("ArrowUp");
        await Expect(boris.GetByTestId("reply-bar")).ToHaveAttributeAsync("data-mode", "edit");
        await boris.GetByTestId("composer-input").FillAsync("Fine, thanks! And you?");
        await boris.Keyboard.PressAsync("Enter");
        var edited = Message(anna, "And you?");
        await Expect(edited.GetByTestId("message-edited")).ToBeVisibleAsync();
        await ScreenshotAsync(anna, "reply-reaction-edit");

        // Anna deletes her first message: it goes on both sides, and the reply's quote says so.
        await OpenMenuAsync(anna, Message(anna, "how are you?"));
        await anna.GetByTestId("menu-delete").ClickAsync();
        await anna.GetByTestId("confirm-ok").ClickAsync();
        await Expect(Message(anna, "how are you?")).ToHaveCountAsync(0);
        await Expect(Message(boris, "how are you?")).ToHaveCountAsync(0);
        await Expect(Message(boris, "And you?").GetByTestId("message-reply-preview")).ToBeVisibleAsync();

        // A draft is kept on the server and comes back after a reload.
        var savedDraft = anna.WaitForResponseAsync(r => r.Url.Contains("/draft", StringComparison.Ordinal) && r.Request.Method == "PUT");
        await anna.GetByTestId("composer-input").FillAsync("A thought for later");
        await savedDraft;
        await anna.ReloadAsync();
        await Expect(anna.GetByTestId("composer-input")).ToHaveValueAsync("A thought for later");
        await ScreenshotAsync(anna, "draft-restored");

        if (viewport == Viewport.Phone)
        {
            // One pane at a time: back to the list, where the draft shows on the chat's row.
            await anna.GetByTestId("back-button").ClickAsync();
            await Expect(anna.GetByTestId("chat-row").First).ToContainTextAsync("A thought for later");
            var width = await anna.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(width <= 390, $"The page scrolls sideways: {width}px wide.");
        }
    });

    [Theory]
    [InlineData(Viewport.Desktop)]
    [InlineData(Viewport.Phone)]
    public Task A_friend_request_can_be_sent_by_username_and_accepted(Viewport viewport) => RunAsync(viewport, async page =>
    {
        var me = TestUser.Create("fr");
        var other = await App.RegisterThroughApiAsync(TestUser.Create("fr"));
        await Ui.RegisterAsync(page, me);
        var them = await OpenPageAsync(viewport, "friend");
        await Ui.SignInAsync(them, other);

        await page.GetByTestId("friends-tab").ClickAsync();
        await page.GetByTestId("add-friend-input").FillAsync(other.Username);
        await page.GetByTestId("add-friend-submit").ClickAsync();
        await Expect(page.GetByTestId("friend-request")).ToHaveCountAsync(1);

        await them.GetByTestId("friends-tab").ClickAsync();
        var request = them.GetByTestId("friend-request").Filter(new() { HasText = me.DisplayName });
        await Expect(request).ToHaveCountAsync(1);
        await ScreenshotAsync(them, "incoming-request");
        await request.GetByTestId("accept-request").ClickAsync();
        await Expect(them.GetByTestId("friend").Filter(new() { HasText = me.DisplayName })).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("friend").Filter(new() { HasText = other.DisplayName })).ToHaveCountAsync(1);
    });

    private static ILocator Message(IPage page, string text) =>
        page.GetByTestId("message").Filter(new() { Has = page.GetByTestId("message-content").Filter(new() { HasText = text }) });

    private static async Task SendAsync(IPage page, string text)
    {
        await page.GetByTestId("composer-input").FillAsync(text);
        await page.GetByTestId("composer-input").PressAsync("Enter");
    }

    private static async Task OpenMenuAsync(IPage page, ILocator message)
    {
        await message.HoverAsync();
        await message.GetByTestId("message-menu-button").ClickAsync();
    }

    [GeneratedRegex("/chats/\\d+$")]
    private static partial Regex ChatUrl();
}
