using System.Net;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Features.Friends;

public sealed class FriendsTests(ParleyApps apps) : IClassFixture<ParleyApps>
{
    [Theory, AllDatabases]
    public async Task A_new_account_has_no_friends(Db db)
    {
        var anna = await apps[db].SignUpAsync();

        Assert.Empty(await anna.FriendsAsync());
    }

    [Theory, AllDatabases]
    public async Task The_list_shows_each_friend_by_display_name_or_username_in_alphabetical_order(Db db)
    {
        var anna = await apps[db].SignUpAsync();
        var zed = await apps[db].SignUpAsync(displayName: "Zed");
        var bob = await apps[db].SignUpAsync(displayName: "bob");
        var carla = await apps[db].SignUpAsync(displayName: "Carla");
        var stranger = await apps[db].SignUpAsync();
        foreach (var friend in new[] { zed, bob, carla })
        {
            await friend.BefriendAsync(anna);
        }

        await stranger.SendRequestAsync(anna);

        var friends = await anna.FriendsAsync();

        Assert.Equal([bob.Id, carla.Id, zed.Id], friends.Select(f => f.User.Id));
        Assert.Equal(["bob", "Carla", "Zed"], friends.Select(f => f.User.DisplayName));
        Assert.All(friends, f => Assert.True(f.User.IsFriend));
        Assert.All(friends, f => Assert.False(f.User.IsBlocked));
    }

    [Theory, AllDatabases]
    public async Task Removing_a_friend_ends_the_friendship_both_ways(Db db)
    {
        var anna = await apps[db].SignUpAsync();
        var boris = await apps[db].SignUpAsync();
        await anna.BefriendAsync(boris);

        Assert.Equal(HttpStatusCode.NoContent, (await boris.Client.DeleteAsync($"/api/v1/friends/{anna.Id}")).StatusCode);

        Assert.Empty(await anna.FriendsAsync());
        Assert.Empty(await boris.FriendsAsync());
        Assert.False((await anna.ProfileOfAsync(boris)).IsFriend);
        Assert.False((await boris.ProfileOfAsync(anna)).IsFriend);
    }

    [Theory, AllDatabases]
    public async Task After_removal_either_person_may_ask_again(Db db)
    {
        var anna = await apps[db].SignUpAsync();
        var boris = await apps[db].SignUpAsync();
        await anna.BefriendAsync(boris);
        (await anna.Client.DeleteAsync($"/api/v1/friends/{boris.Id}")).EnsureSuccessStatusCode();

        var request = await boris.SendRequestAsync(anna);

        Assert.Equal(request.Id, Assert.Single((await anna.RequestsAsync()).Incoming).Id);
    }

    [Theory, AllDatabases]
    public async Task Removing_someone_who_is_not_a_friend_gives_404(Db db)
    {
        var anna = await apps[db].SignUpAsync();
        var boris = await apps[db].SignUpAsync();
        var carl = await apps[db].SignUpAsync();
        await boris.BefriendAsync(carl);

        await (await anna.Client.DeleteAsync($"/api/v1/friends/{boris.Id}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await anna.Client.DeleteAsync("/api/v1/friends/999999999999")).ProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal(carl.Id, Assert.Single(await boris.FriendsAsync()).User.Id);
    }

    [Theory, AllDatabases]
    public async Task A_pending_request_is_not_a_friendship_to_remove(Db db)
    {
        var anna = await apps[db].SignUpAsync();
        var boris = await apps[db].SignUpAsync();
        var request = await anna.SendRequestAsync(boris);

        await (await anna.Client.DeleteAsync($"/api/v1/friends/{boris.Id}")).ProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal(request.Id, Assert.Single((await boris.RequestsAsync()).Incoming).Id);
    }

    [Theory, AllDatabases]
    public async Task Friends_need_a_signed_in_user(Db db)
    {
        var anna = await apps[db].SignUpAsync();
        var boris = await apps[db].SignUpAsync();
        await anna.BefriendAsync(boris);
        var stranger = apps[db].CreateBrowser();

        await (await stranger.GetAsync("/api/v1/friends")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await stranger.DeleteAsync($"/api/v1/friends/{boris.Id}")).ProblemAsync(HttpStatusCode.Unauthorized);

        Assert.Single(await anna.FriendsAsync());
    }
}
