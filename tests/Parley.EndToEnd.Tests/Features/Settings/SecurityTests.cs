using System.Text.RegularExpressions;
using Parley.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Parley.EndToEnd.Tests.Features.Settings;

/// <summary>The Security section of the settings: changing the password and deleting the account.</summary>
public sealed class SecurityTests(AppFixture app, ITestOutputHelper output) : EndToEndTest(app, output)
{
    [Theory]
    [InlineData(Viewport.Desktop)]
    [InlineData(Viewport.Phone)]
    public Task After_changing_the_password_the_new_one_signs_in_and_the_old_one_does_not(Viewport viewport) => RunAsync(viewport, async page =>
    {
        var user = TestUser.Create("pwd");
        await Ui.RegisterAsync(page, user);
        var changed = user with { Password = user.Password + "-Renewed" };
        await Ui.OpenSettingsAsync(page, "security");
        await ScreenshotAsync(page, "security-section");

        // A wrong current password is named on its field; nothing changes.
        await page.GetByTestId("password-current").FillAsync("not my password");
        await page.GetByTestId("password-new").FillAsync(changed.Password);
        await Expect(page.GetByTestId("password-strength")).ToBeVisibleAsync();
        await page.GetByTestId("password-confirm").FillAsync(changed.Password);
        await page.GetByTestId("password-submit").ClickAsync();
        var form = page.GetByTestId("password-form");
        await Expect(form.GetByTestId("field-error")).ToHaveTextAsync(new Regex("current password is wrong"));
        await ScreenshotAsync(page, "wrong-current-password");

        await page.GetByTestId("password-current").FillAsync(user.Password);
        await page.GetByTestId("password-submit").ClickAsync();
        await Expect(page.GetByTestId("password-changed")).ToContainTextAsync("Other devices were signed out");
        await Expect(form.GetByTestId("field-error")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("password-current")).ToHaveValueAsync("");
        await ScreenshotAsync(page, "password-changed");

        // Still signed in here; sign out and back in with the new password.
        await page.GotoAsync("/");
        await Ui.SignOutAsync(page);
        await page.GetByTestId("login-username").FillAsync(user.Username);
        await page.GetByTestId("login-password").FillAsync(user.Password);
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page.GetByTestId("form-error")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("app-shell")).ToHaveCountAsync(0);

        await Ui.SignInAsync(page, changed);
    });

    [Theory]
    [InlineData(Viewport.Desktop)]
    [InlineData(Viewport.Phone)]
    public Task Deleting_the_account_asks_for_the_password_and_ends_on_the_sign_in_page(Viewport viewport) => RunAsync(viewport, async page =>
    {
        var user = TestUser.Create("del");
        await Ui.RegisterAsync(page, user);
        await Ui.OpenSettingsAsync(page, "security");

        await page.GetByTestId("delete-account").ClickAsync();
        var dialog = page.GetByTestId("delete-account-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog).ToContainTextAsync("Deleted account");
        await ScreenshotAsync(page, "delete-dialog");

        await dialog.GetByTestId("delete-account-password").FillAsync("not my password");
        await dialog.GetByTestId("delete-account-confirm").ClickAsync();
        await Expect(dialog.GetByTestId("field-error")).ToHaveTextAsync("Wrong password.");
        await ScreenshotAsync(page, "delete-wrong-password");

        await dialog.GetByTestId("delete-account-password").FillAsync(user.Password);
        await dialog.GetByTestId("delete-account-confirm").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/login"));
        await Expect(page.GetByTestId("login-username")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("app-shell")).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "deleted-signed-out");

        // The account is gone: its name and password no longer sign in.
        await page.GetByTestId("login-username").FillAsync(user.Username);
        await page.GetByTestId("login-password").FillAsync(user.Password);
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page.GetByTestId("form-error")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("app-shell")).ToHaveCountAsync(0);
    });

    [Theory]
    [InlineData(Viewport.Desktop)]
    [InlineData(Viewport.Phone)]
    public Task Signing_out_all_other_devices_asks_first_and_leaves_only_this_one(Viewport viewport) => RunAsync(viewport, async page =>
    {
        var user = TestUser.Create("others");
        await Ui.RegisterAsync(page, user);
        var other = await OpenPageAsync(viewport, "other-device");
        await Ui.SignInAsync(other, user);

        await Ui.OpenSettingsAsync(page, "sessions");
        var rows = page.GetByTestId("session-row");
        await Expect(rows).ToHaveCountAsync(2);
        await page.GetByTestId("sessions-revoke-others").ClickAsync();
        await Expect(page.GetByTestId("confirm-dialog")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "confirm-sign-out-others");
        await page.GetByTestId("confirm-ok").ClickAsync();

        await Expect(rows).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("session-current")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("sessions-revoke-others")).ToHaveCountAsync(0);
        await Expect(other).ToHaveURLAsync(new Regex("/login"));
        await ScreenshotAsync(page, "others-signed-out");
    });
}
