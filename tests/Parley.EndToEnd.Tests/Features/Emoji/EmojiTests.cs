using System.Text.RegularExpressions;
using Parley.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Parley.EndToEnd.Tests.Features.Emoji;

/// <summary>An owner adds a custom emoji and a sticker in server settings, writes with the emoji, reacts with it and sends the sticker.</summary>
public sealed class EmojiTests(AppFixture app, ITestOutputHelper output) : EndToEndTest(app, output)
{
    [Theory]
    [InlineData(Viewport.Desktop)]
    [InlineData(Viewport.Phone)]
    public Task An_owner_uploads_an_emoji_and_a_sticker_then_writes_reacts_and_sends_them(Viewport viewport) => RunAsync(viewport, async anna =>
    {
        using var annaApi = await ApiSession.RegisterAsync(App, TestUser.Create("em"));
        var server = await annaApi.PostAsync("/api/v1/servers", new { name = "Emoji Garden" });
        var serverId = server.GetProperty("id").GetString()!;
        var channels = await annaApi.GetAsync($"/api/v1/servers/{serverId}/channels");
        var general = channels.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "general").GetProperty("id").GetString()!;
        await Ui.SignInAsync(anna, annaApi.User);

        // In the server's settings, Anna uploads an emoji: the name comes from the file, and it shows in the list.
        await anna.GotoAsync($"/servers/{serverId}/settings/emoji");
        await Expect(anna.GetByTestId("emoji-tab")).ToBeVisibleAsync();
        await Expect(anna.GetByTestId("settings-tab-emoji")).ToHaveAttributeAsync("aria-current", "page");
        await anna.GetByTestId("emoji-file").SetInputFilesAsync(await Pictures.PngAsync(anna, "#2e7d32", "#ffeb3b", "party time.png"));
        await Expect(anna.GetByTestId("emoji-name")).ToHaveValueAsync("party_time");
        await anna.GetByTestId("emoji-name").FillAsync("x");
        await anna.GetByTestId("emoji-upload").ClickAsync();
        await Expect(anna.Locator("[data-testid=field-error][data-field=name]")).ToBeVisibleAsync();
        await anna.GetByTestId("emoji-name").FillAsync("party");
        await anna.GetByTestId("emoji-upload").ClickAsync();
        var row = anna.Locator("[data-testid=emoji-row][data-name=party]");
        await Expect(row).ToBeVisibleAsync();
        await Expect(row.Locator("img")).ToHaveJSPropertyAsync("naturalWidth", 128);
        await Expect(anna.GetByTestId("emoji-count")).ToContainTextAsync("1");
        await ScreenshotAsync(anna, "emoji-tab");

        // And a sticker, with a description.
        await anna.GotoAsync($"/servers/{serverId}/settings/stickers");
        await anna.GetByTestId("stickers-file").SetInputFilesAsync(await Pictures.PngAsync(anna, "#1565c0", "#ff8a65", "wave.png"));
        await anna.GetByTestId("stickers-description").FillAsync("A friendly wave");
        await anna.GetByTestId("stickers-upload").ClickAsync();
        await Expect(anna.Locator("[data-testid=stickers-row][data-name=wave]")).ToBeVisibleAsync();
        await ScreenshotAsync(anna, "stickers-tab");

        // In #general, typing :party: turns into the emoji, which the message shows as a picture.
        await anna.GotoAsync($"/servers/{serverId}/{general}");
        var input = anna.GetByTestId("composer-input");
        await Expect(input).ToBeVisibleAsync();
        await anna.GetByTestId("emoji-button").ClickAsync();
        await Expect(anna.GetByTestId("emoji-server-tab")).ToHaveCountAsync(1);
        await anna.GetByTestId("emoji-button").ClickAsync();
        await Expect(anna.GetByTestId("emoji-picker")).ToHaveCountAsync(0);
        await input.PressSequentiallyAsync("Welcome :party:");
        await Expect(input).ToHaveValueAsync(new Regex("^Welcome <:party:\\d+>$"));
        await input.PressAsync("Enter");
        var message = anna.GetByTestId("message").Filter(new() { HasText = "Welcome" });
        var emoji = message.GetByTestId("custom-emoji");
        await Expect(emoji).ToHaveAttributeAsync("alt", ":party:");
        await Expect(emoji).ToHaveJSPropertyAsync("complete", true);
        await Expect(emoji).ToHaveJSPropertyAsync("naturalWidth", 128);

        // She reacts with it from the picker's tab for this server.
        await message.HoverAsync();
        await message.GetByTestId("message-menu-button").ClickAsync();
        await anna.GetByTestId("menu-react-more").ClickAsync();
        await anna.GetByTestId("emoji-server-tab").ClickAsync();
        await Expect(anna.Locator("[data-testid=custom-emoji-option][data-name=party]")).ToBeVisibleAsync();
        await ScreenshotAsync(anna, "picker-server-tab");
        await anna.Locator("[data-testid=custom-emoji-option][data-name=party]").ClickAsync();
        var reaction = message.GetByTestId("reaction");
        await Expect(reaction).ToHaveAttributeAsync("data-emoji", new Regex("^party:\\d+$"));
        await Expect(reaction.GetByTestId("custom-reaction")).ToHaveAttributeAsync("alt", ":party:");
        await Expect(reaction).ToHaveAttributeAsync("aria-pressed", "true");

        // A message of the emoji alone is shown large.
        await input.FillAsync("");
        await input.PressSequentiallyAsync(":party:");
        await input.PressAsync("Enter");
        var big = anna.Locator(".msg--big").GetByTestId("custom-emoji");
        await Expect(big).ToBeVisibleAsync();
        Assert.Equal(48, (await big.BoundingBoxAsync())!.Width, 1);

        // The sticker button offers the server's stickers; picking one sends it.
        await anna.GetByTestId("sticker-button").ClickAsync();
        await Expect(anna.GetByTestId("sticker-picker")).ToBeVisibleAsync();
        await ScreenshotAsync(anna, "sticker-picker");
        await anna.Locator("[data-testid=sticker-option][data-name=wave]").ClickAsync();
        var sticker = anna.GetByTestId("message-sticker");
        await Expect(sticker).ToBeVisibleAsync();
        await Expect(sticker).ToHaveAttributeAsync("alt", "A friendly wave");
        await Expect(sticker).ToHaveJSPropertyAsync("complete", true);
        await Expect(anna.GetByTestId("sticker-picker")).ToHaveCountAsync(0);
        await ScreenshotAsync(anna, "chat-with-emoji-and-sticker");
    });
}
