using System.Net;
using System.Net.Http.Json;
using Parley.Contracts.Accounts;
using Parley.Contracts.Friends;
using Parley.Contracts.Users;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Features.Friends;

/// <summary>The friend, block and profile calls the friends and people tests make (befriending is in <see cref="ChatApi"/>).</summary>
public static class Social
{
    public static async Task<Person> SignUpAsync(this ParleyApp app, string? username = null, string? displayName = null)
    {
        var client = app.CreateBrowser();
        var response = await client.PostAsJsonAsync("/api/v1/auth/register", new RegisterRequest(username ?? Names.Unique(), Api.Password, null, displayName));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return new Person(client, (await response.Content.ReadFromJsonAsync<MeResponse>())!);
    }

    public static Task<HttpResponseMessage> AskAsync(this Person from, string? username) =>
        from.Client.PostAsJsonAsync("/api/v1/friends/requests", new SendFriendRequest(username));

    public static async Task<FriendRequestResponse> SendRequestAsync(this Person from, Person to)
    {
        var response = await from.AskAsync(to.Me.Username);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadAsync<FriendRequestResponse>();
    }

    public static Task<HttpResponseMessage> AcceptAsync(this Person person, string requestId) =>
        person.Client.PostAsync($"/api/v1/friends/requests/{requestId}/accept", null);

    public static async Task BlockAsync(this Person person, Person other) =>
        Assert.Equal(HttpStatusCode.NoContent, (await person.Client.PutAsync($"/api/v1/blocks/{other.Id}", null)).StatusCode);

    public static async Task<List<FriendResponse>> FriendsAsync(this Person person) =>
        (await person.Client.GetFromJsonAsync<List<FriendResponse>>("/api/v1/friends"))!;

    public static async Task<FriendRequestsResponse> RequestsAsync(this Person person) =>
        (await person.Client.GetFromJsonAsync<FriendRequestsResponse>("/api/v1/friends/requests"))!;

    public static async Task<List<PublicUser>> BlockedAsync(this Person person) =>
        (await person.Client.GetFromJsonAsync<List<PublicUser>>("/api/v1/blocks"))!;

    public static async Task<PublicUser> ProfileOfAsync(this Person viewer, Person other) =>
        await (await viewer.Client.GetAsync($"/api/v1/users/{other.Id}")).ReadAsync<PublicUser>();
}
