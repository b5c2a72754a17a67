using System.Net;
using System.Net.Http.Json;
using Parley.Contracts.Friends;
using Parley.Contracts.Users;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Features.Friends;

public sealed class FriendRequestsTests(ParleyApps apps) : IClassFixture<ParleyApps>
{
    [Theory, AllDatabases]
    public async Task A_new_request_is_created_and_shows_as_outgoing_for_the_sender_and_incoming_for_the_recipient(Db db)
    {
        var anna = await apps[db].SignUpAsync();
        var boris = await apps[db].SignUpAsync(displayName: "Boris B");

        var response = await anna.AskAsync(boris.Me.Username);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var request = await response.ReadAsync<FriendRequestResponse>();
        Assert.Equal($"/api/v1/friends/requests/{request.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal((anna.Id, anna.Me.Username), (request.From.Id, request.From.Username));
        Assert.Equal((boris.Id, boris.Me.Username, "Boris B"), (request.To.Id, request.To.Username, request.To.DisplayName));
        var annas = await anna.RequestsAsync();
        Assert.Empty(annas.Incoming);
        Assert.Equal(Summary(request), Summary(Assert.Single(annas.Outgoing)));
        var boriss = await boris.RequestsAsync();
        Assert.Empty(boriss.Outgoing);
        Assert.Equal(Summary(request), Summary(Assert.Single(boriss.Incoming)));
        Assert.Equal(request.CreatedAt, boriss.Incoming[0].CreatedAt, TimeSpan.FromMilliseconds(1));
        Assert.Empty(await anna.FriendsAsync());
        Assert.Empty(await boris.FriendsAsync());
    }

    [Theory, AllDatabases]
    public async Task A_request_by_at_username_in_another_case_reaches_the_person(Db db)
    {
        var anna = await apps[db].SignUpAsync();
        var boris = await apps[db].SignUpAsync();

        var response = await anna.AskAsync($" @{boris.Me.Username.ToUpperInvariant()} ");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(boris.Id, (await response.ReadAsync<FriendRequestResponse>()).To.Id);
        Assert.Single((await boris.RequestsAsync()).Incoming);
    }

    [Theory, AllDatabases]
    public async Task Asking_twice_returns_the_existing_request_with_200(Db db)
    {
        var anna = await apps[db].SignUpAsync();
        var boris = await apps[db].SignUpAsync();
        var first = await anna.SendRequestAsync(boris);

        var again = await anna.AskAsync(boris.Me.Username);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(Summary(first), Summary(await again.ReadAsync<FriendRequestResponse>()));
        Assert.Equal(first.Id, Assert.Single((await anna.RequestsAsync()).Outgoing).Id);
        Assert.Equal(first.Id, Assert.Single((await boris.RequestsAsync()).Incoming).Id);
    }

    [Theory, AllDatabases]
    public async Task Asking_someone_who_already_asked_you_accepts_their_request(Db db)
    {
        var anna = await apps[db].SignUpAsync();
        var boris = await apps[db].SignUpAsync();
        await anna.SendRequestAsync(boris);

        var response = await boris.AskAsync(anna.Me.Username);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var friend = await response.ReadAsync<FriendResponse>();
        Assert.Equal(anna.Id, friend.User.Id);
        Assert.True(friend.User.IsFriend);
        Assert.Equal(anna.Id, Assert.Single(await boris.FriendsAsync()).User.Id);
        Assert.Equal(boris.Id, Assert.Single(await anna.FriendsAsync()).User.Id);
        Assert.Empty((await anna.RequestsAsync()).Outgoing);
        Assert.Empty((await boris.RequestsAsync()).Incoming);
    }

    [Theory, AllDatabases]
    public async Task An_unknown_username_gives_404(Db db)
    {
        var anna = await apps[db].SignUpAsync();

        await (await anna.AskAsync(Names.Unique("nobody"))).ProblemAsync(HttpStatusCode.NotFound);

        Assert.Empty((await anna.RequestsAsync()).Outgoing);
    }

    [Theory, AllDatabases]
    public async Task Asking_yourself_or_nobody_names_the_username_field(Db db)
    {
        var anna = await apps[db].SignUpAsync();

        await (await anna.AskAsync(anna.Me.Username)).AssertFieldErrorsAsync("username");
        await (await anna.AskAsync("@" + anna.Me.Username.ToUpperInvariant())).AssertFieldErrorsAsync("username");
        await (await anna.AskAsync("")).AssertFieldErrorsAsync("username");
        await (await anna.AskAsync("   ")).AssertFieldErrorsAsync("username");
        await (await anna.AskAsync("@")).AssertFieldErrorsAsync("username");
        await (await anna.AskAsync(null)).AssertFieldErrorsAsync("username");

        Assert.Empty((await anna.RequestsAsync()).Outgoing);
    }

    [Theory, AllDatabases]
    public async Task A_blocked_user_cannot_send_you_a_friend_request(Db db)
    {
        var anna = await apps[db].SignUpAsync();
        var boris = await apps[db].SignUpAsync();
        await anna.BlockAsync(boris);

        await (await boris.AskAsync(anna.Me.Username)).ProblemAsync(HttpStatusCode.Forbidden);

        Assert.Empty((await anna.RequestsAsync()).Incoming);
        Assert.Empty((await boris.RequestsAsync()).Outgoing);
    }

    [Theory, AllDatabases]
    public async Task You_cannot_send_a_friend_request_to_someone_you_blocked(Db db)
    {
        var anna = await apps[db].SignUpAsync();
        var boris = await apps[db].SignUpAsync();
        await anna.BlockAsync(boris);

        await (await anna.AskAsync(boris.Me.Username)).ProblemAsync(HttpStatusCode.Forbidden);

        Assert.Empty((await boris.RequestsAsync()).Incoming);
    }

    [Theory, AllDatabases]
    public async Task Asking_a_friend_again_gives_409(Db db)
    {
        var anna = await apps[db].SignUpAsync();
        var boris = await apps[db].SignUpAsync();
        await anna.BefriendAsync(boris);

        await (await anna.AskAsync(boris.Me.Username)).ProblemAsync(HttpStatusCode.Conflict);
        await (await boris.AskAsync(anna.Me.Username)).ProblemAsync(HttpStatusCode.Conflict);

        Assert.Empty((await anna.RequestsAsync()).Outgoing);
        Assert.Empty((await boris.RequestsAsync()).Outgoing);
    }

    [Theory, AllDatabases]
    public async Task Accepting_makes_both_people_friends_and_both_lists_show_the_other(Db db)
    {
        var anna = await apps[db].SignUpAsync(displayName: "Anna A");
        var boris = await apps[db].SignUpAsync(displayName: "Boris B");
        var request = await anna.SendRequestAsync(boris);

        var friend = await (await boris.AcceptAsync(request.Id)).ReadAsync<FriendResponse>();

        Assert.Equal((anna.Id, "Anna A", true, false), (friend.User.Id, friend.User.DisplayName, friend.User.IsFriend, friend.User.IsBlocked));
        var borisFriends = await boris.FriendsAsync();
        Assert.Equal(anna.Id, Assert.Single(borisFriends).User.Id);
        Assert.Equal(friend.Since, borisFriends[0].Since, TimeSpan.FromMilliseconds(1));
        var annaFriends = await anna.FriendsAsync();
        Assert.Equal((boris.Id, "Boris B", true), (Assert.Single(annaFriends).User.Id, annaFriends[0].User.DisplayName, annaFriends[0].User.IsFriend));
        Assert.Equal(friend.Since, annaFriends[0].Since, TimeSpan.FromMilliseconds(1));
        Assert.True((await anna.ProfileOfAsync(boris)).IsFriend);
        Assert.True((await boris.ProfileOfAsync(anna)).IsFriend);
        var annas = await anna.RequestsAsync();
        var boriss = await boris.RequestsAsync();
        Assert.Empty(annas.Incoming.Concat(annas.Outgoing).Concat(boriss.Incoming).Concat(boriss.Outgoing));
    }

    [Theory, AllDatabases]
    public async Task Only_the_recipient_can_accept_a_request(Db db)
    {
        var anna = await apps[db].SignUpAsync();
        var boris = await apps[db].SignUpAsync();
        var carl = await apps[db].SignUpAsync();
        var request = await anna.SendRequestAsync(boris);

        await (await anna.AcceptAsync(request.Id)).ProblemAsync(HttpStatusCode.NotFound);
        await (await carl.AcceptAsync(request.Id)).ProblemAsync(HttpStatusCode.NotFound);
        await (await boris.AcceptAsync("999999999999")).ProblemAsync(HttpStatusCode.NotFound);

        Assert.Empty(await anna.FriendsAsync());
        Assert.Empty(await carl.FriendsAsync());
        Assert.Equal(request.Id, Assert.Single((await boris.RequestsAsync()).Incoming).Id);
    }

    [Theory, AllDatabases]
    public async Task A_request_accepted_once_cannot_be_accepted_again(Db db)
    {
        var anna = await apps[db].SignUpAsync();
        var boris = await apps[db].SignUpAsync();
        var request = await anna.SendRequestAsync(boris);
        await (await boris.AcceptAsync(request.Id)).ReadAsync<FriendResponse>();

        await (await boris.AcceptAsync(request.Id)).ProblemAsync(HttpStatusCode.NotFound);

        Assert.Single(await boris.FriendsAsync());
    }

    [Theory, AllDatabases]
    public async Task Cancelling_by_the_sender_removes_the_request_from_both_lists(Db db)
    {
        var anna = await apps[db].SignUpAsync();
        var boris = await apps[db].SignUpAsync();
        var request = await anna.SendRequestAsync(boris);

        Assert.Equal(HttpStatusCode.NoContent, (await anna.Client.DeleteAsync($"/api/v1/friends/requests/{request.Id}")).StatusCode);

        Assert.Empty((await anna.RequestsAsync()).Outgoing);
        Assert.Empty((await boris.RequestsAsync()).Incoming);
        await (await boris.AcceptAsync(request.Id)).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty(await boris.FriendsAsync());
    }

    [Theory, AllDatabases]
    public async Task Declining_by_the_recipient_removes_the_request_from_both_lists(Db db)
    {
        var anna = await apps[db].SignUpAsync();
        var boris = await apps[db].SignUpAsync();
        var request = await anna.SendRequestAsync(boris);

        Assert.Equal(HttpStatusCode.NoContent, (await boris.Client.DeleteAsync($"/api/v1/friends/requests/{request.Id}")).StatusCode);

        Assert.Empty((await anna.RequestsAsync()).Outgoing);
        Assert.Empty((await boris.RequestsAsync()).Incoming);
        await (await boris.Client.DeleteAsync($"/api/v1/friends/requests/{request.Id}")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty(await anna.FriendsAsync());
    }

    [Theory, AllDatabases]
    public async Task After_a_decline_the_sender_may_ask_again(Db db)
    {
        var anna = await apps[db].SignUpAsync();
        var boris = await apps[db].SignUpAsync();
        var declined = await anna.SendRequestAsync(boris);
        (await boris.Client.DeleteAsync($"/api/v1/friends/requests/{declined.Id}")).EnsureSuccessStatusCode();

        var again = await anna.SendRequestAsync(boris);

        Assert.NotEqual(declined.Id, again.Id);
        Assert.Equal(again.Id, Assert.Single((await boris.RequestsAsync()).Incoming).Id);
    }

    [Theory, AllDatabases]
    public async Task A_third_person_cannot_cancel_or_decline_a_request(Db db)
    {
        var anna = await apps[db].SignUpAsync();
        var boris = await apps[db].SignUpAsync();
        var carl = await apps[db].SignUpAsync();
        var request = await anna.SendRequestAsync(boris);

        await (await carl.Client.DeleteAsync($"/api/v1/friends/requests/{request.Id}")).ProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal(request.Id, Assert.Single((await anna.RequestsAsync()).Outgoing).Id);
        Assert.Equal(request.Id, Assert.Single((await boris.RequestsAsync()).Incoming).Id);
    }

    [Theory, AllDatabases]
    public async Task Friend_requests_need_a_signed_in_user(Db db)
    {
        var anna = await apps[db].SignUpAsync();
        var boris = await apps[db].SignUpAsync();
        var request = await anna.SendRequestAsync(boris);
        var stranger = apps[db].CreateBrowser();

        await (await stranger.GetAsync("/api/v1/friends/requests")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await stranger.PostAsJsonAsync("/api/v1/friends/requests", new SendFriendRequest(boris.Me.Username))).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await stranger.PostAsync($"/api/v1/friends/requests/{request.Id}/accept", null)).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await stranger.DeleteAsync($"/api/v1/friends/requests/{request.Id}")).ProblemAsync(HttpStatusCode.Unauthorized);

        Assert.Equal(request.Id, Assert.Single((await boris.RequestsAsync()).Incoming).Id);
    }

    /// <summary>A request without its time, which the database may store less precisely than the clock gives it.</summary>
    private static (string Id, UserSummary From, UserSummary To) Summary(FriendRequestResponse request) =>
        (request.Id, request.From, request.To);
}
