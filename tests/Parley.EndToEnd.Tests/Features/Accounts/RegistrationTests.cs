using Parley.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Parley.EndToEnd.Tests.Features.Accounts;

public sealed class RegistrationTests(AppFixture app, ITestOutputHelper output) : EndToEndTest(app, output)
{
    [Theory]
    [InlineData(Viewport.Desktop)]
    [InlineData(Viewport.Phone)]
    public Task A_new_user_registers_sees_the_app_signs_out_and_signs_in_again(Viewport viewport) => RunAsync(viewport, async page =>
    {
        var user = TestUser.Create("new");
        await page.GotoAsync("/register");
        await ScreenshotAsync(page, "register-empty");

        // The availability hint answers for the name typed.
        await page.GetByTestId("register-username").FillAsync(user.Username);
        var status = page.GetByTestId("username-status");
        await Expect(status).ToHaveAttributeAsync("data-state", "available");
        await Expect(status).ToContainTextAsync(user.Username);
        await Expect(page.GetByTestId("username-suggestion")).ToHaveCountAsync(0);

        // The strength meter follows the password as it is typed.
        var strength = page.GetByTestId("password-strength");
        await page.GetByTestId("register-password").FillAsync("abc");
        await Expect(strength).ToBeVisibleAsync();
        await Expect(strength).ToHaveAttributeAsync("data-strength", "weak");
        await ScreenshotAsync(page, "register-weak-password");
        await page.GetByTestId("register-password").FillAsync(user.Password);
        await Expect(strength).ToHaveAttributeAsync("data-strength", new System.Text.RegularExpressions.Regex("^(good|strong)$"));

        await page.GetByTestId("register-displayname").FillAsync(user.DisplayName);
        await ScreenshotAsync(page, "register-filled");
        await page.GetByTestId("register-submit").ClickAsync();

        await Expect(page.GetByTestId("app-shell")).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(Ui.EndsWithPath("/"));
        await Expect(page.GetByTestId("user-panel")).ToContainTextAsync(user.DisplayName);
        if (viewport == Viewport.Desktop)
        {
            await Expect(page.GetByTestId("rail")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("sidebar")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("conversation-empty")).ToBeVisibleAsync();
        }
        else
        {
            await Expect(page.GetByTestId("sidebar")).ToBeVisibleAsync();
        }

        await ScreenshotAsync(page, "app-shell");

        await Ui.SignOutAsync(page);
        await ScreenshotAsync(page, "signed-out");

        // Signed out for real: the app is no longer reachable without signing in.
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login"));
        await Expect(page.GetByTestId("app-shell")).ToHaveCountAsync(0);

        await Ui.SignInAsync(page, user);
        await Expect(page.GetByTestId("user-panel")).ToContainTextAsync(user.DisplayName);
        await ScreenshotAsync(page, "signed-in-again");
    });

    [Theory]
    [InlineData(Viewport.Desktop)]
    [InlineData(Viewport.Phone)]
    public Task A_taken_username_offers_suggestions_and_picking_one_fills_the_field(Viewport viewport) => RunAsync(viewport, async page =>
    {
        var taken = await App.RegisterThroughApiAsync(TestUser.Create("taken"));
        var user = TestUser.Create("new");

        await page.GotoAsync("/register");
        await page.GetByTestId("register-username").FillAsync(taken.Username);
        var status = page.GetByTestId("username-status");
        await Expect(status).ToHaveAttributeAsync("data-state", "taken");
        var suggestions = page.GetByTestId("username-suggestion");
        await Expect(suggestions.First).ToBeVisibleAsync();
        Assert.True(await suggestions.CountAsync() >= 1);
        await ScreenshotAsync(page, "username-taken");

        var suggestion = (await suggestions.Nth(1).CountAsync() > 0 ? suggestions.Nth(1) : suggestions.First);
        var picked = (await suggestion.InnerTextAsync()).Trim();
        Assert.False(string.Equals(taken.Username, picked, StringComparison.OrdinalIgnoreCase), "A suggestion repeats the taken name.");
        await suggestion.ClickAsync();

        await Expect(page.GetByTestId("register-username")).ToHaveValueAsync(picked);
        await Expect(status).ToHaveAttributeAsync("data-state", "available");
        await Expect(suggestions).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "suggestion-picked");

        // The picked name really is free: registering with it works.
        await page.GetByTestId("register-password").FillAsync(user.Password);
        await page.GetByTestId("register-submit").ClickAsync();
        await Expect(page.GetByTestId("app-shell")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("user-panel")).ToContainTextAsync(picked);
    });
}
