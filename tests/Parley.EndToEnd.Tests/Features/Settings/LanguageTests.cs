using Parley.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Parley.EndToEnd.Tests.Features.Settings;

public sealed class LanguageTests(AppFixture app, ITestOutputHelper output) : EndToEndTest(app, output)
{
    [Theory]
    [InlineData(Viewport.Desktop)]
    [InlineData(Viewport.Phone)]
    public Task Switching_to_Russian_translates_the_app_and_is_kept_on_the_server(Viewport viewport) => RunAsync(viewport, async page =>
    {
        var user = await App.RegisterThroughApiAsync(TestUser.Create("lang"));
        var html = page.Locator("html");
        var heading = page.GetByRole(AriaRole.Heading, new() { Level = 2 });
        await Ui.SignInAsync(page, user);
        await Ui.OpenSettingsAsync(page, "language");
        await Expect(html).ToHaveAttributeAsync("lang", "en");
        await Expect(heading).ToHaveTextAsync(Ui.NoCyrillic());
        var english = (await heading.InnerTextAsync()).Trim();
        await ScreenshotAsync(page, "english");

        await AppearanceTests.SaveSettingsAsync(page, () => page.GetByTestId("language-ru").ClickAsync());
        await Expect(html).ToHaveAttributeAsync("lang", "ru");
        await Expect(heading).ToHaveTextAsync(Ui.Cyrillic());
        await Expect(page.GetByTestId("settings-section-language")).ToContainTextAsync(Ui.Cyrillic());
        await ScreenshotAsync(page, "russian");

        await page.ReloadAsync();
        await Expect(html).ToHaveAttributeAsync("lang", "ru");
        await Expect(heading).ToHaveTextAsync(Ui.Cyrillic());
        await ScreenshotAsync(page, "russian-after-reload");

        // The shell is translated too, and a new browser (no local storage) gets Russian from the server.
        var other = await OpenPageAsync(viewport, "other-browser");
        await Ui.SignInAsync(other, user);
        await Expect(other.Locator("html")).ToHaveAttributeAsync("lang", "ru");
        await Expect(other.GetByTestId("app-shell")).ToContainTextAsync(Ui.Cyrillic());
        await ScreenshotAsync(other, "russian-shell-in-another-browser");

        await AppearanceTests.SaveSettingsAsync(page, () => page.GetByTestId("language-en").ClickAsync());
        await Expect(html).ToHaveAttributeAsync("lang", "en");
        await Expect(heading).ToHaveTextAsync(english);
        await page.ReloadAsync();
        await Expect(heading).ToHaveTextAsync(english);
        await Expect(html).ToHaveAttributeAsync("lang", "en");
        await ScreenshotAsync(page, "english-again");
    });
}
