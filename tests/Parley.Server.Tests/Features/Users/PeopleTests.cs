using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Parley.Contracts.Users;
using Parley.Server.Tests.Features.Friends;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Features.Users;

public sealed class PeopleProfileTests(ParleyApps apps) : IClassFixture<ParleyApps>
{
    private static readonly DateTimeOffset LastSeen = new(2025, 6, 1, 12, 30, 15, TimeSpan.Zero);

    [Theory, AllDatabases]
    public async Task A_profile_shows_what_its_owner_wrote(Db db)
    {
        var anna = await apps[db].SignUpAsync(displayName: "Anna K");
        (await anna.Client.PatchAsJsonAsync("/api/v1/users/me", new { bio = "Painter", statusText = "In the studio" })).EnsureSuccessStatusCode();
        var boris = await apps[db].SignUpAsync();

        var seen = await boris.ProfileOfAsync(anna);

        Assert.Equal((anna.Id, anna.Me.Username, "Anna K", "Painter", "In the studio"), (seen.Id, seen.Username, seen.DisplayName, seen.Bio, seen.StatusText));
        Assert.Equal((false, false), (seen.IsFriend, seen.IsBlocked));
    }

    [Theory, AllDatabases]
    public async Task Last_seen_is_shown_to_everyone_by_default(Db db)
    {
        var anna = await SignUpSeenAsync(db);
        var stranger = await apps[db].SignUpAsync();

        Assert.Equal(LastSeen, (await stranger.ProfileOfAsync(anna)).LastSeenAt);
    }

    [Theory, AllDatabases]
    public async Task Last_seen_for_friends_is_shown_to_friends_only(Db db)
    {
        var anna = await SignUpSeenAsync(db, "friends");
        var friend = await apps[db].SignUpAsync();
        await friend.BefriendAsync(anna);
        var stranger = await apps[db].SignUpAsync();

        Assert.Equal(LastSeen, (await friend.ProfileOfAsync(anna)).LastSeenAt);
        Assert.Null((await stranger.ProfileOfAsync(anna)).LastSeenAt);
    }

    [Theory, AllDatabases]
    public async Task Last_seen_for_nobody_is_hidden_even_from_friends_but_not_from_its_owner(Db db)
    {
        var anna = await SignUpSeenAsync(db, "nobody");
        var friend = await apps[db].SignUpAsync();
        await friend.BefriendAsync(anna);
        var stranger = await apps[db].SignUpAsync();

        Assert.Null((await friend.ProfileOfAsync(anna)).LastSeenAt);
        Assert.Null((await stranger.ProfileOfAsync(anna)).LastSeenAt);
        Assert.Equal(LastSeen, (await anna.ProfileOfAsync(anna)).LastSeenAt);
    }

    [Theory, AllDatabases]
    public async Task A_change_of_the_setting_applies_at_once(Db db)
    {
        var anna = await SignUpSeenAsync(db, "nobody");
        var stranger = await apps[db].SignUpAsync();
        Assert.Null((await stranger.ProfileOfAsync(anna)).LastSeenAt);

        await SetLastSeenAudienceAsync(anna, "everyone");

        Assert.Equal(LastSeen, (await stranger.ProfileOfAsync(anna)).LastSeenAt);
    }

    [Theory, AllDatabases]
    public async Task Blocking_hides_last_seen_both_ways_and_only_the_blocker_sees_is_blocked(Db db)
    {
        var anna = await SignUpSeenAsync(db);
        var boris = await SignUpSeenAsync(db);

        await anna.BlockAsync(boris);

        var seenByBoris = await boris.ProfileOfAsync(anna);
        Assert.Null(seenByBoris.LastSeenAt);
        Assert.False(seenByBoris.IsBlocked);
        var seenByAnna = await anna.ProfileOfAsync(boris);
        Assert.Null(seenByAnna.LastSeenAt);
        Assert.True(seenByAnna.IsBlocked);
    }

    [Theory, AllDatabases]
    public async Task A_friend_is_flagged_as_a_friend(Db db)
    {
        var anna = await apps[db].SignUpAsync();
        var boris = await apps[db].SignUpAsync();
        var carl = await apps[db].SignUpAsync();
        await anna.BefriendAsync(boris);

        var friend = await anna.ProfileOfAsync(boris);
        var stranger = await anna.ProfileOfAsync(carl);

        Assert.Equal((true, false), (friend.IsFriend, friend.IsBlocked));
        Assert.Equal((false, false), (stranger.IsFriend, stranger.IsBlocked));
    }

    [Theory, AllDatabases]
    public async Task Presence_shows_offline_without_a_live_connection_whatever_was_chosen(Db db)
    {
        var anna = await apps[db].SignUpAsync();
        (await anna.Client.PatchAsJsonAsync("/api/v1/users/me", new { presence = "dnd" })).EnsureSuccessStatusCode();
        var boris = await apps[db].SignUpAsync();

        Assert.Equal(VisiblePresence.Offline, (await boris.ProfileOfAsync(anna)).Presence);
    }

    [Theory, AllDatabases]
    public async Task An_unknown_user_gives_404(Db db)
    {
        var anna = await apps[db].SignUpAsync();

        await (await anna.Client.GetAsync("/api/v1/users/999999999999")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory, AllDatabases]
    public async Task Profiles_need_a_signed_in_user(Db db)
    {
        var anna = await apps[db].SignUpAsync();

        await (await apps[db].CreateBrowser().GetAsync($"/api/v1/users/{anna.Id}")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    private async Task<Person> SignUpSeenAsync(Db db, string? lastSeenAudience = null)
    {
        var person = await apps[db].SignUpAsync();
        var id = long.Parse(person.Id, System.Globalization.CultureInfo.InvariantCulture);
        await apps[db].WithDbAsync(d => d.Users.Where(u => u.Id == id).ExecuteUpdateAsync(u => u.SetProperty(x => x.LastSeenAt, LastSeen)));
        if (lastSeenAudience is not null)
        {
            await SetLastSeenAudienceAsync(person, lastSeenAudience);
        }

        return person;
    }

    private static async Task SetLastSeenAudienceAsync(Person person, string audience)
    {
        var settings = await (await person.Client.PatchAsJsonAsync("/api/v1/users/me/settings", new { privacy = new { lastSeen = audience } })).ReadAsync<SettingsResponse>();
        Assert.Equal(audience, settings.Privacy.LastSeen.ToString(), ignoreCase: true);
    }
}

public sealed class PeopleSearchTests(ParleyApps apps) : IClassFixture<ParleyApps>
{
    [Theory, AllDatabases]
    public async Task Contacts_come_first_then_the_exact_username_then_prefixes_then_substrings(Db db)
    {
        var token = Token();
        var searcher = await apps[db].SignUpAsync();
        var substring = await apps[db].SignUpAsync($"a_{token}");
        var prefix = await apps[db].SignUpAsync($"{token}_b");
        var exact = await apps[db].SignUpAsync(token);
        var friend = await apps[db].SignUpAsync($"z_{token}_fr");
        var chatPartner = await apps[db].SignUpAsync($"y_{token}");
        await friend.BefriendAsync(searcher);
        await searcher.StartChatAsync(chatPartner);

        var found = await SearchAsync(searcher, token);

        Assert.Equal([chatPartner.Me.Username, friend.Me.Username, exact.Me.Username, prefix.Me.Username, substring.Me.Username], found.Select(u => u.Username));
        Assert.Equal([false, true, false, false, false], found.Select(u => u.IsFriend));
    }

    [Theory, AllDatabases]
    public async Task A_display_name_prefix_ranks_with_username_prefixes(Db db)
    {
        var token = Token();
        var searcher = await apps[db].SignUpAsync();
        var substring = await apps[db].SignUpAsync($"a_{token}");
        var byDisplayName = await apps[db].SignUpAsync(displayName: $"{token} Smith");

        var found = await SearchAsync(searcher, token);

        Assert.Equal([byDisplayName.Id, substring.Id], found.Select(u => u.Id));
    }

    [Theory, AllDatabases]
    public async Task People_are_found_by_display_name_ignoring_case(Db db)
    {
        var token = Token();
        var searcher = await apps[db].SignUpAsync();
        var anna = await apps[db].SignUpAsync(displayName: $"Anna {token} Karenina");

        var found = await SearchAsync(searcher, $"ANNA {token.ToUpperInvariant()}");

        Assert.Equal(anna.Id, Assert.Single(found).Id);
        Assert.Equal(anna.Id, Assert.Single(await SearchAsync(searcher, $"{token} karenina")).Id);
    }

    [Theory, AllDatabases]
    public async Task People_are_found_by_a_display_name_in_another_alphabet_ignoring_case(Db db)
    {
        var token = Token();
        var searcher = await apps[db].SignUpAsync();
        var anna = await apps[db].SignUpAsync(displayName: $"Анна {token}");

        Assert.Equal(anna.Id, Assert.Single(await SearchAsync(searcher, $"Анна {token}")).Id);
        Assert.Equal(anna.Id, Assert.Single(await SearchAsync(searcher, $"анна {token}")).Id);
        Assert.Equal(anna.Id, Assert.Single(await SearchAsync(searcher, $"АННА {token}")).Id);
    }

    [Theory, AllDatabases]
    public async Task A_leading_at_sign_is_ignored_and_usernames_match_in_any_case(Db db)
    {
        var token = Token();
        var searcher = await apps[db].SignUpAsync();
        var anna = await apps[db].SignUpAsync(token);

        var found = await SearchAsync(searcher, "@" + token.ToUpperInvariant());

        Assert.Equal(anna.Id, Assert.Single(found).Id);
    }

    [Theory, AllDatabases]
    public async Task Like_wildcards_in_the_query_are_matched_literally(Db db)
    {
        var token = Token();
        var searcher = await apps[db].SignUpAsync();
        var underscore = await apps[db].SignUpAsync($"{token}_ab");
        await apps[db].SignUpAsync($"{token}xab");
        var percent = await apps[db].SignUpAsync(displayName: $"{token}% off");
        await apps[db].SignUpAsync(displayName: $"{token} is off");

        Assert.Equal(underscore.Id, Assert.Single(await SearchAsync(searcher, $"{token}_ab")).Id);
        Assert.Equal(percent.Id, Assert.Single(await SearchAsync(searcher, $"{token}% off")).Id);
        Assert.Empty(await SearchAsync(searcher, $"{token}%ab"));
        Assert.Empty(await SearchAsync(searcher, $"{token}\\"));
    }

    [Theory, AllDatabases]
    public async Task Someone_who_blocked_you_is_not_found_but_someone_you_blocked_is_and_is_flagged(Db db)
    {
        var token = Token();
        var searcher = await apps[db].SignUpAsync();
        var blocker = await apps[db].SignUpAsync($"{token}_blocker");
        var blocked = await apps[db].SignUpAsync($"{token}_blocked");
        await blocker.BlockAsync(searcher);
        await searcher.BlockAsync(blocked);

        var found = await SearchAsync(searcher, token);

        var only = Assert.Single(found);
        Assert.Equal((blocked.Id, true), (only.Id, only.IsBlocked));
        Assert.Empty(await SearchAsync(searcher, blocker.Me.Username));
        Assert.Empty(await SearchAsync(blocked, searcher.Me.Username));
        Assert.Equal(searcher.Id, Assert.Single(await SearchAsync(blocker, searcher.Me.Username)).Id);
    }

    [Theory, AllDatabases]
    public async Task You_do_not_find_yourself(Db db)
    {
        var token = Token();
        var searcher = await apps[db].SignUpAsync(token);
        var other = await apps[db].SignUpAsync($"{token}_2");

        Assert.Equal(other.Id, Assert.Single(await SearchAsync(searcher, token)).Id);
    }

    [Theory, AllDatabases]
    public async Task The_limit_caps_the_results(Db db)
    {
        var token = Token();
        var searcher = await apps[db].SignUpAsync();
        var first = await apps[db].SignUpAsync($"{token}_1");
        var second = await apps[db].SignUpAsync($"{token}_2");
        await apps[db].SignUpAsync($"{token}_3");

        var found = await SearchAsync(searcher, token, limit: 2);

        Assert.Equal([first.Id, second.Id], found.Select(u => u.Id));
        Assert.Equal(3, (await SearchAsync(searcher, token, limit: 50)).Count);
    }

    [Theory, AllDatabases]
    public async Task Results_are_shown_as_privacy_allows(Db db)
    {
        var token = Token();
        var searcher = await apps[db].SignUpAsync();
        var hidden = await apps[db].SignUpAsync(token);
        var id = long.Parse(hidden.Id, System.Globalization.CultureInfo.InvariantCulture);
        await apps[db].WithDbAsync(d => d.Users.Where(u => u.Id == id).ExecuteUpdateAsync(u => u.SetProperty(x => x.LastSeenAt, DateTimeOffset.UnixEpoch)));
        (await hidden.Client.PatchRawAsync("/api/v1/users/me/settings", """{"privacy":{"lastSeen":"nobody"}}""")).EnsureSuccessStatusCode();

        var found = Assert.Single(await SearchAsync(searcher, token));

        Assert.Null(found.LastSeenAt);
        Assert.Equal(VisiblePresence.Offline, found.Presence);
    }

    [Theory, AllDatabases]
    public async Task A_missing_or_too_long_query_and_a_limit_outside_1_to_50_are_named(Db db)
    {
        var searcher = await apps[db].SignUpAsync();

        await (await searcher.Client.GetAsync("/api/v1/users/search")).AssertFieldErrorsAsync("q");
        await (await searcher.Client.GetAsync("/api/v1/users/search?q=")).AssertFieldErrorsAsync("q");
        await (await searcher.Client.GetAsync("/api/v1/users/search?q=%20%20")).AssertFieldErrorsAsync("q");
        await (await searcher.Client.GetAsync("/api/v1/users/search?q=%40")).AssertFieldErrorsAsync("q");
        await (await searcher.Client.GetAsync($"/api/v1/users/search?q={new string('x', 65)}")).AssertFieldErrorsAsync("q");
        await (await searcher.Client.GetAsync("/api/v1/users/search?q=abc&limit=0")).AssertFieldErrorsAsync("limit");
        await (await searcher.Client.GetAsync("/api/v1/users/search?q=abc&limit=51")).AssertFieldErrorsAsync("limit");
        await (await searcher.Client.GetAsync("/api/v1/users/search?q=&limit=-1")).AssertFieldErrorsAsync("q", "limit");
    }

    [Theory, AllDatabases]
    public async Task Search_needs_a_signed_in_user(Db db)
    {
        await (await apps[db].CreateBrowser().GetAsync("/api/v1/users/search?q=abc")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    /// <summary>A word no other user's name contains, so the shared server's other users stay out of the results.</summary>
    private static string Token() => "k" + Guid.NewGuid().ToString("N")[..10];

    private static async Task<List<PublicUser>> SearchAsync(Person person, string q, int? limit = null)
    {
        var url = $"/api/v1/users/search?q={Uri.EscapeDataString(q)}" + (limit is { } l ? $"&limit={l}" : "");
        return await (await person.Client.GetAsync(url)).ReadAsync<List<PublicUser>>();
    }
}
