using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Parley.Data.Files;
using Parley.Data.Messages;
using Parley.Data.Polls;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Data;

/// <summary>
/// The MessageExtras migration fills the new bits from the rows already there: a database taken back to the migration
/// before it, with a reaction, a mention, a role mention, an attachment and a poll, has each message's bits once
/// migrated forward again.
/// </summary>
public sealed class MessageExtrasMigrationTests
{
    private const string Previous = "PollsEmojiStickersRoleMentions";

    [Theory, AllDatabases]
    public async Task Migrating_sets_each_message_s_bits_from_its_existing_rows(Db db)
    {
        // A server of its own: the test takes its schema back and forth.
        await using var app = new ParleyApp(db);
        var anna = await Person.RegisterAsync(app);
        var boris = await Person.RegisterAsync(app);
        var chat = await anna.StartChatAsync(boris);
        var sent = new List<long>();
        for (var i = 0; i < 7; i++)
        {
            sent.Add(long.Parse((await anna.SendAsync(chat.Id, $"m{i}")).Id, CultureInfo.InvariantCulture));
        }

        var channelId = long.Parse(chat.Id, CultureInfo.InvariantCulture);
        long annaId = long.Parse(anna.Id, CultureInfo.InvariantCulture), borisId = long.Parse(boris.Id, CultureInfo.InvariantCulture);
        await app.WithDbAsync(async d =>
        {
            await d.GetService<IMigrator>().MigrateAsync(Previous);
            // Rows written as the code before this migration wrote them: no bits anywhere.
            await d.Database.ExecuteSqlAsync($"""INSERT INTO "Reactions" ("MessageId", "UserId", "Emoji", "ChannelId") VALUES ({sent[1]}, {borisId}, {"👍"}, {channelId})""");
            await d.Database.ExecuteSqlAsync($"""INSERT INTO "Mentions" ("MessageId", "UserId", "ChannelId") VALUES ({sent[2]}, {borisId}, {channelId})""");
            await d.Database.ExecuteSqlAsync($"""INSERT INTO "RoleMentions" ("MessageId", "RoleId", "ChannelId") VALUES ({sent[3]}, {42L}, {channelId})""");
            await d.Database.ExecuteSqlAsync($"""INSERT INTO "Polls" ("MessageId", "ChannelId", "Question", "AllowMultiple", "ExpiresAt") VALUES ({sent[5]}, {channelId}, {"?"}, {false}, {DateTimeOffset.UnixEpoch.AddYears(100)})""");
            await d.Database.ExecuteSqlAsync($"""INSERT INTO "Reactions" ("MessageId", "UserId", "Emoji", "ChannelId") VALUES ({sent[6]}, {annaId}, {"🎉"}, {channelId})""");
            await d.Database.ExecuteSqlAsync($"""INSERT INTO "Mentions" ("MessageId", "UserId", "ChannelId") VALUES ({sent[6]}, {borisId}, {channelId})""");
            return 0;
        });
        await app.WithDbAsync(async d =>
        {
            // Attachments did not change in between, so EF Core can write them; one sent, one still pending.
            d.Attachments.AddRange(Attachment(sent[4] + 1, annaId, channelId, sent[4]), Attachment(sent[4] + 2, annaId, channelId, null));
            return await d.SaveChangesAsync();
        });

        await app.WithDbAsync(async d =>
        {
            await d.Database.MigrateAsync();
            return 0;
        });

        var extras = await app.WithDbAsync(d => d.Messages.AsNoTracking().Where(m => sent.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Extras));
        Assert.Equal(
            [
                MessageExtras.None,
                MessageExtras.Reactions,
                MessageExtras.Mentions,
                MessageExtras.RoleMentions,
                MessageExtras.Attachments,
                MessageExtras.Poll,
                MessageExtras.Reactions | MessageExtras.Mentions,
            ],
            sent.Select(id => extras[id]));

        // And history shows them again.
        var page = (await boris.HistoryAsync(chat.Id)).ToDictionary(m => m.Content!);
        Assert.Equal("👍", page["m1"].Reactions.Single().Emoji);
        Assert.Equal([boris.Id], page["m2"].Mentions.Select(u => u.Id));
        Assert.Equal(["42"], page["m3"].MentionRoleIds);
        Assert.Single(page["m4"].Attachments);
        Assert.Equal("?", page["m5"].Poll!.Question);
        Assert.Equal(["🎉"], page["m6"].Reactions.Select(r => r.Emoji));
    }

    private static Attachment Attachment(long id, long uploaderId, long channelId, long? messageId) => new()
    {
        Id = id,
        UploaderId = uploaderId,
        ChannelId = channelId,
        MessageId = messageId,
        FileName = "a.txt",
        ContentType = "text/plain",
        Size = 1,
        StorageKey = $"attachments/{id}/original",
        CreatedAt = TimeProvider.System.GetUtcNow(),
    };
}
