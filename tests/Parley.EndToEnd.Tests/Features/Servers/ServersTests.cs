using System.Text.RegularExpressions;
using Parley.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Parley.EndToEnd.Tests.Features.Servers;

/// <summary>A server from scratch: create it, invite someone through a link, give them a role, and talk in #general.</summary>
public sealed partial class ServersTests(AppFixture app, ITestOutputHelper output) : EndToEndTest(app, output)
{
    [Theory]
    [InlineData(Viewport.Desktop)]
    [InlineData(Viewport.Phone)]
    public Task A_server_is_created_joined_by_invite_link_given_roles_and_used_to_chat(Viewport viewport) => RunAsync(viewport, async anna =>
    {
        var annaUser = TestUser.Create("anna");
        var borisUser = TestUser.Create("boris");
        await Ui.RegisterAsync(anna, annaUser);

        // Anna creates a server from the rail's "+".
        await anna.GetByTestId("add-server-button").ClickAsync();
        await anna.GetByTestId("create-server-name").FillAsync("Book Club");
        await anna.GetByTestId("create-server-submit").ClickAsync();
        await Expect(anna).ToHaveURLAsync(ServerUrl());
        await Expect(anna.GetByTestId("server-icon")).ToHaveCountAsync(1);
        await Expect(anna.GetByTestId("server-channel").Filter(new() { HasText = "general" })).ToBeVisibleAsync();
        await ScreenshotAsync(anna, "server-created");

        // She makes an invite and copies its link.
        await anna.GetByTestId("server-name-menu").ClickAsync();
        await anna.GetByTestId("invite-button").ClickAsync();
        await Expect(anna.GetByTestId("invite-link")).ToHaveValueAsync(new Regex("/invite/[A-Za-z0-9_-]+$"));
        var link = await anna.GetByTestId("invite-link").InputValueAsync();
        await ScreenshotAsync(anna, "invite-link");
        await anna.Keyboard.PressAsync("Escape");

        // Boris opens the link signed out, signs up from it, comes back to the invite and joins.
        var boris = await OpenPageAsync(viewport, "boris");
        await boris.GotoAsync(link);
        await Expect(boris.GetByTestId("invite-server-name")).ToHaveTextAsync("Book Club");
        await Expect(boris.GetByTestId("invite-member-count")).ToContainTextAsync("1");
        await ScreenshotAsync(boris, "invite-signed-out");
        await boris.GetByTestId("invite-register").ClickAsync();
        await boris.GetByTestId("register-username").FillAsync(borisUser.Username);
        await Expect(boris.GetByTestId("username-status")).ToHaveAttributeAsync("data-state", "available");
        await boris.GetByTestId("register-displayname").FillAsync(borisUser.DisplayName);
        await boris.GetByTestId("register-password").FillAsync(borisUser.Password);
        await boris.GetByTestId("register-submit").ClickAsync();
        await Expect(boris).ToHaveURLAsync(new Regex("/invite/"));
        await boris.GetByTestId("invite-accept").ClickAsync();
        await Expect(boris).ToHaveURLAsync(ServerUrl());
        await Expect(boris.GetByTestId("server-icon")).ToHaveCountAsync(1);

        // Anna creates a shown-separately role that may kick, and gives it to Boris.
        await OpenServerMenuAsync(anna);
        await anna.GetByTestId("server-settings-link").ClickAsync();
        await anna.GetByTestId("settings-tab-roles").ClickAsync();
        await Expect(anna.GetByTestId("role-row").Filter(new() { HasText = "@everyone" })).ToBeVisibleAsync();
        await anna.GetByTestId("role-create").ClickAsync();
        await anna.GetByTestId("role-name").FillAsync("Moderators");
        await anna.GetByTestId("role-hoist").CheckAsync();
        await anna.GetByTestId("permission-toggle-KickMembers").CheckAsync();
        await anna.GetByTestId("role-save").ClickAsync();
        await Expect(anna.GetByTestId("role-row").Filter(new() { HasText = "Moderators" })).ToBeVisibleAsync();
        await ScreenshotAsync(anna, "role-created");
        await anna.GetByTestId("settings-tab-members").ClickAsync();
        var borisRow = anna.GetByTestId("member-row").Filter(new() { HasText = borisUser.Username });
        await borisRow.Locator("[data-testid=member-role-toggle][data-role-name=Moderators]").CheckAsync();
        await Expect(borisRow.Locator("[data-testid=member-role-toggle][data-role-name=Moderators]")).ToBeCheckedAsync();
        await anna.GetByTestId("settings-tab-audit").ClickAsync();
        await Expect(anna.GetByTestId("audit-row").First).ToBeVisibleAsync();
        await ScreenshotAsync(anna, "audit-log");

        // Both open #general and exchange a message.
        await anna.GetByTestId("server-settings-close").ClickAsync();
        await OpenGeneralAsync(anna);
        await OpenGeneralAsync(boris);
        await SendAsync(boris, "Hello from Boris");
        await Expect(Message(anna, "Hello from Boris")).ToBeVisibleAsync();
        await SendAsync(anna, "Welcome, Boris!");
        await Expect(Message(boris, "Welcome, Boris!")).ToBeVisibleAsync();

        // Anna's members panel lists Boris under his hoisted role.
        if (!await anna.GetByTestId("members-panel").IsVisibleAsync())
        {
            await anna.GetByTestId("members-toggle").ClickAsync();
        }

        await Expect(anna.GetByTestId("members-panel")).ToContainTextAsync("Moderators");
        await Expect(anna.GetByTestId("members-panel").GetByTestId("member-row").Filter(new() { HasText = borisUser.DisplayName })).ToBeVisibleAsync();
        await ScreenshotAsync(anna, "conversation-members");
        await ScreenshotAsync(boris, "conversation");

        if (viewport == Viewport.Phone)
        {
            var width = await anna.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(width <= 390, $"The page scrolls sideways: {width}px wide.");
        }
    });

    private static async Task OpenServerMenuAsync(IPage page)
    {
        // On a phone the channel list (with the server name) is one pane: step back to it from a channel.
        if (!await page.GetByTestId("server-name-menu").IsVisibleAsync())
        {
            await page.GetByTestId("back-button").ClickAsync();
        }

        await page.GetByTestId("server-name-menu").ClickAsync();
    }

    private static async Task OpenGeneralAsync(IPage page)
    {
        var general = page.GetByTestId("server-channel").Filter(new() { HasText = "general" });
        if (await general.IsVisibleAsync())
        {
            await general.ClickAsync();
        }

        await Expect(page.GetByTestId("conversation-title")).ToHaveTextAsync("general");
        await Expect(page.GetByTestId("composer-input")).ToBeVisibleAsync();
    }

    private static ILocator Message(IPage page, string text) =>
        page.GetByTestId("message").Filter(new() { Has = page.GetByTestId("message-content").Filter(new() { HasText = text }) });

    private static async Task SendAsync(IPage page, string text)
    {
        await page.GetByTestId("composer-input").FillAsync(text);
        await page.GetByTestId("composer-input").PressAsync("Enter");
    }

    [GeneratedRegex("/servers/\\d+")]
    private static partial Regex ServerUrl();
}
