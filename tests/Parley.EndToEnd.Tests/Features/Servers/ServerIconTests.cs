using System.Text.RegularExpressions;
using Parley.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Parley.EndToEnd.Tests.Features.Servers;

/// <summary>A server is created with a name and an icon; the icon shows on the rail and can be removed in its settings.</summary>
public sealed partial class ServerIconTests(AppFixture app, ITestOutputHelper output) : EndToEndTest(app, output)
{
    [Theory]
    [InlineData(Viewport.Desktop)]
    [InlineData(Viewport.Phone)]
    public Task A_server_is_created_with_an_icon_shown_on_the_rail_and_the_icon_is_removed_in_settings(Viewport viewport) => RunAsync(viewport, async anna =>
    {
        using var annaApi = await ApiSession.RegisterAsync(App, TestUser.Create("si"));
        await Ui.SignInAsync(anna, annaApi.User);

        // Anna opens "+", picks a picture for the icon, crops it and names the server.
        await anna.GetByTestId("add-server-button").ClickAsync();
        var dialog = anna.GetByTestId("add-server-dialog");
        await dialog.GetByTestId("create-server-icon-upload-input").SetInputFilesAsync(await Pictures.PngAsync(anna, "#6a1b9a", "#80deea", "icon.png"));
        await Expect(anna.GetByTestId("create-server-icon-crop")).ToBeVisibleAsync();
        await ScreenshotAsync(anna, "crop-icon");
        await anna.GetByTestId("create-server-icon-save").ClickAsync();
        await Expect(dialog.GetByTestId("create-server-icon-preview")).ToBeVisibleAsync();
        await dialog.GetByTestId("create-server-name").FillAsync("Photo Walks");
        await ScreenshotAsync(anna, "create-with-icon");
        await dialog.GetByTestId("create-server-submit").ClickAsync();
        await Expect(anna).ToHaveURLAsync(ServerUrl());

        // The rail shows the picture instead of the initials.
        var railIcon = anna.GetByTestId("server-icon").Filter(new() { Has = anna.Locator("img.rail__server-img") });
        await Expect(railIcon).ToHaveCountAsync(1);
        await Expect(railIcon.Locator("img")).ToHaveAttributeAsync("src", new Regex("/api/v1/servers/\\d+/icon\\?v=\\d+"));
        await Expect(railIcon.Locator("img")).ToHaveJSPropertyAsync("naturalWidth", 128);
        await ScreenshotAsync(anna, "rail-with-icon");

        // In the server's settings she removes it: the initials come back.
        await OpenServerMenuAsync(anna);
        await anna.GetByTestId("server-settings-link").ClickAsync();
        await Expect(anna.GetByTestId("server-icon-editor-remove")).ToBeVisibleAsync();
        await ScreenshotAsync(anna, "settings-icon");
        await anna.GetByTestId("server-icon-editor-remove").ClickAsync();
        await Expect(anna.GetByTestId("server-icon-editor-remove")).ToHaveCountAsync(0);
        await Expect(anna.GetByTestId("server-icon").Locator("img")).ToHaveCountAsync(0);
        await Expect(anna.GetByTestId("server-icon")).ToContainTextAsync("PW");

        // And sets a new one from the settings.
        await anna.GetByTestId("server-icon-editor-upload-input").SetInputFilesAsync(await Pictures.PngAsync(anna, "#ef6c00", "#fff59d", "new.png"));
        await anna.GetByTestId("server-icon-editor-save").ClickAsync();
        await Expect(anna.GetByTestId("server-icon-editor-remove")).ToBeVisibleAsync();
        await Expect(anna.GetByTestId("server-icon").Locator("img")).ToHaveCountAsync(1);
        await ScreenshotAsync(anna, "settings-icon-changed");
    });

    private static async Task OpenServerMenuAsync(IPage page)
    {
        if (!await page.GetByTestId("server-name-menu").IsVisibleAsync())
        {
            await page.GetByTestId("back-button").ClickAsync();
        }

        await page.GetByTestId("server-name-menu").ClickAsync();
    }

    [GeneratedRegex("/servers/\\d+")]
    private static partial Regex ServerUrl();
}
