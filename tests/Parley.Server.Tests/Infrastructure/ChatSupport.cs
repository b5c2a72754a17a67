using System.Net;
using System.Net.Http.Json;
using Parley.Contracts.Channels;
using Parley.Contracts.Messages;
using Parley.Contracts.Users;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>A signed-in person in a test: their browser-like client and who they are.</summary>
public sealed record Person(HttpClient Client, MeResponse Me)
{
    public string Id => Me.Id;

    public static async Task<Person> RegisterAsync(ParleyApp app, string stem = "user")
    {
        var client = app.CreateBrowser();
        var me = await client.RegisterAsync(Names.Unique(stem));
        return new Person(client, me);
    }
}

public static class ChatApi
{
    public static async Task<ChannelResponse> StartChatAsync(this Person person, params Person[] others) =>
        await (await person.Client.PostAsJsonAsync("/api/v1/users/me/channels", new CreateChannelRequest(others.Select(o => o.Id).ToList(), null)))
            .ReadAsync<ChannelResponse>();

    public static async Task<ChannelResponse> StartGroupAsync(this Person owner, string name, params Person[] others) =>
        await (await owner.Client.PostAsJsonAsync("/api/v1/users/me/channels", new CreateChannelRequest(others.Select(o => o.Id).ToList(), name)))
            .ReadAsync<ChannelResponse>();

    public static Task<HttpResponseMessage> PostMessageAsync(this Person person, string channelId, string content, string? nonce = null, string? replyToId = null) =>
        person.Client.PostAsJsonAsync($"/api/v1/channels/{channelId}/messages", new SendMessageRequest(content, nonce ?? Guid.NewGuid().ToString("N"), replyToId));

    public static async Task<MessageResponse> SendAsync(this Person person, string channelId, string content, string? nonce = null, string? replyToId = null)
    {
        var response = await person.PostMessageAsync(channelId, content, nonce, replyToId);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<MessageResponse>())!;
    }

    public static async Task<List<MessageResponse>> HistoryAsync(this Person person, string channelId, string query = "") =>
        (await person.Client.GetFromJsonAsync<List<MessageResponse>>($"/api/v1/channels/{channelId}/messages{query}"))!;

    public static async Task<List<ChannelResponse>> ChatsAsync(this Person person) =>
        (await person.Client.GetFromJsonAsync<List<ChannelResponse>>("/api/v1/users/me/channels"))!;

    public static async Task<ChannelResponse> ChatAsync(this Person person, string channelId) =>
        (await person.ChatsAsync()).Single(c => c.Id == channelId);

    public static async Task BefriendAsync(this Person person, Person other)
    {
        var request = await (await person.Client.PostAsJsonAsync("/api/v1/friends/requests", new { username = other.Me.Username }))
            .ReadAsync<Contracts.Friends.FriendRequestResponse>();
        (await other.Client.PostAsync($"/api/v1/friends/requests/{request.Id}/accept", null)).EnsureSuccessStatusCode();
    }
}
