using System.Text.RegularExpressions;
using Parley.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Parley.EndToEnd.Tests.Features.Accounts;

public sealed class SignInTests(AppFixture app, ITestOutputHelper output) : EndToEndTest(app, output)
{
    [Theory]
    [InlineData(Viewport.Desktop)]
    [InlineData(Viewport.Phone)]
    public Task A_wrong_password_shows_an_error_and_stays_signed_out(Viewport viewport) => RunAsync(viewport, async page =>
    {
        var user = await App.RegisterThroughApiAsync(TestUser.Create("bad"));

        await page.GotoAsync("/login");
        await ScreenshotAsync(page, "login-empty");
        await page.GetByTestId("login-username").FillAsync(user.Username);
        await page.GetByTestId("login-password").FillAsync(user.Password + "-wrong");
        await page.GetByTestId("login-submit").ClickAsync();

        var error = page.GetByTestId("form-error");
        await Expect(error).ToBeVisibleAsync();
        await Expect(error).ToHaveTextAsync(new Regex(@"\w{3,}"));
        await ScreenshotAsync(page, "login-error");
        await Expect(page).ToHaveURLAsync(new Regex("/login"));
        await Expect(page.GetByTestId("app-shell")).ToHaveCountAsync(0);

        // Nobody was signed in: the app still sends us to the sign-in page.
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("/login"));

        // An unknown name is refused the same way.
        await page.GetByTestId("login-username").FillAsync(user.Username + "x");
        await page.GetByTestId("login-password").FillAsync(user.Password);
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page.GetByTestId("form-error")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("app-shell")).ToHaveCountAsync(0);

        // And the right password still works afterwards.
        await page.GetByTestId("login-username").FillAsync(user.Username);
        await page.GetByTestId("login-password").FillAsync(user.Password);
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page.GetByTestId("app-shell")).ToBeVisibleAsync();
    });
}
