using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Parley.Contracts.Accounts;
using Parley.Contracts.Friends;
using Parley.Contracts.Servers;
using Parley.Contracts.Users;
using Parley.Server.Tests.Features.Servers;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Features.Accounts;

public sealed class DeleteAccountTests(ParleyApps apps) : IClassFixture<ParleyApps>
{
    private const string DeletedName = "Deleted account";

    private static Task<HttpResponseMessage> DeleteAccountAsync(HttpClient client, string? password) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/users/me") { Content = JsonContent.Create(new DeleteAccountRequest(password)) });

    [Theory, AllDatabases]
    public async Task A_deleted_account_cannot_sign_in_and_its_username_is_free_again(Db db)
    {
        var app = apps[db];
        var anna = await Person.RegisterAsync(app, "anna");
        var username = anna.Me.Username;

        var response = await DeleteAccountAsync(anna.Client, Api.Password);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        // This browser is signed out: the cookie is cleared and would be refused anyway.
        await (await anna.Client.GetAsync("/api/v1/users/me")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await app.CreateBrowser().LoginAsync(username)).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await app.CreateBrowser().LoginAsync("deleted-" + anna.Id)).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await app.CreateBareClient().PostAsJsonAsync("/api/v1/auth/tokens", new CreateTokenRequest(username, Api.Password, "x")))
            .ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.True((await app.CreateBrowser().GetFromJsonAsync<UsernameAvailabilityResponse>($"/api/v1/auth/username-availability?username={username}"))!.Available);
        var again = await app.CreateBrowser().RegisterAsync(username);
        Assert.NotEqual(anna.Id, again.Id);

        var annaId = long.Parse(anna.Id, CultureInfo.InvariantCulture);
        var row = await app.WithDbAsync(d => d.Users.AsNoTracking().FirstAsync(u => u.Id == annaId));
        Assert.Equal(("deleted-" + anna.Id, DeletedName), (row.UserName, row.DisplayName));
        Assert.Null(row.PasswordHash);
        Assert.Null(row.Email);
    }

    [Theory, AllDatabases]
    public async Task Its_messages_stay_under_the_deleted_name_and_it_leaves_its_groups_servers_and_friends(Db db)
    {
        var app = apps[db];
        var anna = await Person.RegisterAsync(app, "anna");
        var bob = await Person.RegisterAsync(app, "bob");
        var carol = await Person.RegisterAsync(app, "carol");
        await anna.BefriendAsync(bob);
        var direct = await anna.StartChatAsync(bob);
        await anna.SendAsync(direct.Id, "hello bob");
        var group = await anna.StartGroupAsync("Trip", bob, carol);
        await anna.SendAsync(group.Id, "who brings the tent?");
        var server = await bob.CreateServerAsync("Book club");
        await anna.JoinAsync((await bob.InviteAsync(await bob.GeneralAsync(server.Id))).Code);
        var bobToken = await app.CreateBareClient().CreateTokenAsync(bob.Me.Username);
        await using var bobHub = await HubClient.ConnectAsync(app, bobToken);

        Assert.Equal(HttpStatusCode.NoContent, (await DeleteAccountAsync(anna.Client, Api.Password)).StatusCode);

        // The direct chat keeps its history, under the deleted name.
        var directHistory = await bob.HistoryAsync(direct.Id);
        var hello = Assert.Single(directHistory, m => m.Content == "hello bob");
        Assert.Equal((anna.Id, DeletedName), (hello.Author.Id, hello.Author.DisplayName));
        Assert.StartsWith("deleted-", hello.Author.Username, StringComparison.Ordinal);

        // The group keeps the message but not the member; the group passed to the longest-standing member.
        var tent = Assert.Single(await carol.HistoryAsync(group.Id), m => m.Content == "who brings the tent?");
        Assert.Equal(DeletedName, tent.Author.DisplayName);
        var trip = await bob.ChatAsync(group.Id);
        Assert.DoesNotContain(trip.Recipients, r => r.Id == anna.Id);
        Assert.NotEqual(anna.Id, trip.OwnerId);
        var left = await bobHub.WaitForAsync("MemberLeft", e => e.Str("channelId") == group.Id);
        Assert.Equal(anna.Id, left.GetProperty("user").Str("id"));

        // Left the server, with the usual event.
        var members = await (await bob.Client.GetAsync($"/api/v1/servers/{server.Id}/members")).ReadAsync<List<MemberResponse>>();
        Assert.DoesNotContain(members, m => m.User.Id == anna.Id);
        await bobHub.WaitForAsync("ServerMemberLeft", e => e.Str("userId") == anna.Id);

        // No longer a friend.
        Assert.Empty((await bob.Client.GetFromJsonAsync<List<FriendResponse>>("/api/v1/friends"))!);
        await bobHub.WaitForAsync("FriendRemoved", e => e.Str("userId") == anna.Id);
    }

    [Theory, AllDatabases]
    public async Task Nobody_finds_befriends_starts_a_chat_with_or_adds_a_deleted_account(Db db)
    {
        var app = apps[db];
        var boris = await Person.RegisterAsync(app, "boris");
        var anna = await Person.RegisterAsync(app, "anna");
        var group = await boris.StartGroupAsync("Book club", await Person.RegisterAsync(app, "carol"));
        Assert.Equal(HttpStatusCode.NoContent, (await DeleteAccountAsync(anna.Client, Api.Password)).StatusCode);

        Assert.DoesNotContain(
            (await boris.Client.GetFromJsonAsync<List<PublicUser>>($"/api/v1/users/search?q={Uri.EscapeDataString(DeletedName)}"))!,
            p => p.Id == anna.Id);
        Assert.Empty((await boris.Client.GetFromJsonAsync<List<PublicUser>>($"/api/v1/users/search?q=deleted-{anna.Id}"))!);
        await (await boris.Client.PostAsJsonAsync("/api/v1/friends/requests", new { username = "deleted-" + anna.Id })).ProblemAsync(HttpStatusCode.NotFound);
        await (await boris.Client.PostAsJsonAsync("/api/v1/users/me/channels", new { recipientIds = new[] { anna.Id } })).ProblemAsync(HttpStatusCode.NotFound);
        await (await boris.Client.PutAsync($"/api/v1/channels/{group.Id}/recipients/{anna.Id}", null)).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory, AllDatabases]
    public async Task Every_session_and_token_is_revoked_and_their_hub_connections_closed(Db db)
    {
        var app = apps[db];
        var username = Names.Unique();
        var laptop = app.CreateBrowser();
        await laptop.RegisterAsync(username);
        var phone = app.CreateBrowser(out var phoneCookies);
        (await phone.LoginAsync(username)).EnsureSuccessStatusCode();
        var token = await app.CreateBareClient().CreateTokenAsync(username);
        await using var phoneHub = await CookieHub.ConnectAsync(app, phoneCookies);
        await using var tokenHub = await HubClient.ConnectAsync(app, token);

        Assert.Equal(HttpStatusCode.NoContent, (await DeleteAccountAsync(laptop, Api.Password)).StatusCode);

        await phoneHub.RevokedAndClosedAsync();
        await tokenHub.WaitForAsync("SessionRevoked");
        await (await phone.GetAsync("/api/v1/users/me")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await laptop.GetAsync("/api/v1/users/me")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await app.CreateBareClient().WithBearer(token).GetAsync("/api/v1/users/me")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory, AllDatabases]
    public async Task A_token_may_delete_the_account_too(Db db)
    {
        var app = apps[db];
        var username = Names.Unique();
        await app.CreateBrowser().RegisterAsync(username);
        var bot = app.CreateBareClient().WithBearer(await app.CreateBareClient().CreateTokenAsync(username));

        Assert.Equal(HttpStatusCode.NoContent, (await DeleteAccountAsync(bot, Api.Password)).StatusCode);

        await (await bot.GetAsync("/api/v1/users/me")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory, AllDatabases]
    public async Task A_missing_or_wrong_password_is_refused_naming_the_field_and_nothing_changes(Db db)
    {
        var anna = await Person.RegisterAsync(apps[db], "anna");

        await (await DeleteAccountAsync(anna.Client, null)).AssertFieldErrorsAsync("password");
        await (await DeleteAccountAsync(anna.Client, "not my password")).AssertFieldErrorsAsync("password");
        await (await anna.Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/users/me") { Content = JsonContent.Create(new { }) }))
            .AssertFieldErrorsAsync("password");

        Assert.Equal(anna.Me.Username, (await anna.Client.GetFromJsonAsync<MeResponse>("/api/v1/users/me"))!.Username);
    }

    [Theory, AllDatabases]
    public async Task The_owner_of_a_server_is_told_to_hand_it_over_or_delete_it_first(Db db)
    {
        var anna = await Person.RegisterAsync(apps[db], "anna");
        var boris = await Person.RegisterAsync(apps[db], "boris");
        var chess = await anna.CreateServerAsync("Chess club");
        var books = await anna.CreateServerAsync("Book club");
        await boris.JoinAsync((await anna.InviteAsync(await anna.GeneralAsync(chess.Id))).Code);

        var refused = await DeleteAccountAsync(anna.Client, Api.Password);

        var problem = await refused.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("servers first", problem.GetProperty("title").GetString()!, StringComparison.Ordinal);
        var listed = problem.GetProperty("servers").EnumerateArray().Select(s => (s.Str("id"), s.Str("name"))).ToList();
        Assert.Equal(new[] { (chess.Id, "Chess club"), (books.Id, "Book club") }, listed);
        Assert.Equal(HttpStatusCode.OK, (await anna.Client.GetAsync("/api/v1/users/me")).StatusCode);

        // Handing one over and deleting the other clears the way.
        (await anna.Client.PatchAsJsonAsync($"/api/v1/servers/{chess.Id}", new UpdateServerRequest(null, boris.Id))).EnsureSuccessStatusCode();
        (await anna.Client.DeleteAsync($"/api/v1/servers/{books.Id}")).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NoContent, (await DeleteAccountAsync(anna.Client, Api.Password)).StatusCode);
        var members = await (await boris.Client.GetAsync($"/api/v1/servers/{chess.Id}/members")).ReadAsync<List<MemberResponse>>();
        Assert.Equal(boris.Id, Assert.Single(members).User.Id);
    }

    [Theory, AllDatabases]
    public async Task Deleting_needs_a_signed_in_user_and_from_a_browser_the_antiforgery_header(Db db)
    {
        var browser = apps[db].CreateBrowser(out var jar);
        await browser.RegisterAsync();
        jar.SendAntiforgeryHeader = false;

        var forged = await DeleteAccountAsync(browser, Api.Password);

        var problem = await forged.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("antiforgery", problem.GetProperty("title").GetString()!, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/users/me")).StatusCode);
        await (await DeleteAccountAsync(apps[db].CreateBrowser(), Api.Password)).ProblemAsync(HttpStatusCode.Unauthorized);
    }
}
