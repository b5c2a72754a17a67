using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Parley.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Parley.EndToEnd.Tests.Features.Search;

/// <summary>
/// Finding old messages: a word, a partial word and a Cyrillic word in a long direct chat, and a word in a server
/// channel; each result shows the word highlighted and opens the conversation at the message, highlighted in context.
/// </summary>
public sealed partial class SearchTests(AppFixture app, ITestOutputHelper output) : EndToEndTest(app, output)
{
    private const int Later = 70;

    [Theory]
    [InlineData(Viewport.Desktop)]
    [InlineData(Viewport.Phone)]
    public Task Messages_are_found_from_the_chat_list_and_open_in_context(Viewport viewport) => RunAsync(viewport, async anna =>
    {
        var annaUser = TestUser.Create("anna");
        var borisUser = TestUser.Create("boris");
        await Ui.RegisterAsync(anna, annaUser);
        var boris = await OpenPageAsync(viewport, "boris");
        await Ui.RegisterAsync(boris, borisUser);

        await anna.GetByTestId("chat-search").FillAsync(borisUser.Username);
        await anna.GetByTestId("person-result").Filter(new() { HasText = borisUser.DisplayName }).First.ClickAsync();
        await Expect(anna).ToHaveURLAsync(ChatUrl());
        var channelId = ChatUrl().Match(anna.Url).Groups[1].Value;

        // A long chat: a few messages, the two to find, then many more, so that they are far from the newest page.
        await PostAsync(anna, channelId, Enumerable.Range(1, 10).Select(i => $"Earlier note {i}"));
        await PostAsync(anna, channelId, ["Remember the pineapple upside-down cake recipe", "Встречаемся у фонтана в полдень"]);
        await PostAsync(boris, channelId, Enumerable.Range(1, Later).Select(i => $"Later chatter {i}"));

        // A fresh start: nothing of the chat is loaded.
        await anna.GotoAsync("/");
        await anna.GetByTestId("chat-search").FillAsync("pineapp");
        var result = anna.GetByTestId("search-result").Filter(new() { HasText = "upside-down" });
        await Expect(result).ToHaveCountAsync(1);
        await Expect(result.Locator("mark")).ToHaveTextAsync(new Regex("^pineapp$", RegexOptions.IgnoreCase));
        await Expect(anna.GetByTestId("search-total")).ToHaveTextAsync("1 result");
        await anna.GetByTestId("search-sort-relevance").ClickAsync();
        await Expect(anna.GetByTestId("search-sort-relevance")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(result).ToHaveCountAsync(1);
        await ScreenshotAsync(anna, "results");

        // Opening it shows the chat at the message, highlighted, with the messages around it.
        var messageId = await result.GetAttributeAsync("data-message-id");
        await result.ClickAsync();
        await Expect(anna).ToHaveURLAsync(new Regex($"/chats/{channelId}\\?message={messageId}$"));
        var target = anna.Locator($"[data-testid=message][data-message-id=\"{messageId}\"]");
        await Expect(target).ToBeInViewportAsync();
        await Expect(target).ToHaveClassAsync(new Regex("msg--highlight"));
        await Expect(Message(anna, "Earlier note 10")).ToBeVisibleAsync();
        await Expect(Message(anna, "Later chatter 1")).ToBeVisibleAsync();
        await ScreenshotAsync(anna, "jumped");
        if (viewport == Viewport.Desktop)
        {
            // Beside the open chat, the search may be narrowed to it.
            await anna.GetByTestId("search-scope-channel").ClickAsync();
            await Expect(anna.GetByTestId("search-scope-channel")).ToHaveAttributeAsync("aria-pressed", "true");
            await Expect(result).ToHaveCountAsync(1);
        }

        // Newer messages are still there below: jump to the latest.
        await anna.GetByTestId("jump-to-latest").ClickAsync();
        await Expect(Message(anna, $"Later chatter {Later}")).ToBeInViewportAsync();

        // A Cyrillic partial word, picked with the keyboard ("/" focuses the search box).
        if (viewport == Viewport.Phone)
        {
            await anna.GetByTestId("back-button").ClickAsync();
        }

        await anna.EvaluateAsync("() => document.activeElement?.blur()");
        await anna.Keyboard.PressAsync("/");
        await Expect(anna.GetByTestId("chat-search")).ToBeFocusedAsync();
        await anna.GetByTestId("chat-search").FillAsync("фонта");
        var cyrillic = anna.GetByTestId("search-result").Filter(new() { HasText = "Встречаемся" });
        await Expect(cyrillic.Locator("mark")).ToHaveTextAsync("фонта");
        await anna.Keyboard.PressAsync("ArrowDown");
        await Expect(cyrillic).ToBeFocusedAsync();
        await anna.Keyboard.PressAsync("Enter");
        var found = anna.Locator("[data-testid=message]").Filter(new() { HasText = "Встречаемся у фонтана" });
        await Expect(found).ToBeInViewportAsync();
        await Expect(found).ToHaveClassAsync(new Regex("msg--highlight"));
        await ScreenshotAsync(anna, "jumped-cyrillic");
    });

    [Theory]
    [InlineData(Viewport.Desktop)]
    [InlineData(Viewport.Phone)]
    public Task A_server_is_searched_from_its_channel_and_the_result_opens_in_the_channel(Viewport viewport) => RunAsync(viewport, async anna =>
    {
        await Ui.RegisterAsync(anna, TestUser.Create("anna"));
        await anna.GetByTestId("add-server-button").ClickAsync();
        await anna.GetByTestId("create-server-name").FillAsync("Zoo Club");
        await anna.GetByTestId("create-server-submit").ClickAsync();
        await Expect(anna).ToHaveURLAsync(new Regex("/servers/\\d+"));
        await anna.GetByTestId("server-channel").Filter(new() { HasText = "general" }).ClickAsync();
        await Expect(anna).ToHaveURLAsync(new Regex("/servers/\\d+/\\d+$"));
        var channelUrl = anna.Url;
        var channelId = channelUrl[(channelUrl.LastIndexOf('/') + 1)..];

        await PostAsync(anna, channelId, ["The giraffe escaped again", .. Enumerable.Range(1, Later).Select(i => $"Zoo update {i}")]);
        await anna.GotoAsync(channelUrl);

        // The header's search opens the panel, scoped to this server.
        await anna.GetByTestId("server-search-button").ClickAsync();
        await Expect(anna.GetByTestId("search-overlay")).ToBeVisibleAsync();
        await Expect(anna.GetByTestId("search-scope-server")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(anna.GetByTestId("search-hints")).ToBeVisibleAsync();
        await anna.GetByTestId("search-overlay-input").FillAsync("GIRAF");
        var result = anna.GetByTestId("search-result").Filter(new() { HasText = "escaped" });
        await Expect(result.Locator("mark")).ToHaveTextAsync("giraf");
        await Expect(result).ToContainTextAsync("#general");
        await ScreenshotAsync(anna, "server-results");

        await result.ClickAsync();
        await Expect(anna.GetByTestId("search-overlay")).ToHaveCountAsync(0);
        var found = Message(anna, "The giraffe escaped again");
        await Expect(found).ToBeInViewportAsync();
        await Expect(found).ToHaveClassAsync(new Regex("msg--highlight"));
        await Expect(Message(anna, "Zoo update 1")).ToBeVisibleAsync();
        await ScreenshotAsync(anna, "server-jumped");

        // Esc closes the panel.
        await anna.GetByTestId("server-search-button").ClickAsync();
        await Expect(anna.GetByTestId("search-overlay-input")).ToBeFocusedAsync();
        await anna.Keyboard.PressAsync("Escape");
        await Expect(anna.GetByTestId("search-overlay")).ToHaveCountAsync(0);
    });

    private static ILocator Message(IPage page, string text) =>
        page.Locator("[data-testid=message]").Filter(new() { Has = page.GetByTestId("message-content").GetByText(text, new() { Exact = true }) });

    /// <summary>Posts messages as the page's user, in order, through the API (waiting out the send rate limit).</summary>
    private static async Task PostAsync(IPage page, string channelId, IEnumerable<string> texts) => await page.EvaluateAsync(
        """
        async ([channelId, texts]) => {
          const token = () => {
            const cookie = document.cookie.split("; ").find((c) => c.startsWith("XSRF-TOKEN="));
            return cookie ? decodeURIComponent(cookie.slice("XSRF-TOKEN=".length)) : "";
          };
          if (!token()) await fetch("/api/v1/auth/antiforgery");
          for (const content of texts) {
            for (;;) {
              const response = await fetch(`/api/v1/channels/${channelId}/messages`, {
                method: "POST",
                headers: { "Content-Type": "application/json", "X-XSRF-TOKEN": token() },
                body: JSON.stringify({ content, nonce: crypto.randomUUID() }),
              });
              if (response.status === 429) {
                await new Promise((resolve) => setTimeout(resolve, 500));
                continue;
              }
              if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
              break;
            }
          }
        }
        """,
        new object[] { channelId, texts.ToArray() });

    [GeneratedRegex("/chats/(\\d+)")]
    private static partial Regex ChatUrl();
}
