using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Contracts.Messages;
using Parley.Contracts.Servers;
using Parley.Server.Tests.Features.Emoji;
using Parley.Server.Tests.Features.Files;
using Parley.Server.Tests.Features.Servers;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Features.Messages;

/// <summary>
/// The send path builds its response and its MessageCreated event from what it holds instead of reading the message
/// back: both must be exactly what reading the message back gives.
/// </summary>
public sealed class SendPayloadTests(ParleyApps apps) : IClassFixture<ParleyApps>
{
    [Theory, AllDatabases]
    public async Task A_message_with_everything_is_sent_back_and_announced_exactly_as_it_reads_back(Db db)
    {
        var app = apps[db];
        var owner = await Person.RegisterAsync(app, "owner");
        var (server, general, anna) = await owner.ServerWithMemberAsync(app, "Payloads");
        var boris = await Person.RegisterAsync(app, "boris");
        await boris.JoinAsync((await owner.InviteAsync(general)).Code);
        var editors = await owner.CreateRoleAsync(server.Id, "editors", Permission.None);
        var sticker = await owner.UploadStickerAsync(server.Id, "wave", Uploads.Png(64, 32), "A wave");
        var first = await owner.UploadOkAsync(Uploads.Png(30, 20), "first.png");
        var second = await owner.UploadOkAsync("plain text"u8.ToArray(), "notes.txt");
        var question = await anna.SendAsync(general, "Shall we? " + new string('x', 200));
        var token = await app.CreateBareClient().CreateTokenAsync(boris.Me.Username);
        await using var borisHub = await HubClient.ConnectAsync(app, token);

        var response = await owner.Client.PostAsJsonAsync($"/api/v1/channels/{general}/messages", new SendMessageRequest(
            $"@{boris.Me.Username} @{anna.Me.Username} and @editors: see the files",
            Guid.NewGuid().ToString("N"),
            question.Id,
            [second.Id, first.Id],
            new PollRequest("When?", ["Monday", "Tuesday", "Friday"], true, 90),
            sticker.Id));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var sent = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var id = sent["id"]!.GetValue<string>();
        var event_ = await borisHub.WaitForAsync("MessageCreated", e => e.Str("id") == id);
        var readBack = await ReadBackAsync(owner, general, id);

        Assert.True(JsonNode.DeepEquals(readBack, sent), $"sent:      {sent.ToJsonString()}\nread back: {readBack.ToJsonString()}");
        Assert.True(JsonNode.DeepEquals(readBack, JsonSerializer.SerializeToNode(event_)), $"event:     {event_}\nread back: {readBack.ToJsonString()}");
        // The parts really are there, so the comparison covers them.
        var message = sent.Deserialize<MessageResponse>(JsonSerializerOptions.Web)!;
        Assert.Equal([anna.Id, boris.Id], message.Mentions.Select(m => m.Id).Order(StringComparer.Ordinal).ToList());
        Assert.Equal([editors.Id], message.MentionRoleIds!);
        Assert.Equal(2, message.Attachments.Count);
        Assert.Equal(["Monday", "Tuesday", "Friday"], message.Poll!.Options.Select(o => o.Text));
        Assert.Equal((question.Id, anna.Id), (message.ReplyTo!.Id, message.ReplyTo.Author!.Id));
        Assert.Equal(sticker.Id, message.Sticker!.Id);
        Assert.Equal(owner.Id, message.Author.Id);
    }

    [Theory, AllDatabases]
    public async Task A_new_display_name_or_picture_shows_on_the_very_next_message(Db db)
    {
        var anna = await Person.RegisterAsync(apps[db]);
        var chat = await anna.StartChatAsync(await Person.RegisterAsync(apps[db]));
        Assert.Null((await anna.SendAsync(chat.Id, "before")).Author.DisplayName);

        (await anna.Client.PatchAsJsonAsync("/api/v1/users/me", new { displayName = "Anna K." })).EnsureSuccessStatusCode();
        var renamed = await anna.SendAsync(chat.Id, "after the rename");
        (await anna.UploadAsync(Uploads.Png(64, 64), "me.png", url: "/api/v1/users/me/avatar", method: HttpMethod.Put)).EnsureSuccessStatusCode();
        var pictured = await anna.SendAsync(chat.Id, "after the picture");

        Assert.Equal("Anna K.", renamed.Author.DisplayName);
        Assert.Null(renamed.Author.AvatarUrl);
        Assert.NotNull(pictured.Author.AvatarUrl);
    }

    [Theory, AllDatabases]
    public async Task A_plain_message_and_one_in_a_group_with_everyone_read_back_as_sent(Db db)
    {
        var app = apps[db];
        var anna = await Person.RegisterAsync(app, "anna");
        var boris = await Person.RegisterAsync(app, "boris");
        var carl = await Person.RegisterAsync(app, "carl");
        var group = await anna.StartGroupAsync("Trip", boris, carl);

        foreach (var content in new[] { "just words", $"@everyone and @{carl.Me.Username}, hi", $"@{boris.Me.Username} @{carl.Me.Username}" })
        {
            var response = await anna.PostMessageAsync(group.Id, content, replyToId: null);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var sent = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            var readBack = await ReadBackAsync(anna, group.Id, sent["id"]!.GetValue<string>());
            Assert.True(JsonNode.DeepEquals(readBack, sent), $"sent:      {sent.ToJsonString()}\nread back: {readBack.ToJsonString()}");
        }

        var chat = await anna.ChatAsync(group.Id);
        Assert.Equal((0, chat.LastMessage!.Id), (chat.UnreadCount, chat.LastReadId));
    }

    /// <summary>A fresh GET of the message, as its author reads it in the history.</summary>
    private static async Task<JsonNode> ReadBackAsync(Person reader, string channelId, string messageId)
    {
        var page = JsonNode.Parse(await reader.Client.GetStringAsync($"/api/v1/channels/{channelId}/messages?around={messageId}&limit=1"))!.AsArray();
        return page.Single(m => m!["id"]!.GetValue<string>() == messageId)!.DeepClone();
    }
}
