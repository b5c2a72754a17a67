using System.Text.RegularExpressions;
using Parley.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Parley.EndToEnd.Tests.Features.Polls;

/// <summary>
/// A poll in a server: Anna creates the server, invites Boris by link and makes him a moderator; she posts a poll,
/// both vote and each sees the other's vote arrive live; Boris changes his vote, then ends the poll as a moderator.
/// </summary>
public sealed partial class PollsTests(AppFixture app, ITestOutputHelper output) : EndToEndTest(app, output)
{
    [Theory]
    [InlineData(Viewport.Desktop)]
    [InlineData(Viewport.Phone)]
    public Task A_poll_is_voted_on_live_by_two_members_and_ended_by_a_moderator(Viewport viewport) => RunAsync(viewport, async anna =>
    {
        var annaUser = TestUser.Create("anna");
        var borisUser = TestUser.Create("boris");
        await Ui.RegisterAsync(anna, annaUser);

        // Anna creates a server and an invite link.
        await anna.GetByTestId("add-server-button").ClickAsync();
        await anna.GetByTestId("create-server-name").FillAsync("Film Night");
        await anna.GetByTestId("create-server-submit").ClickAsync();
        await Expect(anna).ToHaveURLAsync(ServerUrl());
        await Expect(anna.GetByTestId("server-icon")).ToHaveCountAsync(1);
        await Expect(anna.GetByTestId("server-channel").Filter(new() { HasText = "general" })).ToBeVisibleAsync();
        await anna.GetByTestId("server-name-menu").ClickAsync();
        await anna.GetByTestId("invite-button").ClickAsync();
        await Expect(anna.GetByTestId("invite-link")).ToHaveValueAsync(new Regex("/invite/[A-Za-z0-9_-]+$"));
        var link = await anna.GetByTestId("invite-link").InputValueAsync();
        await anna.Keyboard.PressAsync("Escape");

        // Boris signs up from the link and joins.
        var boris = await OpenPageAsync(viewport, "boris");
        await boris.GotoAsync(link);
        await boris.GetByTestId("invite-register").ClickAsync();
        await boris.GetByTestId("register-username").FillAsync(borisUser.Username);
        await Expect(boris.GetByTestId("username-status")).ToHaveAttributeAsync("data-state", "available");
        await boris.GetByTestId("register-displayname").FillAsync(borisUser.DisplayName);
        await boris.GetByTestId("register-password").FillAsync(borisUser.Password);
        await boris.GetByTestId("register-submit").ClickAsync();
        await Expect(boris).ToHaveURLAsync(new Regex("/invite/"));
        await boris.GetByTestId("invite-accept").ClickAsync();
        await Expect(boris).ToHaveURLAsync(ServerUrl());

        // Anna makes a Moderators role that may manage messages and gives it to Boris.
        await OpenServerMenuAsync(anna);
        await anna.GetByTestId("server-settings-link").ClickAsync();
        await anna.GetByTestId("settings-tab-roles").ClickAsync();
        await anna.GetByTestId("role-create").ClickAsync();
        await anna.GetByTestId("role-name").FillAsync("Moderators");
        await anna.GetByTestId("permission-toggle-ManageMessages").CheckAsync();
        await anna.GetByTestId("role-save").ClickAsync();
        await Expect(anna.GetByTestId("role-row").Filter(new() { HasText = "Moderators" })).ToBeVisibleAsync();
        await anna.GetByTestId("settings-tab-members").ClickAsync();
        var borisRow = anna.GetByTestId("member-row").Filter(new() { HasText = borisUser.Username });
        await borisRow.Locator("[data-testid=member-role-toggle][data-role-name=Moderators]").CheckAsync();
        await Expect(borisRow.Locator("[data-testid=member-role-toggle][data-role-name=Moderators]")).ToBeCheckedAsync();
        await anna.GetByTestId("server-settings-close").ClickAsync();
        await OpenGeneralAsync(anna);
        await OpenGeneralAsync(boris);

        // Anna posts a poll from the composer; a blank question is refused first.
        await anna.GetByTestId("poll-button").ClickAsync();
        var dialog = anna.GetByTestId("create-poll-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        await anna.GetByTestId("poll-create").ClickAsync();
        await Expect(anna.GetByTestId("poll-error")).ToBeVisibleAsync();
        await anna.GetByTestId("poll-question").FillAsync("Which film on Friday?");
        await anna.GetByTestId("poll-option-field").Nth(0).FillAsync("Alien");
        await anna.GetByTestId("poll-option-field").Nth(1).FillAsync("Amelie");
        await anna.GetByTestId("poll-add-option").ClickAsync();
        await anna.GetByTestId("poll-option-field").Nth(2).FillAsync("Arrival");
        await anna.GetByTestId("poll-duration").SelectOptionAsync("60");
        await ScreenshotAsync(anna, "create-poll");
        await anna.GetByTestId("poll-create").ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();

        var annaPoll = anna.GetByTestId("poll");
        var borisPoll = boris.GetByTestId("poll");
        await Expect(annaPoll).ToContainTextAsync("Which film on Friday?");
        await Expect(borisPoll).ToContainTextAsync("Which film on Friday?");
        await Expect(borisPoll.GetByTestId("poll-status")).ToHaveTextAsync("Ends in 1 hour");
        await Expect(borisPoll.GetByTestId("poll-end")).ToBeVisibleAsync(); // Boris moderates
        await Expect(annaPoll.GetByTestId("poll-voters")).ToHaveTextAsync("0 votes");

        // Anna votes; Boris's page shows it at once. Boris votes; Anna's page shows it at once.
        await Option(annaPoll, "Arrival").ClickAsync();
        await Expect(Option(annaPoll, "Arrival").GetByTestId("poll-option-input")).ToBeCheckedAsync();
        await Expect(anna.GetByRole(AriaRole.Menu)).ToHaveCountAsync(0); // a tap on an option is a vote, not the message menu
        await Expect(Option(borisPoll, "Arrival")).ToHaveAttributeAsync("data-votes", "1");
        await Expect(borisPoll.GetByTestId("poll-voters")).ToHaveTextAsync("1 vote");
        await Option(borisPoll, "Alien").ClickAsync();
        await Expect(Option(annaPoll, "Alien")).ToHaveAttributeAsync("data-votes", "1");
        await Expect(annaPoll.GetByTestId("poll-voters")).ToHaveTextAsync("2 votes");
        await Expect(Option(annaPoll, "Alien").GetByTestId("poll-option-share")).ToHaveTextAsync("50%");
        await ScreenshotAsync(anna, "both-voted");

        // Boris changes his mind: the counts move on both pages, and his own choice stays his.
        await Option(borisPoll, "Arrival").ClickAsync();
        await Expect(Option(annaPoll, "Arrival")).ToHaveAttributeAsync("data-votes", "2");
        await Expect(Option(annaPoll, "Alien")).ToHaveAttributeAsync("data-votes", "0");
        await Expect(Option(annaPoll, "Arrival").GetByTestId("poll-option-share")).ToHaveTextAsync("100%");
        await Expect(Option(borisPoll, "Arrival").GetByTestId("poll-option-input")).ToBeCheckedAsync();
        await Expect(Option(annaPoll, "Alien").GetByTestId("poll-option-input")).Not.ToBeCheckedAsync();
        await ScreenshotAsync(boris, "changed-vote");

        // Boris, a moderator, ends Anna's poll: both pages show the final results and no one can vote.
        await borisPoll.GetByTestId("poll-end").ClickAsync();
        await Expect(annaPoll).ToHaveAttributeAsync("data-closed", "true");
        await Expect(annaPoll.GetByTestId("poll-status")).ToHaveTextAsync("Final results");
        await Expect(borisPoll.GetByTestId("poll-status")).ToHaveTextAsync("Final results");
        await Expect(annaPoll.GetByTestId("poll-end")).ToHaveCountAsync(0);
        await Expect(Option(annaPoll, "Amelie").GetByTestId("poll-option-input")).ToBeDisabledAsync();
        await ScreenshotAsync(anna, "final-results");
        await ScreenshotAsync(boris, "final-results-boris");

        if (viewport == Viewport.Phone)
        {
            var width = await anna.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(width <= 390, $"The page scrolls sideways: {width}px wide.");
        }
    });

    private static ILocator Option(ILocator poll, string text) => poll.GetByTestId("poll-option").Filter(new() { HasText = text });

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

    [GeneratedRegex("/servers/\\d+")]
    private static partial Regex ServerUrl();
}
