using Parley.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Parley.EndToEnd.Tests.Features.Settings;

public sealed class AppearanceTests(AppFixture app, ITestOutputHelper output) : EndToEndTest(app, output)
{
    [Theory]
    [InlineData(Viewport.Desktop)]
    [InlineData(Viewport.Phone)]
    public Task The_theme_changes_at_once_and_is_kept_on_the_server(Viewport viewport) => RunAsync(viewport, async page =>
    {
        var user = await App.RegisterThroughApiAsync(TestUser.Create("theme"));
        var html = page.Locator("html");
        await Ui.SignInAsync(page, user);
        await Ui.OpenSettingsAsync(page, "appearance");
        if (viewport == Viewport.Phone)
        {
            // On a phone a settings section fills the screen and has a way back.
            await Expect(page.GetByTestId("back-button")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("settings-nav-appearance")).ToBeHiddenAsync();
        }

        await page.GetByTestId("theme-light").ClickAsync();
        await Expect(html).ToHaveAttributeAsync("data-theme", "light");
        var light = await Ui.SettledPageBackgroundAsync(page);
        await ScreenshotAsync(page, "light");

        await SaveSettingsAsync(page, () => page.GetByTestId("theme-dark").ClickAsync());
        await Expect(html).ToHaveAttributeAsync("data-theme", "dark");
        var dark = await Ui.SettledPageBackgroundAsync(page);
        Assert.NotEqual(light, dark);
        Assert.True(Ui.Luminance(dark) < Ui.Luminance(light), $"The dark background {dark} is not darker than the light one {light}.");
        await ScreenshotAsync(page, "dark");

        await page.ReloadAsync();
        await Expect(page.GetByTestId("theme-dark")).ToBeVisibleAsync();
        await Expect(html).ToHaveAttributeAsync("data-theme", "dark");
        Assert.Equal(dark, await Ui.SettledPageBackgroundAsync(page));
        await ScreenshotAsync(page, "dark-after-reload");

        // Kept on the server, not only in this browser: a new browser (no local storage) gets the dark theme too.
        var other = await OpenPageAsync(viewport, "other-browser");
        await Ui.SignInAsync(other, user);
        await Expect(other.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        await ScreenshotAsync(other, "dark-in-another-browser");

        if (viewport == Viewport.Phone)
        {
            await page.GetByTestId("back-button").ClickAsync();
            await Expect(page).ToHaveURLAsync(Ui.EndsWithPath("/settings"));
            await Expect(page.GetByTestId("settings-nav-appearance")).ToBeVisibleAsync();
        }

        // Back to light, for the people who like it.
        await Ui.OpenSettingsAsync(page, "appearance");
        await SaveSettingsAsync(page, () => page.GetByTestId("theme-light").ClickAsync());
        await Expect(html).ToHaveAttributeAsync("data-theme", "light");
        Assert.Equal(light, await Ui.SettledPageBackgroundAsync(page));
    });

    /// <summary>Does <paramref name="action"/> and waits for the settings it changed to be saved on the server.</summary>
    internal static async Task SaveSettingsAsync(IPage page, Func<Task> action)
    {
        var saved = await page.RunAndWaitForResponseAsync(
            action,
            response => response.Url.Contains("/api/v1/users/me/settings", StringComparison.Ordinal) && response.Request.Method == "PATCH");
        Assert.True(saved.Ok, $"Saving the settings answered {saved.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
    }
}
