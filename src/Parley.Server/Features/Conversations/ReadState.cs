using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Parley.Contracts.Channels;
using Parley.Contracts.Realtime;
using Parley.Data;
using Parley.Data.Conversations;
using Parley.Server.Features.Accounts;
using Parley.Server.Features.Users;
using Parley.Server.Infrastructure;
using Parley.Server.Realtime;

namespace Parley.Server.Features.Conversations;

/// <summary>Read marks, read receipts, drafts and mutes: the per-user state of a channel, kept on the server.</summary>
public static class ReadState
{
    public const int DraftMaxLength = 4000;

    public static async Task<Results<Ok<ReadStateResponse>, ValidationProblem, NotFound>> MarkRead(
        long id,
        MarkReadRequest request,
        HttpContext context,
        ParleyDbContext db,
        ChannelAccess access,
        ChannelQueries queries,
        RealtimePublisher realtime,
        CancellationToken cancellationToken)
    {
        if (!Ids.TryParse(request.MessageId, out var messageId))
        {
            return new FieldErrors().Add("messageId", "The messageId field must be a message id.").ToProblem();
        }

        var me = context.User.UserId();
        var channel = await access.FindReadableAsync(id, me, cancellationToken);
        if (channel is null)
        {
            return TypedResults.NotFound();
        }

        if (!await db.Messages.AnyAsync(m => m.Id == messageId && m.ChannelId == id, cancellationToken))
        {
            return new FieldErrors().Add("messageId", "That message is not in this chat.").ToProblem();
        }

        var state = await StateAsync(db, me, id, cancellationToken);
        var advanced = messageId > state.LastReadMessageId;
        state.LastReadMessageId = Math.Max(state.LastReadMessageId, messageId);
        await db.SaveChangesAsync(cancellationToken);

        var readState = await queries.ReadStateAsync(me, id, cancellationToken);
        await realtime.User(me).ReadStateChanged(readState);
        if (advanced && await SharesReceiptsAsync(db, me, cancellationToken))
        {
            await realtime.Channel(id).ReadReceiptUpdated(new ReadReceiptEvent(Ids.Format(id), Ids.Format(me), readState.LastReadId));
        }

        return TypedResults.Ok(readState);
    }

    /// <summary>How far the other members have read, for those who share read receipts (and only if you share yours).</summary>
    public static async Task<Results<Ok<List<ReadReceipt>>, NotFound>> Receipts(
        long id,
        HttpContext context,
        ParleyDbContext db,
        ChannelAccess access,
        CancellationToken cancellationToken)
    {
        var me = context.User.UserId();
        if (await access.FindReadableAsync(id, me, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        if (!await SharesReceiptsAsync(db, me, cancellationToken))
        {
            return TypedResults.Ok(new List<ReadReceipt>());
        }

        var receipts = await db.ChannelUserStates
            .Where(s => s.ChannelId == id && s.UserId != me && s.LastReadMessageId > 0)
            .Where(s => db.UserSettings.Any(u => u.UserId == s.UserId && u.ReadReceipts))
            .Where(s => db.ChannelRecipients.Any(r => r.ChannelId == id && r.UserId == s.UserId))
            .Select(s => new { s.UserId, s.LastReadMessageId })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(receipts.Select(r => new ReadReceipt(Ids.Format(r.UserId), Ids.Format(r.LastReadMessageId))).ToList());
    }

    public static async Task<Results<NoContent, ValidationProblem, NotFound>> SaveDraft(
        long id,
        DraftRequest request,
        HttpContext context,
        ParleyDbContext db,
        ChannelAccess access,
        TimeProvider time,
        RealtimePublisher realtime,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().MaxLength("content", request.Content, DraftMaxLength);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        return await SetDraftAsync(id, string.IsNullOrWhiteSpace(request.Content) ? null : request.Content, context, db, access, time, realtime, cancellationToken);
    }

    public static Task<Results<NoContent, ValidationProblem, NotFound>> DeleteDraft(
        long id, HttpContext context, ParleyDbContext db, ChannelAccess access, TimeProvider time, RealtimePublisher realtime, CancellationToken cancellationToken) =>
        SetDraftAsync(id, null, context, db, access, time, realtime, cancellationToken);

    public static async Task<Results<NoContent, ValidationProblem, NotFound>> Mute(
        long id,
        MuteRequest? request,
        HttpContext context,
        ParleyDbContext db,
        ChannelAccess access,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (request?.Until is { } until && until <= now)
        {
            return new FieldErrors().Add("until", "The until field must be in the future.").ToProblem();
        }

        var me = context.User.UserId();
        if (await access.FindReadableAsync(id, me, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        var state = await StateAsync(db, me, id, cancellationToken);
        state.MutedForever = request?.Until is null;
        state.MutedUntil = request?.Until;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<NoContent, NotFound>> Unmute(long id, HttpContext context, ParleyDbContext db, ChannelAccess access, CancellationToken cancellationToken)
    {
        var me = context.User.UserId();
        if (await access.FindReadableAsync(id, me, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        var state = await StateAsync(db, me, id, cancellationToken);
        state.MutedForever = false;
        state.MutedUntil = null;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ValidationProblem, NotFound>> SetDraftAsync(
        long id, string? content, HttpContext context, ParleyDbContext db, ChannelAccess access, TimeProvider time, RealtimePublisher realtime, CancellationToken cancellationToken)
    {
        var me = context.User.UserId();
        if (await access.FindReadableAsync(id, me, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        var state = await StateAsync(db, me, id, cancellationToken);
        state.Draft = content;
        state.DraftUpdatedAt = content is null ? null : time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await realtime.User(me).DraftChanged(new DraftEvent(Ids.Format(id), content));
        return TypedResults.NoContent();
    }

    /// <summary>
    /// The user's state row, created if missing with an insert that cannot collide: opening a chat marks it read at the
    /// same moment, and a plain find-then-add would then fail on the duplicate key.
    /// </summary>
    private static async Task<ChannelUserState> StateAsync(ParleyDbContext db, long userId, long channelId, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO "ChannelUserStates" ("UserId", "ChannelId", "LastReadMessageId", "MutedForever")
            VALUES ({userId}, {channelId}, 0, FALSE)
            ON CONFLICT ("UserId", "ChannelId") DO NOTHING
            """,
            cancellationToken);
        return await db.ChannelUserStates.SingleAsync(s => s.UserId == userId && s.ChannelId == channelId, cancellationToken);
    }

    private static async Task<bool> SharesReceiptsAsync(ParleyDbContext db, long userId, CancellationToken cancellationToken) =>
        PrivacyRules.SharesReadReceipts(await db.UserSettings.Where(s => s.UserId == userId).Select(s => (bool?)s.ReadReceipts).FirstOrDefaultAsync(cancellationToken) ?? true);
}
