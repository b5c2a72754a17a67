using System.Text.RegularExpressions;
using Parley.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Parley.EndToEnd.Tests.Features.Settings;

public sealed class SessionsTests(AppFixture app, ITestOutputHelper output) : EndToEndTest(app, output)
{
    [Theory]
    [InlineData(Viewport.Desktop)]
    [InlineData(Viewport.Phone)]
    public Task A_revoked_browser_with_a_live_connection_is_sent_to_sign_in_at_once(Viewport viewport) => RunAsync(viewport, async page =>
    {
        var other = await SignInTwiceAndRevokeTheOtherAsync(page, viewport, liveConnection: true);

        // Nobody touches the other device: the server tells it over its live connection.
        await Expect(other).ToHaveURLAsync(new Regex("/login"));
        await Expect(other.GetByTestId("login-username")).ToBeVisibleAsync();
        await Expect(other.GetByTestId("app-shell")).ToHaveCountAsync(0);
        await ScreenshotAsync(other, "revoked-device-signed-out-live");

        // It stays signed out after a reload, and this device is still signed in.
        await other.ReloadAsync();
        await Expect(other).ToHaveURLAsync(new Regex("/login"));
        await page.ReloadAsync();
        await Expect(page).ToHaveURLAsync(Ui.EndsWithPath("/settings/sessions"));
        await Expect(page.GetByTestId("session-row")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("session-current")).ToHaveCountAsync(1);
    });

    [Theory]
    [InlineData(Viewport.Desktop)]
    [InlineData(Viewport.Phone)]
    public Task A_revoked_browser_without_a_live_connection_is_sent_to_sign_in_on_its_next_page_load(Viewport viewport) => RunAsync(viewport, async page =>
    {
        var other = await SignInTwiceAndRevokeTheOtherAsync(page, viewport, liveConnection: false);

        await other.ReloadAsync();
        await Expect(other).ToHaveURLAsync(new Regex("/login"));
        await Expect(other.GetByTestId("login-username")).ToBeVisibleAsync();
        await Expect(other.GetByTestId("app-shell")).ToHaveCountAsync(0);
        await ScreenshotAsync(other, "revoked-device-after-reload");
    });

    [Theory]
    [InlineData(Viewport.Desktop)]
    [InlineData(Viewport.Phone)]
    public Task A_revoked_browser_without_a_live_connection_is_sent_to_sign_in_by_its_next_request(Viewport viewport) => RunAsync(viewport, async page =>
    {
        var other = await SignInTwiceAndRevokeTheOtherAsync(page, viewport, liveConnection: false);

        // The other device still shows the app; opening the settings and its device list asks the server, which
        // refuses. The app may leave for the sign-in page as soon as the first of those requests is refused.
        await other.GetByTestId("settings-link").ClickAsync();
        var sessionsEntry = other.GetByTestId("settings-nav-sessions");
        await Expect(sessionsEntry.Or(other.GetByTestId("login-username")).First).ToBeVisibleAsync();
        if (await sessionsEntry.IsVisibleAsync())
        {
            try
            {
                await sessionsEntry.ClickAsync(new() { Timeout = 3_000 });
            }
            catch (TimeoutException)
            {
                // The entry went away between seeing it and clicking it: the app is already leaving for sign-in.
            }
        }

        await Expect(other).ToHaveURLAsync(new Regex("/login"));
        await Expect(other.GetByTestId("login-username")).ToBeVisibleAsync();
        await Expect(other.GetByTestId("app-shell")).ToHaveCountAsync(0);
        await ScreenshotAsync(other, "revoked-device-after-a-request");
    });

    /// <summary>
    /// Registers in <paramref name="page"/>, signs the same user in on a second browser, revokes that browser's session
    /// from the device list of the first, and returns the second browser's page. Without a live connection the second
    /// browser cannot reach the real-time hub (as behind a proxy without WebSockets, or asleep while it was revoked), so
    /// it learns of the revocation only from its own requests.
    /// </summary>
    private async Task<IPage> SignInTwiceAndRevokeTheOtherAsync(IPage page, Viewport viewport, bool liveConnection)
    {
        // Registering signs this browser in: the user's first session.
        var user = TestUser.Create("sess");
        await Ui.RegisterAsync(page, user);

        // A second device of the same person.
        var other = await OpenPageAsync(viewport, "other-device");
        if (!liveConnection)
        {
            await other.Context.RouteWebSocketAsync(new Regex("/hub"), socket => socket.CloseAsync());
        }

        await Ui.SignInAsync(other, user);

        await Ui.OpenSettingsAsync(page, "sessions");
        var rows = page.GetByTestId("session-row");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("session-current")).ToHaveCountAsync(1);
        var current = rows.Filter(new() { Has = page.GetByTestId("session-current") });
        var otherRow = rows.Filter(new() { HasNot = page.GetByTestId("session-current") });
        await Expect(current).ToHaveCountAsync(1);
        await Expect(otherRow).ToHaveCountAsync(1);
        await Expect(current.GetByTestId("session-revoke")).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "two-sessions");

        await otherRow.GetByTestId("session-revoke").ClickAsync();
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("session-current")).ToHaveCountAsync(1);
        await ScreenshotAsync(page, "other-session-revoked");
        return other;
    }
}
