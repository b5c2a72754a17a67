using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Parley.Contracts.Messages;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Realtime;

public sealed class ChatHubTests(ParleyApps apps) : IClassFixture<ParleyApps>
{
    private async Task<(Person Person, HubClient Hub)> ConnectedAsync(Db db, string stem)
    {
        var person = await Person.RegisterAsync(apps[db], stem);
        var token = await apps[db].CreateBareClient().CreateTokenAsync(person.Me.Username);
        return (person, await HubClient.ConnectAsync(apps[db], token));
    }

    [Theory, AllDatabases]
    public async Task Two_live_clients_see_messages_edits_reactions_pins_and_deletes(Db db)
    {
        var (anna, annaHub) = await ConnectedAsync(db, "anna");
        var (boris, borisHub) = await ConnectedAsync(db, "boris");
        await using (annaHub)
        await using (borisHub)
        {
            var chat = await anna.StartChatAsync(boris);
            await borisHub.WaitForAsync("ChannelCreated", e => e.Str("channelId") == chat.Id);

            var sent = await anna.SendAsync(chat.Id, "hello live");
            var created = await borisHub.WaitForAsync("MessageCreated", e => e.Str("id") == sent.Id);
            Assert.Equal("hello live", created.Str("content"));

            (await anna.Client.PatchAsJsonAsync($"/api/v1/channels/{chat.Id}/messages/{sent.Id}", new EditMessageRequest("hello, live"))).EnsureSuccessStatusCode();
            Assert.Equal("hello, live", (await borisHub.WaitForAsync("MessageUpdated", e => e.Str("id") == sent.Id)).Str("content"));

            (await boris.Client.PutAsync($"/api/v1/channels/{chat.Id}/messages/{sent.Id}/reactions/{Uri.EscapeDataString("❤️")}", null)).EnsureSuccessStatusCode();
            var reaction = await annaHub.WaitForAsync("ReactionAdded", e => e.Str("messageId") == sent.Id);
            Assert.Equal(("❤️", boris.Id), (reaction.Str("emoji"), reaction.Str("userId")));

            (await boris.Client.PutAsync($"/api/v1/channels/{chat.Id}/pins/{sent.Id}", null)).EnsureSuccessStatusCode();
            await annaHub.WaitForAsync("PinsChanged", e => e.Str("channelId") == chat.Id);

            (await anna.Client.DeleteAsync($"/api/v1/channels/{chat.Id}/messages/{sent.Id}")).EnsureSuccessStatusCode();
            await borisHub.WaitForAsync("MessageDeleted", e => e.Str("id") == sent.Id);
        }
    }

    [Theory, AllDatabases]
    public async Task Typing_read_state_and_presence_reach_the_other_side(Db db)
    {
        var (anna, annaHub) = await ConnectedAsync(db, "anna");
        var (boris, borisHub) = await ConnectedAsync(db, "boris");
        await using (annaHub)
        await using (borisHub)
        {
            var chat = await anna.StartChatAsync(boris);
            await borisHub.WaitForAsync("ChannelCreated", e => e.Str("channelId") == chat.Id);

            await annaHub.Connection.InvokeAsync("Typing", chat.Id);
            var typing = await borisHub.WaitForAsync("TypingStarted", e => e.Str("channelId") == chat.Id);
            Assert.Equal((anna.Id, anna.Me.Username), (typing.Str("userId"), typing.Str("username")));
            Assert.Empty(annaHub.All("TypingStarted"));

            var sent = await anna.SendAsync(chat.Id, "read this");
            (await boris.Client.PostAsJsonAsync($"/api/v1/channels/{chat.Id}/read", new { messageId = sent.Id })).EnsureSuccessStatusCode();
            var readState = await borisHub.WaitForAsync("ReadStateChanged", e => e.Str("channelId") == chat.Id);
            Assert.Equal(0, readState.GetProperty("unreadCount").GetInt32());
            Assert.Equal(boris.Id, (await annaHub.WaitForAsync("ReadReceiptUpdated", e => e.Str("channelId") == chat.Id)).Str("userId"));

            await borisHub.Connection.InvokeAsync("SetPresence", "dnd");
            await annaHub.WaitForAsync("PresenceChanged", e => e.Str("userId") == boris.Id && e.Str("presence") == "dnd");

            await borisHub.Connection.StopAsync();
            var offline = await annaHub.WaitForAsync("PresenceChanged", e => e.Str("userId") == boris.Id && e.Str("presence") == "offline");
            Assert.Equal(System.Text.Json.JsonValueKind.String, offline.GetProperty("lastSeenAt").ValueKind);
        }
    }

    [Theory, AllDatabases]
    public async Task After_a_reconnect_the_client_gets_all_50_missed_messages_once_in_order(Db db)
    {
        var (anna, annaHub) = await ConnectedAsync(db, "anna");
        var (boris, borisHub) = await ConnectedAsync(db, "boris");
        await using (annaHub)
        {
            var chat = await anna.StartChatAsync(boris);
            var lastSeen = await anna.SendAsync(chat.Id, "before the tunnel");
            await borisHub.WaitForAsync("MessageCreated", e => e.Str("id") == lastSeen.Id);
            await borisHub.DisposeAsync();

            var sent = new List<string>();
            for (var i = 0; i < 50; i++)
            {
                sent.Add((await anna.SendAsync(chat.Id, $"missed {i}")).Id);
            }

            var token = await apps[db].CreateBareClient().CreateTokenAsync(boris.Me.Username, "reconnect");
            await using var again = await HubClient.ConnectAsync(apps[db], token);
            var caughtUp = new List<string>();
            var cursor = lastSeen.Id;
            while (true)
            {
                var page = await boris.HistoryAsync(chat.Id, $"?after={cursor}&limit=20");
                if (page.Count == 0)
                {
                    break;
                }

                caughtUp.AddRange(page.Select(m => m.Id));
                cursor = page[^1].Id;
            }

            Assert.Equal(sent, caughtUp);
            var live = await anna.SendAsync(chat.Id, "welcome back");
            await again.WaitForAsync("MessageCreated", e => e.Str("id") == live.Id);
        }
    }

    [Theory, AllDatabases]
    public async Task A_new_group_member_starts_receiving_and_a_removed_one_stops_at_once(Db db)
    {
        var (anna, annaHub) = await ConnectedAsync(db, "anna");
        var (boris, borisHub) = await ConnectedAsync(db, "boris");
        var (carl, carlHub) = await ConnectedAsync(db, "carl");
        await using (annaHub)
        await using (borisHub)
        await using (carlHub)
        {
            var group = await anna.StartGroupAsync("Team", boris);
            (await anna.Client.PutAsync($"/api/v1/channels/{group.Id}/recipients/{carl.Id}", null)).EnsureSuccessStatusCode();
            await carlHub.WaitForAsync("ChannelCreated", e => e.Str("channelId") == group.Id);
            var welcome = await anna.SendAsync(group.Id, "welcome carl");
            await carlHub.WaitForAsync("MessageCreated", e => e.Str("id") == welcome.Id);

            (await anna.Client.DeleteAsync($"/api/v1/channels/{group.Id}/recipients/{carl.Id}")).EnsureSuccessStatusCode();
            await carlHub.WaitForAsync("ChannelDeleted", e => e.Str("channelId") == group.Id);
            var secret = await anna.SendAsync(group.Id, "carl is gone");
            await borisHub.WaitForAsync("MessageCreated", e => e.Str("id") == secret.Id);
            await Task.Delay(300);
            Assert.DoesNotContain(carlHub.All("MessageCreated"), e => e.Str("id") == secret.Id);
            Assert.False(await carlHub.Connection.InvokeAsync<bool>("JoinChannel", group.Id));
        }
    }

    [Fact]
    public async Task A_hub_connection_from_a_foreign_origin_or_without_credentials_is_refused()
    {
        var person = await Person.RegisterAsync(apps[Db.Sqlite]);
        var token = await apps[Db.Sqlite].CreateBareClient().CreateTokenAsync(person.Me.Username);

        await Assert.ThrowsAnyAsync<Exception>(() => HubClient.ConnectAsync(apps[Db.Sqlite], token, origin: "https://evil.example"));
        await Assert.ThrowsAnyAsync<Exception>(() => HubClient.ConnectAsync(apps[Db.Sqlite], "pat_wrong"));
        await using var sameOrigin = await HubClient.ConnectAsync(apps[Db.Sqlite], token, origin: "http://localhost");
        Assert.Equal(Microsoft.AspNetCore.SignalR.Client.HubConnectionState.Connected, sameOrigin.Connection.State);
    }
}
