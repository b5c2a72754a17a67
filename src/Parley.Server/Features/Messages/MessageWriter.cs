using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Parley.Data;
using Parley.Data.Messages;

namespace Parley.Server.Features.Messages;

/// <summary>A message to store, with the mention rows that go with it.</summary>
public sealed record NewMessage(Message Message, IReadOnlyList<Mention> Mentions, IReadOnlyList<RoleMention> RoleMentions);

/// <summary>
/// Group commit for sends. Every send waits for a durable commit before it is acknowledged, and a commit costs an fsync
/// (about 0.75 ms on SQLite here, a round trip and a WAL flush on PostgreSQL), so one commit per message caps a node
/// at roughly a thousand messages a second whatever the CPU. Sends are queued instead; one writer takes everything
/// that is waiting (up to <see cref="MaxBatch"/>) and stores it in one transaction, then completes each send. Alone, a
/// send is written at once, as before; under load, one commit serves many. If a batch fails (a nonce taken by a
/// concurrent send, a channel deleted meanwhile), its messages are written again one transaction each, so only the
/// failing send sees the error.
/// </summary>
public sealed partial class MessageWriter(IServiceScopeFactory scopes, Infrastructure.ParleyMetrics metrics, ILogger<MessageWriter> logger) : BackgroundService
{
    public const int MaxBatch = 256;

    private readonly Channel<PendingWrite> _pending = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Completes once the message is committed; throws what the database threw for it.</summary>
    public Task WriteAsync(NewMessage message)
    {
        var pending = new PendingWrite(message);
        if (!_pending.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The server is shutting down; the message was not sent.");
        }

        return pending.Done.Task;
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        // Queued sends are written before the writer stops; new ones are refused.
        _pending.Writer.TryComplete();
        return base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<PendingWrite>(MaxBatch);
        while (await _pending.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < MaxBatch && _pending.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            await WriteBatchAsync(batch);
            batch.Clear();
        }
    }

    private async Task WriteBatchAsync(List<PendingWrite> batch)
    {
        try
        {
            await CommitAsync(batch.Select(p => p.Message).ToList());
            metrics.Committed(batch.Count);
            foreach (var pending in batch)
            {
                pending.Done.TrySetResult();
            }
        }
        catch (Exception e) when (batch.Count > 1)
        {
            LogBatchFailed(logger, e, batch.Count);
            foreach (var pending in batch)
            {
                await WriteBatchAsync([pending]);
            }
        }
        catch (Exception e)
        {
            batch[0].Done.TrySetException(e);
        }
    }

    private async Task CommitAsync(IReadOnlyList<NewMessage> messages)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var (sql, arguments) = InsertSql(messages);
        await db.Database.ExecuteSqlRawAsync(sql, arguments);
        await transaction.CommitAsync();
    }

    /// <summary>
    /// The messages and their mentions as multi-row inserts, then set-based updates, so simultaneous sends neither lose
    /// the newest id nor collide creating a read state: each channel's LastMessageId moves to its newest message, and
    /// each author has read their own newest message in each channel (sending also clears their draft there). One row
    /// per (author, channel) in the upsert, as PostgreSQL refuses to update a row twice in one statement. Valid on
    /// SQLite and PostgreSQL.
    /// </summary>
    public static (string Sql, object[] Arguments) InsertSql(IReadOnlyList<NewMessage> messages)
    {
        var sql = new StringBuilder();
        var arguments = new List<object>(messages.Count * 12);

        // Extras: the message's own bits (attachments, a poll: set by the sender) and those of the rows inserted here.
        sql.Append("""INSERT INTO "Messages" ("Id", "ChannelId", "AuthorId", "Content", "SearchText", "Nonce", "ReplyToId", "StickerId", "MentionsEveryone", "Extras") VALUES """);
        Rows(sql, arguments, messages, n => [
            n.Message.Id, n.Message.ChannelId, n.Message.AuthorId, n.Message.Content, n.Message.SearchText, n.Message.Nonce, n.Message.ReplyToId,
            n.Message.StickerId, n.Message.MentionsEveryone, (int)ExtrasOf(n)]);
        sql.Append(";\n");

        var mentions = messages.SelectMany(n => n.Mentions).ToList();
        if (mentions.Count > 0)
        {
            sql.Append("""INSERT INTO "Mentions" ("MessageId", "UserId", "ChannelId") VALUES """);
            Rows(sql, arguments, mentions, m => [m.MessageId, m.UserId, m.ChannelId]);
            sql.Append(";\n");
        }

        var roleMentions = messages.SelectMany(n => n.RoleMentions).ToList();
        if (roleMentions.Count > 0)
        {
            sql.Append("""INSERT INTO "RoleMentions" ("MessageId", "RoleId", "ChannelId") VALUES """);
            Rows(sql, arguments, roleMentions, m => [m.MessageId, m.RoleId, m.ChannelId]);
            sql.Append(";\n");
        }

        foreach (var channel in messages.GroupBy(n => n.Message.ChannelId))
        {
            var newest = channel.Max(n => n.Message.Id);
            sql.Append(CultureInfo.InvariantCulture, $$"""UPDATE "Channels" SET "LastMessageId" = {{{arguments.Count}}} WHERE "Id" = {{{arguments.Count + 1}}} AND ("LastMessageId" IS NULL OR "LastMessageId" < {{{arguments.Count}}});""");
            sql.Append('\n');
            arguments.Add(newest);
            arguments.Add(channel.Key);
        }

        sql.Append("""INSERT INTO "ChannelUserStates" ("UserId", "ChannelId", "LastReadMessageId", "MutedForever") VALUES """);
        var readMarks = messages
            .GroupBy(n => (n.Message.AuthorId, n.Message.ChannelId))
            .Select(g => (g.Key.AuthorId, g.Key.ChannelId, Newest: g.Max(n => n.Message.Id)))
            .ToList();
        Rows(sql, arguments, readMarks, r => [r.AuthorId, r.ChannelId, r.Newest, false]);
        sql.Append("""

             ON CONFLICT ("UserId", "ChannelId") DO UPDATE SET
                "LastReadMessageId" = CASE WHEN excluded."LastReadMessageId" > "ChannelUserStates"."LastReadMessageId"
                    THEN excluded."LastReadMessageId" ELSE "ChannelUserStates"."LastReadMessageId" END,
                "Draft" = NULL,
                "DraftUpdatedAt" = NULL;
            """);
        return (sql.ToString(), arguments.ToArray());
    }

    private static MessageExtras ExtrasOf(NewMessage message) =>
        message.Message.Extras
        | (message.Mentions.Count > 0 ? MessageExtras.Mentions : MessageExtras.None)
        | (message.RoleMentions.Count > 0 ? MessageExtras.RoleMentions : MessageExtras.None);

    private static void Rows<T>(StringBuilder sql, List<object> arguments, IEnumerable<T> rows, Func<T, object?[]> values)
    {
        var first = true;
        foreach (var row in rows)
        {
            sql.Append(first ? "(" : ", (");
            first = false;
            var columns = values(row);
            for (var i = 0; i < columns.Length; i++)
            {
                sql.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? "" : ", ")}{{{arguments.Count}}}");
                arguments.Add(columns[i]!); // EF Core sends a null argument as a typed NULL parameter.
            }

            sql.Append(')');
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "A batch of {Count} messages failed; writing them one by one.")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);

    private sealed class PendingWrite(NewMessage message)
    {
        public NewMessage Message { get; } = message;

        // Continuations run on the thread pool, not inside the writer's loop.
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
