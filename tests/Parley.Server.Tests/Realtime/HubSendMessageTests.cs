using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Parley.Contracts.Messages;
using Parley.Contracts.Servers;
using Parley.Server.Tests.Features.Servers;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Realtime;

/// <summary>ChatHub.SendMessage: the same rules, events and rate limit as POST /api/v1/channels/{id}/messages.</summary>
public sealed class HubSendMessageTests(ParleyApps apps) : IClassFixture<ParleyApps>
{
    private static async Task<(Person Person, HubClient Hub)> ConnectedAsync(ParleyApp app, string stem)
    {
        var person = await Person.RegisterAsync(app, stem);
        var token = await app.CreateBareClient().CreateTokenAsync(person.Me.Username);
        return (person, await HubClient.ConnectAsync(app, token));
    }

    private static Task<JsonElement> SendAsync(HubClient hub, string channelId, SendMessageRequest request) =>
        hub.Connection.InvokeAsync<JsonElement>("SendMessage", channelId, request);

    private static async Task<string> RefusalAsync(HubClient hub, string channelId, SendMessageRequest request) =>
        (await Assert.ThrowsAsync<HubException>(() => SendAsync(hub, channelId, request))).Message;

    [Theory, AllDatabases]
    public async Task A_hub_send_reaches_the_other_member_and_reads_back_as_returned(Db db)
    {
        var (anna, annaHub) = await ConnectedAsync(apps[db], "anna");
        var (boris, borisHub) = await ConnectedAsync(apps[db], "boris");
        await using (annaHub)
        await using (borisHub)
        {
            var chat = await anna.StartChatAsync(boris);
            await borisHub.WaitForAsync("ChannelCreated", e => e.Str("channelId") == chat.Id);
            var question = await boris.SendAsync(chat.Id, "Lunch?");
            var nonce = Guid.NewGuid().ToString("N");

            var sent = await SendAsync(annaHub, chat.Id, new SendMessageRequest($"  yes @{boris.Me.Username}  ", nonce, question.Id));
            var id = sent.Str("id");
            var created = await borisHub.WaitForAsync("MessageCreated", e => e.Str("id") == id);
            var readBack = (await boris.HistoryAsync(chat.Id)).Single(m => m.Id == id);

            Assert.Equal(("yes @" + boris.Me.Username, anna.Id, question.Id, nonce), (sent.Str("content"), sent.GetProperty("author").Str("id"), sent.GetProperty("replyTo").Str("id"), sent.Str("nonce")));
            Assert.Equal(boris.Id, Assert.Single(readBack.Mentions).Id);
            Assert.True(JsonNode.DeepEquals(JsonSerializer.SerializeToNode(sent), JsonSerializer.SerializeToNode(created)));
            Assert.True(JsonNode.DeepEquals(JsonSerializer.SerializeToNode(readBack, JsonSerializerOptions.Web), JsonSerializer.SerializeToNode(sent)));

            // A retry with the same nonce gives the original back, and no second message or event.
            var retry = await SendAsync(annaHub, chat.Id, new SendMessageRequest("yes", nonce, null));
            Assert.Equal(id, retry.Str("id"));
            Assert.Equal(2, (await anna.HistoryAsync(chat.Id)).Count);
            var listed = await anna.ChatAsync(chat.Id);
            Assert.Equal((id, id, 0), (listed.LastMessage!.Id, listed.LastReadId, listed.UnreadCount));
            await Task.Delay(200);
            Assert.Single(borisHub.All("MessageCreated"), e => e.Str("id") == id);
        }
    }

    [Fact]
    public async Task Without_credentials_there_is_no_hub_to_send_through()
    {
        var app = apps[Db.Sqlite];
        var (anna, annaHub) = await ConnectedAsync(app, "anna");
        await using (annaHub)
        {
            var chat = await anna.StartChatAsync(await Person.RegisterAsync(app));

            await Assert.ThrowsAnyAsync<Exception>(() => HubClient.ConnectAsync(app, "pat_not_a_token"));
            Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateBareClient().GetAsync("/hub")).StatusCode);
            Assert.Empty(await anna.HistoryAsync(chat.Id));
        }
    }

    [Theory, AllDatabases]
    public async Task Someone_outside_the_chat_gets_not_found_and_nothing_is_sent(Db db)
    {
        var (anna, annaHub) = await ConnectedAsync(apps[db], "anna");
        var (_, strangerHub) = await ConnectedAsync(apps[db], "stranger");
        await using (annaHub)
        await using (strangerHub)
        {
            var chat = await anna.StartChatAsync(await Person.RegisterAsync(apps[db]));

            Assert.Contains("Channel not found", await RefusalAsync(strangerHub, chat.Id, new SendMessageRequest("let me in", null, null)), StringComparison.Ordinal);
            Assert.Contains("Channel not found", await RefusalAsync(strangerHub, "12345", new SendMessageRequest("nowhere", null, null)), StringComparison.Ordinal);
            Assert.Empty(await anna.HistoryAsync(chat.Id));
        }
    }

    [Theory, AllDatabases]
    public async Task A_member_without_SendMessages_is_refused_in_a_server_channel(Db db)
    {
        var app = apps[db];
        var owner = await Person.RegisterAsync(app, "owner");
        var server = await owner.CreateServerAsync("Announcements");
        var general = await owner.GeneralAsync(server.Id);
        var (anna, annaHub) = await ConnectedAsync(app, "anna");
        await using (annaHub)
        {
            await anna.JoinAsync((await owner.InviteAsync(general)).Code);
            Assert.True(await annaHub.Connection.InvokeAsync<bool>("JoinChannel", general));
            await owner.SetOverwriteAsync(general, server.Id, "role", Permission.None, Permission.SendMessages);

            var refusal = await RefusalAsync(annaHub, general, new SendMessageRequest("may I?", null, null));

            Assert.Contains("You cannot send messages in this channel.", refusal, StringComparison.Ordinal);
            Assert.Empty(await owner.HistoryAsync(general));
        }
    }

    [Theory, AllDatabases]
    public async Task Bad_input_is_refused_naming_the_field(Db db)
    {
        var (anna, annaHub) = await ConnectedAsync(apps[db], "anna");
        await using (annaHub)
        {
            var chat = await anna.StartChatAsync(await Person.RegisterAsync(apps[db]));

            Assert.Contains("content:", await RefusalAsync(annaHub, chat.Id, new SendMessageRequest("   ", null, null)), StringComparison.Ordinal);
            Assert.Contains("content:", await RefusalAsync(annaHub, chat.Id, new SendMessageRequest(new string('x', 4001), null, null)), StringComparison.Ordinal);
            Assert.Contains("nonce:", await RefusalAsync(annaHub, chat.Id, new SendMessageRequest("hi", new string('n', 65), null)), StringComparison.Ordinal);
            Assert.Contains("replyToId:", await RefusalAsync(annaHub, chat.Id, new SendMessageRequest("hi", null, "x")), StringComparison.Ordinal);
            Assert.Contains("replyToId:", await RefusalAsync(annaHub, chat.Id, new SendMessageRequest("hi", null, "12345")), StringComparison.Ordinal);
            Assert.Contains("attachmentIds:", await RefusalAsync(annaHub, chat.Id, new SendMessageRequest("hi", null, null, ["12345"])), StringComparison.Ordinal);
            Assert.Contains("poll.options:", await RefusalAsync(annaHub, chat.Id, new SendMessageRequest("", null, null, Poll: new PollRequest("Q?", ["one"], false, null))), StringComparison.Ordinal);
            Assert.Contains("channelId:", await RefusalAsync(annaHub, "not-an-id", new SendMessageRequest("hi", null, null)), StringComparison.Ordinal);
            Assert.Contains("request:", await RefusalAsync(annaHub, chat.Id, null!), StringComparison.Ordinal);
            Assert.Empty(await anna.HistoryAsync(chat.Id));
        }
    }

    [Theory, AllDatabases]
    public async Task Hub_sends_are_rate_limited_and_share_the_bucket_with_REST(Db db)
    {
        const int burst = 5;
        await using var app = new ParleyApp(db, new Dictionary<string, string?> { ["Parley:RateLimits:SendBurst"] = $"{burst}", ["Parley:RateLimits:SendsPerSecond"] = "1" });
        var (anna, annaHub) = await ConnectedAsync(app, "anna");
        var (boris, borisHub) = await ConnectedAsync(app, "boris");
        await using (annaHub)
        await using (borisHub)
        {
            var chat = await anna.StartChatAsync(boris);

            string? refusal = null;
            for (var i = 0; i < 30 && refusal is null; i++)
            {
                try
                {
                    await SendAsync(annaHub, chat.Id, new SendMessageRequest($"spam {i}", null, null));
                }
                catch (HubException e)
                {
                    refusal = e.Message;
                }
            }

            Assert.Contains("Too many messages", refusal, StringComparison.Ordinal);

            // Boris empties his bucket over REST; then the hub has (next to) nothing left for him. With a bucket of its
            // own the hub would take a whole burst more.
            var rest = HttpStatusCode.Created;
            for (var i = 0; i < 30 && rest != HttpStatusCode.TooManyRequests; i++)
            {
                rest = (await boris.PostMessageAsync(chat.Id, $"rest {i}")).StatusCode;
            }

            Assert.Equal(HttpStatusCode.TooManyRequests, rest);
            var hubSent = 0;
            while (hubSent < burst)
            {
                try
                {
                    await SendAsync(borisHub, chat.Id, new SendMessageRequest("and by hub", null, null));
                    hubSent++;
                }
                catch (HubException e)
                {
                    Assert.Contains("Too many messages", e.Message, StringComparison.Ordinal);
                    break;
                }
            }

            Assert.True(hubSent < burst, $"the hub took {hubSent} sends after REST was refused");
        }
    }
}
