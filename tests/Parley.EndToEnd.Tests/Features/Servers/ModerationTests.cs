using System.Text.RegularExpressions;
using Parley.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Parley.EndToEnd.Tests.Features.Servers;

/// <summary>
/// Moderating a server from its settings: Anna makes a role that may kick and gives it to Boris, whose settings then
/// offer him the kick; she hides a new channel from @everyone and it leaves Boris's sidebar; she kicks Carl, bans Dora
/// with a reason (Dora's invite is then refused), unbans her, and the audit log names Anna for each step.
/// </summary>
public sealed partial class ModerationTests(AppFixture app, ITestOutputHelper output) : EndToEndTest(app, output)
{
    private static readonly string[] AuditedActions = ["role.create", "member.roles", "channel.overwrite", "member.ban", "member.unban"];

    [Theory]
    [InlineData(Viewport.Desktop)]
    [InlineData(Viewport.Phone)]
    public Task A_server_owner_gives_roles_hides_a_channel_kicks_bans_and_reads_the_audit_log(Viewport viewport) => RunAsync(viewport, async anna =>
    {
        var annaUser = TestUser.Create("anna");
        await Ui.RegisterAsync(anna, annaUser);

        // Anna creates a server and an invite link.
        await anna.GetByTestId("add-server-button").ClickAsync();
        await anna.GetByTestId("create-server-name").FillAsync("Night Watch");
        await anna.GetByTestId("create-server-submit").ClickAsync();
        await Expect(anna).ToHaveURLAsync(ServerUrl());
        await Expect(anna.GetByTestId("server-channel").Filter(new() { HasText = "general" })).ToBeVisibleAsync();
        var serverId = ServerUrl().Match(anna.Url).Groups[1].Value;
        await anna.GetByTestId("server-name-menu").ClickAsync();
        await anna.GetByTestId("invite-button").ClickAsync();
        await Expect(anna.GetByTestId("invite-link")).ToHaveValueAsync(new Regex("/invite/[A-Za-z0-9_-]+$"));
        var link = await anna.GetByTestId("invite-link").InputValueAsync();
        var code = link[(link.LastIndexOf('/') + 1)..];
        await anna.Keyboard.PressAsync("Escape");

        // Boris joins in his browser; Carl and Dora join through the API.
        var borisUser = TestUser.Create("boris");
        using var borisApi = await ApiSession.RegisterAsync(App, borisUser);
        var boris = await OpenPageAsync(viewport, "boris");
        await Ui.SignInAsync(boris, borisUser);
        await boris.GotoAsync(link);
        await boris.GetByTestId("invite-accept").ClickAsync();
        await Expect(boris).ToHaveURLAsync(ServerUrl());
        using var carl = await ApiSession.RegisterAsync(App, TestUser.Create("carl"));
        using var dora = await ApiSession.RegisterAsync(App, TestUser.Create("dora"));
        await carl.PostAsync($"/api/v1/invites/{code}/accept", new { });
        await dora.PostAsync($"/api/v1/invites/{code}/accept", new { });

        // 1. Anna makes a Moderators role that may kick and gives it to Boris.
        await OpenSettingsAsync(anna);
        await anna.GetByTestId("settings-tab-roles").ClickAsync();
        await anna.GetByTestId("role-create").ClickAsync();
        await anna.GetByTestId("role-name").FillAsync("Moderators");
        await anna.GetByTestId("permission-toggle-KickMembers").CheckAsync();
        await anna.GetByTestId("role-save").ClickAsync();
        await Expect(anna.GetByTestId("role-row").Filter(new() { HasText = "Moderators" })).ToBeVisibleAsync();
        await ScreenshotAsync(anna, "role-with-kick");
        await anna.GetByTestId("settings-tab-members").ClickAsync();
        var borisToggle = Member(anna, borisApi.Id).Locator("[data-testid=member-role-toggle][data-role-name=Moderators]");
        await borisToggle.CheckAsync();
        await Expect(borisToggle).ToBeCheckedAsync();

        // Boris's server menu now leads to the settings, where he may kick Carl but not ban him.
        await OpenSettingsAsync(boris);
        await Expect(boris.GetByTestId("settings-tab-members")).ToBeVisibleAsync();
        await Expect(boris.GetByTestId("settings-tab-roles")).ToHaveCountAsync(0);
        await boris.GetByTestId("settings-tab-members").ClickAsync();
        await Expect(Member(boris, carl.Id).GetByTestId("kick-button")).ToBeVisibleAsync();
        await Expect(Member(boris, carl.Id).GetByTestId("ban-button")).ToHaveCountAsync(0);
        await ScreenshotAsync(boris, "moderator-members");
        await boris.GetByTestId("server-settings-close").ClickAsync();
        await ShowChannelsAsync(boris);

        // 2. Anna adds a channel; Boris sees it. She denies View Channel to @everyone there; it leaves his sidebar.
        await anna.GetByTestId("settings-tab-channels").ClickAsync();
        await anna.GetByTestId("channel-create-name").FillAsync("staff-room");
        await anna.GetByTestId("channel-create").ClickAsync();
        var editor = anna.GetByTestId("overwrite-editor");
        await Expect(editor).ToContainTextAsync("staff-room");
        await Expect(editor.Locator($"[data-testid=overwrite-target][data-target-id='{serverId}']")).ToHaveAttributeAsync("aria-selected", "true");
        var borisStaffRoom = boris.GetByTestId("server-channel").Filter(new() { HasText = "staff-room" });
        await Expect(borisStaffRoom).ToBeVisibleAsync();
        await anna.GetByTestId("overwrite-ViewChannel-deny").ClickAsync();
        await Expect(anna.GetByTestId("overwrite-ViewChannel")).ToHaveAttributeAsync("data-state", "deny");
        await anna.GetByTestId("overwrite-save").ClickAsync();
        await Expect(anna.GetByTestId("overwrite-remove")).ToBeVisibleAsync();
        await ScreenshotAsync(anna, "channel-denied");
        await Expect(borisStaffRoom).ToHaveCountAsync(0);
        await boris.ReloadAsync();
        await ShowChannelsAsync(boris);
        await Expect(borisStaffRoom).ToHaveCountAsync(0);
        await ScreenshotAsync(boris, "channel-hidden");

        // 3. Boris, the moderator, kicks Carl from the members panel beside the chat: he is no longer in the server.
        await boris.GetByTestId("server-channel").Filter(new() { HasText = "general" }).ClickAsync();
        if (!await boris.GetByTestId("members-panel").IsVisibleAsync())
        {
            await boris.GetByTestId("members-toggle").ClickAsync();
        }

        var carlInPanel = boris.GetByTestId("members-panel").Locator($"[data-testid=member-row][data-user-id='{carl.Id}']");
        await Expect(boris.GetByTestId("members-panel").GetByTestId("member-row").Filter(new() { HasText = annaUser.DisplayName }).GetByTestId("member-actions")).ToHaveCountAsync(0);
        await carlInPanel.GetByTestId("member-actions").ClickAsync();
        await Expect(boris.GetByTestId("member-ban")).ToHaveCountAsync(0);
        await ScreenshotAsync(boris, "member-menu");
        await boris.GetByTestId("member-kick").ClickAsync();
        await boris.GetByTestId("confirm-ok").ClickAsync();
        await Expect(carlInPanel).ToHaveCountAsync(0);
        Assert.DoesNotContain(serverId, await ServerIdsAsync(carl));
        await anna.GetByTestId("settings-tab-members").ClickAsync();
        await Expect(Member(anna, carl.Id)).ToHaveCountAsync(0);

        // She bans Dora with a reason; the Bans tab lists her with it, and Dora cannot come back by the invite.
        await Member(anna, dora.Id).GetByTestId("ban-button").ClickAsync();
        await anna.GetByTestId("ban-reason").FillAsync("Spamming links");
        await ScreenshotAsync(anna, "ban-dialog");
        await anna.GetByTestId("confirm-ok").ClickAsync();
        await Expect(Member(anna, dora.Id)).ToHaveCountAsync(0);
        Assert.DoesNotContain(serverId, await ServerIdsAsync(dora));
        await anna.GetByTestId("settings-tab-bans").ClickAsync();
        var doraBan = anna.Locator($"[data-testid=ban-row][data-user-id='{dora.Id}']");
        await Expect(doraBan).ToContainTextAsync(dora.User.Username);
        await Expect(doraBan).ToContainTextAsync("Spamming links");
        await ScreenshotAsync(anna, "bans");
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => dora.PostAsync($"/api/v1/invites/{code}/accept", new { }));
        Assert.Contains("403", refused.Message, StringComparison.Ordinal);

        // Anna lifts the ban: the list empties and Dora may join again.
        await doraBan.GetByTestId("unban-button").ClickAsync();
        await Expect(doraBan).ToHaveCountAsync(0);
        await dora.PostAsync($"/api/v1/invites/{code}/accept", new { });
        Assert.Contains(serverId, await ServerIdsAsync(dora));

        // 4. The audit log names Anna for the role, the role given, the kick, the ban (with its reason) and the unban.
        await anna.GetByTestId("settings-tab-audit").ClickAsync();
        foreach (var action in AuditedActions)
        {
            var row = anna.Locator($"[data-testid=audit-row][data-action='{action}']");
            await Expect(row.First).ToBeVisibleAsync();
            await Expect(row.First).ToContainTextAsync(annaUser.DisplayName);
        }

        await Expect(anna.Locator("[data-testid=audit-row][data-action='member.ban']")).ToContainTextAsync("Spamming links");
        await Expect(anna.Locator("[data-testid=audit-row][data-action='member.ban']")).ToContainTextAsync($"banned {dora.User.DisplayName}");
        await Expect(anna.Locator("[data-testid=audit-row][data-action='member.kick']")).ToContainTextAsync($"{borisUser.DisplayName} kicked {carl.User.DisplayName}");
        await Expect(anna.Locator("[data-testid=audit-row][data-action='role.create']")).ToContainTextAsync("created role Moderators");
        await ScreenshotAsync(anna, "audit-log");

        if (viewport == Viewport.Phone)
        {
            foreach (var page in new[] { anna, boris })
            {
                var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
                Assert.True(width <= 390, $"The page scrolls sideways: {width}px wide.");
            }
        }
    });

    private static ILocator Member(IPage page, string userId) =>
        page.GetByTestId("settings-panel-members").Locator($"[data-testid=member-row][data-user-id='{userId}']");

    private static async Task<List<string>> ServerIdsAsync(ApiSession session)
    {
        var servers = await session.GetAsync("/api/v1/users/me/servers");
        return [.. servers.EnumerateArray().Select(s => s.GetProperty("id").GetString()!)];
    }

    /// <summary>On a phone the channel list is a pane of its own: step back to it from a channel.</summary>
    private static async Task ShowChannelsAsync(IPage page)
    {
        await Expect(page).ToHaveURLAsync(ServerUrl());
        var general = page.GetByTestId("server-channel").Filter(new() { HasText = "general" });
        if (!await general.IsVisibleAsync() && await page.GetByTestId("back-button").IsVisibleAsync())
        {
            await page.GetByTestId("back-button").ClickAsync();
        }

        await Expect(general).ToBeVisibleAsync();
    }

    private static async Task OpenSettingsAsync(IPage page)
    {
        await ShowChannelsAsync(page);
        await page.GetByTestId("server-name-menu").ClickAsync();
        await page.GetByTestId("server-settings-link").ClickAsync();
        await Expect(page.GetByTestId("server-settings")).ToBeVisibleAsync();
    }

    [GeneratedRegex("/servers/(\\d+)")]
    private static partial Regex ServerUrl();
}
