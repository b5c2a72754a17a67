using System.Net;
using System.Net.Http.Json;
using Parley.Contracts.Users;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Features.Users;

public sealed class ProfileTests(ParleyApps apps) : IClassFixture<ParleyApps>
{
    [Theory, AllDatabases]
    public async Task Profile_fields_change_and_an_empty_string_clears_one(Db db)
    {
        var client = apps[db].CreateBrowser();
        await client.RegisterAsync();

        var updated = await (await client.PatchAsJsonAsync("/api/v1/users/me", new { displayName = " Anna ", bio = "Hello", statusText = "At work", presence = "dnd" })).ReadAsync<MeResponse>();
        Assert.Equal(("Anna", "Hello", "At work", Presence.Dnd), (updated.DisplayName, updated.Bio, updated.StatusText, updated.Presence));

        var cleared = await (await client.PatchAsJsonAsync("/api/v1/users/me", new { bio = "" })).ReadAsync<MeResponse>();
        Assert.Null(cleared.Bio);
        Assert.Equal("Anna", cleared.DisplayName);
        Assert.Equal("Anna", (await client.GetFromJsonAsync<MeResponse>("/api/v1/users/me"))!.DisplayName);
    }

    [Theory, AllDatabases]
    public async Task Bad_profile_input_names_the_field_and_changes_nothing(Db db)
    {
        var client = apps[db].CreateBrowser();
        await client.RegisterAsync();

        await (await client.PatchAsJsonAsync("/api/v1/users/me", new { displayName = new string('x', 65), bio = new string('b', 501), statusText = new string('s', 129) }))
            .AssertFieldErrorsAsync("displayName", "bio", "statusText");
        await (await client.PatchAsJsonAsync("/api/v1/users/me", new { displayName = "two\nlines" })).AssertFieldErrorsAsync("displayName");
        await (await client.PatchRawAsync("/api/v1/users/me", """{"presence":"sleepy"}""")).AssertFieldErrorsAsync("presence");

        var me = await client.GetFromJsonAsync<MeResponse>("/api/v1/users/me");
        Assert.Null(me!.DisplayName);
        Assert.Equal(Presence.Online, me.Presence);
    }

    [Theory, AllDatabases]
    public async Task The_profile_needs_a_signed_in_user(Db db)
    {
        await (await apps[db].CreateBrowser().GetAsync("/api/v1/users/me")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await apps[db].CreateBrowser().PatchAsJsonAsync("/api/v1/users/me", new { bio = "x" })).ProblemAsync(HttpStatusCode.Unauthorized);
    }
}

public sealed class SettingsTests(ParleyApps apps) : IClassFixture<ParleyApps>
{
    [Theory, AllDatabases]
    public async Task New_accounts_get_sensible_defaults(Db db)
    {
        var client = apps[db].CreateBrowser();
        await client.RegisterAsync();

        var settings = await client.GetFromJsonAsync<SettingsResponse>("/api/v1/users/me/settings");

        Assert.Equal(Theme.Auto, settings!.Theme);
        Assert.Equal(Language.En, settings.Language);
        Assert.Equal(new NotificationSettings(true, true, true), settings.Notifications);
        Assert.Equal(new PrivacySettings(Audience.Everyone, Audience.Everyone, DirectMessagePolicy.Everyone, true), settings.Privacy);
    }

    [Theory, AllDatabases]
    public async Task A_partial_change_keeps_the_rest_and_every_device_sees_it(Db db)
    {
        var username = Names.Unique();
        var laptop = apps[db].CreateBrowser();
        await laptop.RegisterAsync(username);

        var changed = await (await laptop.PatchRawAsync("/api/v1/users/me/settings", """{"theme":"dark","language":"ru","privacy":{"lastSeen":"friends","readReceipts":false},"notifications":{"sound":false}}"""))
            .ReadAsync<SettingsResponse>();

        var phone = apps[db].CreateBrowser();
        (await phone.LoginAsync(username)).EnsureSuccessStatusCode();
        var onPhone = await phone.GetFromJsonAsync<SettingsResponse>("/api/v1/users/me/settings");
        Assert.Equal(changed, onPhone);
        Assert.Equal(Theme.Dark, onPhone!.Theme);
        Assert.Equal(Language.Ru, onPhone.Language);
        Assert.Equal(new PrivacySettings(Audience.Friends, Audience.Everyone, DirectMessagePolicy.Everyone, false), onPhone.Privacy);
        Assert.Equal(new NotificationSettings(true, false, true), onPhone.Notifications);
    }

    [Theory, AllDatabases]
    public async Task An_unknown_value_names_the_field_even_when_nested(Db db)
    {
        var client = apps[db].CreateBrowser();
        await client.RegisterAsync();

        await (await client.PatchRawAsync("/api/v1/users/me/settings", """{"theme":"purple"}""")).AssertFieldErrorsAsync("theme");
        await (await client.PatchRawAsync("/api/v1/users/me/settings", """{"privacy":{"lastSeen":"aliens"}}""")).AssertFieldErrorsAsync("privacy.lastSeen");

        Assert.Equal(Theme.Auto, (await client.GetFromJsonAsync<SettingsResponse>("/api/v1/users/me/settings"))!.Theme);
    }

    [Theory, AllDatabases]
    public async Task Settings_need_a_signed_in_user(Db db)
    {
        await (await apps[db].CreateBrowser().GetAsync("/api/v1/users/me/settings")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await apps[db].CreateBrowser().PatchAsJsonAsync("/api/v1/users/me/settings", new { theme = "dark" })).ProblemAsync(HttpStatusCode.Unauthorized);
    }
}
