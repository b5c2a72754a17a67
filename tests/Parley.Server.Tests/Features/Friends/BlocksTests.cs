using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Features.Friends;

public sealed class BlocksTests(ParleyApps apps) : IClassFixture<ParleyApps>
{
    [Theory, AllDatabases]
    public async Task A_blocked_person_is_listed_as_blocked_by_the_blocker_only(Db db)
    {
        var anna = await apps[db].SignUpAsync();
        var boris = await apps[db].SignUpAsync(displayName: "Boris B");

        await anna.BlockAsync(boris);

        var blocked = Assert.Single(await anna.BlockedAsync());
        Assert.Equal((boris.Id, boris.Me.Username, "Boris B", true, false), (blocked.Id, blocked.Username, blocked.DisplayName, blocked.IsBlocked, blocked.IsFriend));
        Assert.True((await anna.ProfileOfAsync(boris)).IsBlocked);
        Assert.Empty(await boris.BlockedAsync());
        Assert.False((await boris.ProfileOfAsync(anna)).IsBlocked);
    }

    [Theory, AllDatabases]
    public async Task The_block_list_is_newest_first(Db db)
    {
        var anna = await apps[db].SignUpAsync();
        var boris = await apps[db].SignUpAsync();
        var carl = await apps[db].SignUpAsync();
        var dora = await apps[db].SignUpAsync();

        await anna.BlockAsync(carl);
        await anna.BlockAsync(boris);
        await anna.BlockAsync(dora);

        Assert.Equal([dora.Id, boris.Id, carl.Id], (await anna.BlockedAsync()).Select(u => u.Id));
    }

    [Theory, AllDatabases]
    public async Task Blocking_twice_is_harmless(Db db)
    {
        var anna = await apps[db].SignUpAsync();
        var boris = await apps[db].SignUpAsync();
        await anna.BlockAsync(boris);

        await anna.BlockAsync(boris);

        Assert.Equal(1, await BlocksByAsync(db, anna));
        Assert.True((await anna.ProfileOfAsync(boris)).IsBlocked);
    }

    [Theory, AllDatabases]
    public async Task Blocking_removes_the_friendship_both_ways(Db db)
    {
        var anna = await apps[db].SignUpAsync();
        var boris = await apps[db].SignUpAsync();
        await anna.BefriendAsync(boris);

        await boris.BlockAsync(anna);

        Assert.Empty(await anna.FriendsAsync());
        Assert.Empty(await boris.FriendsAsync());
        var seenByBoris = await boris.ProfileOfAsync(anna);
        Assert.Equal((false, true), (seenByBoris.IsFriend, seenByBoris.IsBlocked));
        Assert.False((await anna.ProfileOfAsync(boris)).IsFriend);
    }

    [Theory, AllDatabases]
    public async Task Blocking_removes_pending_requests_in_both_directions(Db db)
    {
        var anna = await apps[db].SignUpAsync();
        var boris = await apps[db].SignUpAsync();
        var carl = await apps[db].SignUpAsync();
        var dora = await apps[db].SignUpAsync();
        await boris.SendRequestAsync(anna);
        await anna.SendRequestAsync(carl);
        var kept = await dora.SendRequestAsync(anna);

        await anna.BlockAsync(boris);
        await anna.BlockAsync(carl);

        var annas = await anna.RequestsAsync();
        Assert.Empty(annas.Outgoing);
        Assert.Equal(kept.Id, Assert.Single(annas.Incoming).Id);
        Assert.Empty((await boris.RequestsAsync()).Outgoing);
        Assert.Empty((await carl.RequestsAsync()).Incoming);
    }

    [Theory, AllDatabases]
    public async Task Blocking_an_unknown_user_gives_404(Db db)
    {
        var anna = await apps[db].SignUpAsync();

        await (await anna.Client.PutAsync("/api/v1/blocks/999999999999", null)).ProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal(0, await BlocksByAsync(db, anna));
    }

    [Theory, AllDatabases]
    public async Task Blocking_yourself_names_the_user_id_field(Db db)
    {
        var anna = await apps[db].SignUpAsync();

        await (await anna.Client.PutAsync($"/api/v1/blocks/{anna.Id}", null)).AssertFieldErrorsAsync("userId");

        Assert.Equal(0, await BlocksByAsync(db, anna));
    }

    [Theory, AllDatabases]
    public async Task Unblocking_lets_the_person_ask_to_be_friends_again(Db db)
    {
        var anna = await apps[db].SignUpAsync();
        var boris = await apps[db].SignUpAsync();
        await anna.BlockAsync(boris);

        Assert.Equal(HttpStatusCode.NoContent, (await anna.Client.DeleteAsync($"/api/v1/blocks/{boris.Id}")).StatusCode);

        Assert.Equal(0, await BlocksByAsync(db, anna));
        Assert.False((await anna.ProfileOfAsync(boris)).IsBlocked);
        var request = await boris.SendRequestAsync(anna);
        Assert.Equal(request.Id, Assert.Single((await anna.RequestsAsync()).Incoming).Id);
    }

    [Theory, AllDatabases]
    public async Task Unblocking_someone_who_is_not_blocked_gives_404(Db db)
    {
        var anna = await apps[db].SignUpAsync();
        var boris = await apps[db].SignUpAsync();
        await boris.BlockAsync(anna);

        await (await anna.Client.DeleteAsync($"/api/v1/blocks/{boris.Id}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await anna.Client.DeleteAsync("/api/v1/blocks/999999999999")).ProblemAsync(HttpStatusCode.NotFound);

        Assert.True((await boris.ProfileOfAsync(anna)).IsBlocked);
    }

    [Theory, AllDatabases]
    public async Task Blocks_need_a_signed_in_user(Db db)
    {
        var anna = await apps[db].SignUpAsync();
        var boris = await apps[db].SignUpAsync();
        await anna.BlockAsync(boris);
        var stranger = apps[db].CreateBrowser();

        await (await stranger.GetAsync("/api/v1/blocks")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await stranger.PutAsync($"/api/v1/blocks/{anna.Id}", null)).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await stranger.DeleteAsync($"/api/v1/blocks/{boris.Id}")).ProblemAsync(HttpStatusCode.Unauthorized);

        Assert.True((await anna.ProfileOfAsync(boris)).IsBlocked);
    }

    /// <summary>How many people the person has blocked, read from the database so these tests do not lean on the block list.</summary>
    private Task<int> BlocksByAsync(Db db, Person person)
    {
        var id = long.Parse(person.Id, CultureInfo.InvariantCulture);
        return apps[db].WithDbAsync(d => d.Blocks.CountAsync(b => b.UserId == id));
    }
}
