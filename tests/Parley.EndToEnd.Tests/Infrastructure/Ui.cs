using System.Globalization;
using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Parley.EndToEnd.Tests.Infrastructure;

/// <summary>What a person does in the web client, by the data-testid contract of src/Parley.Web.</summary>
public static partial class Ui
{
    public static async Task SignInAsync(IPage page, TestUser user)
    {
        await page.GotoAsync("/login");
        await page.GetByTestId("login-username").FillAsync(user.Username);
        await page.GetByTestId("login-password").FillAsync(user.Password);
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page.GetByTestId("app-shell")).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(EndsWithPath("/"));
    }

    /// <summary>Creates the account through the registration form; the browser is then signed in.</summary>
    public static async Task RegisterAsync(IPage page, TestUser user)
    {
        await page.GotoAsync("/register");
        await page.GetByTestId("register-username").FillAsync(user.Username);
        await Expect(page.GetByTestId("username-status")).ToHaveAttributeAsync("data-state", "available");
        await page.GetByTestId("register-displayname").FillAsync(user.DisplayName);
        await page.GetByTestId("register-password").FillAsync(user.Password);
        await page.GetByTestId("register-submit").ClickAsync();
        await Expect(page.GetByTestId("app-shell")).ToBeVisibleAsync();
    }

    /// <summary>
    /// Opens a settings section the way a person does: the section's entry when the settings list is already on
    /// screen, else the settings link first.
    /// </summary>
    public static async Task OpenSettingsAsync(IPage page, string section)
    {
        var entry = page.GetByTestId($"settings-nav-{section}");
        if (!await entry.IsVisibleAsync())
        {
            await page.GetByTestId("settings-link").ClickAsync();
        }

        await entry.ClickAsync();
        await Expect(page).ToHaveURLAsync(EndsWithPath($"/settings/{section}"));
    }

    /// <summary>Signs out from the settings, where the sign-out button lives, and lands on the sign-in page.</summary>
    public static async Task SignOutAsync(IPage page)
    {
        await page.GetByTestId("settings-link").ClickAsync();
        await page.GetByTestId("logout-button").ClickAsync();
        await Expect(page).ToHaveURLAsync(EndsWithPath("/login"));
        await Expect(page.GetByTestId("login-username")).ToBeVisibleAsync();
    }

    /// <summary>The colour the page is painted with: the body's background, else the root element's.</summary>
    public static Task<string> PageBackgroundAsync(IPage page) => page.EvaluateAsync<string>(
        """
        () => {
          for (const el of [document.body, document.documentElement]) {
            const colour = getComputedStyle(el).backgroundColor;
            if (colour && colour !== "transparent" && colour !== "rgba(0, 0, 0, 0)") return colour;
          }
          return "transparent";
        }
        """);

    /// <summary>Waits until the page background stops changing (themes may fade) and returns it.</summary>
    public static async Task<string> SettledPageBackgroundAsync(IPage page)
    {
        var previous = await PageBackgroundAsync(page);
        for (var i = 0; i < 40; i++)
        {
            await page.WaitForTimeoutAsync(150);
            var current = await PageBackgroundAsync(page);
            if (current == previous)
            {
                return current;
            }

            previous = current;
        }

        return previous;
    }

    /// <summary>Relative luminance (0 black .. 1 white) of a CSS rgb()/rgba() colour.</summary>
    public static double Luminance(string cssColour)
    {
        var match = RgbPattern().Match(cssColour);
        Assert.True(match.Success, $"Not an rgb() colour: {cssColour}");
        double Channel(int group)
        {
            var c = double.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) / 255;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        return (0.2126 * Channel(1)) + (0.7152 * Channel(2)) + (0.0722 * Channel(3));
    }

    /// <summary>A URL whose path is exactly <paramref name="path"/> (any origin, no query).</summary>
    /// <remarks>Patterns given to Playwright run in the browser: they may use no .NET-only options.</remarks>
    public static Regex EndsWithPath(string path) => new("^https?://[^/]+" + Regex.Escape(path) + "$");

    [GeneratedRegex(@"rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)", RegexOptions.CultureInvariant)]
    private static partial Regex RgbPattern();

    [GeneratedRegex("[А-Яа-яЁё]")]
    public static partial Regex Cyrillic();

    [GeneratedRegex("^[^А-Яа-яЁё]*$")]
    public static partial Regex NoCyrillic();
}
