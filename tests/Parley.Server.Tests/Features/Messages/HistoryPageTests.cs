using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Parley.Contracts.Messages;
using Parley.Data.Files;
using Parley.Data.Messages;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Features.Messages;

/// <summary>
/// A page's look-ups (reactions, mentions, attachments) are batched over every message of the page: each part must land
/// on its own message, for pages of any size and every cursor.
/// </summary>
public sealed class HistoryPageTests(ParleyApps apps) : IClassFixture<ParleyApps>
{
    [Theory, AllDatabases]
    public async Task Each_message_of_a_full_page_gets_its_own_reactions_mentions_and_attachments(Db db)
    {
        var app = apps[db];
        var anna = await Person.RegisterAsync(app);
        var boris = await Person.RegisterAsync(app);
        var chat = await anna.StartChatAsync(boris);
        var sent = new List<MessageResponse>();
        for (var i = 0; i < 60; i++)
        {
            sent.Add(await anna.SendAsync(chat.Id, $"m{i}"));
        }

        long L(string id) => long.Parse(id, CultureInfo.InvariantCulture);
        var channelId = L(chat.Id);
        long annaId = L(anna.Id), borisId = L(boris.Id);
        await app.WithDbAsync(async d =>
        {
            d.Reactions.AddRange(
                new Reaction { MessageId = L(sent[3].Id), UserId = annaId, Emoji = "👍", ChannelId = channelId },
                new Reaction { MessageId = L(sent[3].Id), UserId = borisId, Emoji = "👍", ChannelId = channelId },
                new Reaction { MessageId = L(sent[30].Id), UserId = borisId, Emoji = "🎉", ChannelId = channelId },
                new Reaction { MessageId = L(sent[59].Id), UserId = annaId, Emoji = "👀", ChannelId = channelId });
            d.Mentions.AddRange(
                new Mention { MessageId = L(sent[30].Id), UserId = borisId, ChannelId = channelId },
                new Mention { MessageId = L(sent[59].Id), UserId = annaId, ChannelId = channelId });
            d.Attachments.AddRange(
                Attachment(L(sent[3].Id) + 1, annaId, channelId, L(sent[3].Id), "a.txt"),
                Attachment(L(sent[30].Id) + 2, annaId, channelId, L(sent[30].Id), "c.txt"),
                Attachment(L(sent[30].Id) + 1, annaId, channelId, L(sent[30].Id), "b.txt"),
                Attachment(L(sent[30].Id) + 3, annaId, channelId, null, "pending.txt"));
            await d.SaveChangesAsync();

            // Rows written behind the API's back need their message's bits, as every write path sets them.
            foreach (var (index, extras) in new[]
            {
                (3, MessageExtras.Reactions | MessageExtras.Attachments),
                (30, MessageExtras.Reactions | MessageExtras.Mentions | MessageExtras.Attachments),
                (59, MessageExtras.Reactions | MessageExtras.Mentions),
            })
            {
                var id = L(sent[index].Id);
                await d.Database.ExecuteSqlAsync($"""UPDATE "Messages" SET "Extras" = "Extras" | {(int)extras} WHERE "Id" = {id}""");
            }

            return 0;
        });

        var all = await boris.HistoryAsync(chat.Id, "?limit=100");
        var head = await boris.HistoryAsync(chat.Id, "?limit=50");
        var tail = await boris.HistoryAsync(chat.Id, $"?before={head[^1].Id}&limit=50");

        Assert.Equal(sent.Select(m => m.Id).Reverse(), all.Select(m => m.Id));
        Assert.Equal(all.Select(m => m.Id), head.Concat(tail).Select(m => m.Id));
        foreach (var page in new[] { all, head.Concat(tail).ToList() })
        {
            var byContent = page.ToDictionary(m => m.Content!);
            Assert.Equal(("👍", 2, true), (byContent["m3"].Reactions.Single().Emoji, byContent["m3"].Reactions.Single().Count, byContent["m3"].Reactions.Single().Me));
            Assert.Equal(("🎉", 1, true), (byContent["m30"].Reactions.Single().Emoji, byContent["m30"].Reactions.Single().Count, byContent["m30"].Reactions.Single().Me));
            Assert.Equal(("👀", false), (byContent["m59"].Reactions.Single().Emoji, byContent["m59"].Reactions.Single().Me));
            Assert.Equal([boris.Id], byContent["m30"].Mentions.Select(u => u.Id));
            Assert.Equal([anna.Id], byContent["m59"].Mentions.Select(u => u.Id));
            Assert.Equal(["a.txt"], byContent["m3"].Attachments.Select(a => a.FileName));
            Assert.Equal(["b.txt", "c.txt"], byContent["m30"].Attachments.Select(a => a.FileName));
            Assert.All(page.Where(m => m.Content is not ("m3" or "m30" or "m59")), m =>
            {
                Assert.Empty(m.Reactions);
                Assert.Empty(m.Mentions);
                Assert.Empty(m.Attachments);
            });
        }
    }

    [Theory, AllDatabases]
    public async Task Cursors_at_the_ends_of_the_history_return_what_is_there(Db db)
    {
        var anna = await Person.RegisterAsync(apps[db]);
        var chat = await anna.StartChatAsync(await Person.RegisterAsync(apps[db]));
        var sent = new List<MessageResponse>();
        for (var i = 0; i < 6; i++)
        {
            sent.Add(await anna.SendAsync(chat.Id, $"m{i}"));
        }

        Assert.Equal(["m0", "m1", "m2", "m3", "m4", "m5"], (await anna.HistoryAsync(chat.Id, $"?around={sent[0].Id}&limit=6")).Select(m => m.Content));
        Assert.Equal(["m2", "m3", "m4", "m5"], (await anna.HistoryAsync(chat.Id, $"?around={sent[5].Id}&limit=7")).Select(m => m.Content));
        Assert.Equal(["m5"], (await anna.HistoryAsync(chat.Id, $"?around={sent[5].Id}&limit=1")).Select(m => m.Content));
        Assert.Empty(await anna.HistoryAsync(chat.Id, $"?after={sent[5].Id}"));
        Assert.Empty(await anna.HistoryAsync(chat.Id, $"?before={sent[0].Id}"));
        Assert.Equal(["m1", "m0"], (await anna.HistoryAsync(chat.Id, $"?before={sent[2].Id}")).Select(m => m.Content));
        Assert.Equal(["m5", "m4"], (await anna.HistoryAsync(chat.Id, "?limit=2")).Select(m => m.Content));
    }

    /// <summary>The newest page ends at the channel's last message id: deleting the newest and sending again move it.</summary>
    [Theory, AllDatabases]
    public async Task The_newest_page_follows_the_last_message_through_deletes_and_new_sends(Db db)
    {
        var anna = await Person.RegisterAsync(apps[db]);
        var boris = await Person.RegisterAsync(apps[db]);
        var chat = await anna.StartChatAsync(boris);
        var other = await anna.StartChatAsync(await Person.RegisterAsync(apps[db]));
        var first = await anna.SendAsync(chat.Id, "first");
        var second = await anna.SendAsync(chat.Id, "second");
        await anna.SendAsync(other.Id, "newer, elsewhere");
        Assert.Equal(["second", "first"], (await boris.HistoryAsync(chat.Id)).Select(m => m.Content));

        (await anna.Client.DeleteAsync($"/api/v1/channels/{chat.Id}/messages/{second.Id}")).EnsureSuccessStatusCode();
        Assert.Equal(["first"], (await boris.HistoryAsync(chat.Id)).Select(m => m.Content));

        await anna.SendAsync(chat.Id, "third");
        Assert.Equal(["third", "first"], (await boris.HistoryAsync(chat.Id)).Select(m => m.Content));

        (await anna.Client.DeleteAsync($"/api/v1/channels/{chat.Id}/messages/{first.Id}")).EnsureSuccessStatusCode();
        Assert.Equal(["third"], (await boris.HistoryAsync(chat.Id)).Select(m => m.Content));
    }

    private static Attachment Attachment(long id, long uploaderId, long channelId, long? messageId, string name) => new()
    {
        Id = id,
        UploaderId = uploaderId,
        ChannelId = channelId,
        MessageId = messageId,
        FileName = name,
        ContentType = "text/plain",
        Size = 1,
        StorageKey = $"attachments/{id}/original",
        CreatedAt = TimeProvider.System.GetUtcNow(),
    };
}
