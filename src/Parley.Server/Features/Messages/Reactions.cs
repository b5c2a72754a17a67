using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Parley.Contracts.Realtime;
using Parley.Data;
using Parley.Data.Messages;
using Parley.Server.Features.Accounts;
using Parley.Server.Features.Conversations;
using Parley.Server.Infrastructure;
using Parley.Server.Realtime;

namespace Parley.Server.Features.Messages;

public static class Reactions
{
    public static async Task<Results<NoContent, ValidationProblem, NotFound, ProblemHttpResult>> Add(
        long channelId,
        long messageId,
        string emoji,
        HttpContext context,
        ParleyDbContext db,
        ChannelAccess access,
        RealtimePublisher realtime,
        CancellationToken cancellationToken)
    {
        var custom = Emoji.EmojiReactions.TryParse(emoji, out var customEmojiId);
        if (!custom && !MessageRules.IsUnicodeEmoji(emoji))
        {
            return new FieldErrors().Add("emoji", "A reaction is one emoji.").ToProblem();
        }

        var me = context.User.UserId();
        var grant = await access.GetAsync(channelId, me, cancellationToken);
        var extras = grant is null
            ? null
            : await db.Messages.Where(m => m.Id == messageId && m.ChannelId == channelId).Select(m => (MessageExtras?)m.Extras).FirstOrDefaultAsync(cancellationToken);
        if (grant is null || extras is null)
        {
            return TypedResults.NotFound();
        }

        if (!grant.Has(Contracts.Servers.Permission.AddReactions))
        {
            return TypedResults.Problem(title: "You cannot add reactions in this channel.", statusCode: StatusCodes.Status403Forbidden);
        }

        if (grant.Channel.Type == Contracts.Channels.ChannelType.Direct && await access.WhyCannotSendAsync(grant, me, cancellationToken) is { } reason)
        {
            return TypedResults.Problem(title: reason, statusCode: StatusCodes.Status403Forbidden);
        }

        if (custom)
        {
            var resolved = await Emoji.EmojiReactions.ResolveAsync(db, messageId, customEmojiId, me, cancellationToken);
            if (resolved is null)
            {
                return new FieldErrors().Add("emoji", "That emoji does not exist, or is from a server you are not in.").ToProblem();
            }

            emoji = resolved;
        }

        if (await db.Reactions.AnyAsync(r => r.MessageId == messageId && r.Emoji == emoji && r.UserId == me, cancellationToken))
        {
            return TypedResults.NoContent();
        }

        var distinct = await db.Reactions.Where(r => r.MessageId == messageId).Select(r => r.Emoji).Distinct().ToListAsync(cancellationToken);
        if (!distinct.Contains(emoji) && distinct.Count >= MessageRules.MaxDistinctReactions)
        {
            return new FieldErrors().Add("emoji", $"A message can have at most {MessageRules.MaxDistinctReactions} different reactions.").ToProblem();
        }

        if ((extras & MessageExtras.Reactions) == 0)
        {
            // The message's Reactions bit, ORed in place before the row goes in (a bit is never cleared, so one already
            // set needs no write).
            await db.Database.ExecuteSqlAsync(
                $"""UPDATE "Messages" SET "Extras" = "Extras" | {(int)MessageExtras.Reactions} WHERE "Id" = {messageId}""", cancellationToken);
        }

        db.Reactions.Add(new Reaction { MessageId = messageId, Emoji = emoji, UserId = me, ChannelId = channelId });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return TypedResults.NoContent(); // the same reaction, added twice at once
        }

        await realtime.Channel(channelId).ReactionAdded(new ReactionEvent(Ids.Format(channelId), Ids.Format(messageId), emoji, Ids.Format(me)));
        return TypedResults.NoContent();
    }

    public static async Task<Results<NoContent, NotFound>> Remove(
        long channelId,
        long messageId,
        string emoji,
        HttpContext context,
        ParleyDbContext db,
        ChannelAccess access,
        RealtimePublisher realtime,
        CancellationToken cancellationToken)
    {
        var me = context.User.UserId();
        if (await access.FindReadableAsync(channelId, me, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        var removed = await db.Reactions.Where(r => r.MessageId == messageId && r.ChannelId == channelId && r.Emoji == emoji && r.UserId == me)
            .ExecuteDeleteAsync(cancellationToken);
        if (removed == 0)
        {
            return TypedResults.NotFound();
        }

        await realtime.Channel(channelId).ReactionRemoved(new ReactionEvent(Ids.Format(channelId), Ids.Format(messageId), emoji, Ids.Format(me)));
        return TypedResults.NoContent();
    }
}

public static class Pins
{
    public static async Task<Results<Ok<List<Contracts.Messages.MessageResponse>>, NotFound>> List(
        long channelId,
        HttpContext context,
        ParleyDbContext db,
        ChannelAccess access,
        MessageMapper mapper,
        CancellationToken cancellationToken)
    {
        var me = context.User.UserId();
        if (await access.FindReadableAsync(channelId, me, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        var pinned = await db.Messages.AsNoTracking().Where(m => m.ChannelId == channelId && m.PinnedAt != null).ToListAsync(cancellationToken);
        return TypedResults.Ok(await mapper.MapAsync(me, pinned.OrderByDescending(m => m.PinnedAt).ToList(), cancellationToken));
    }

    public static Task<Results<NoContent, NotFound, ProblemHttpResult>> Pin(
        long channelId, long messageId, HttpContext context, ParleyDbContext db, ChannelAccess access, TimeProvider time, RealtimePublisher realtime, CancellationToken cancellationToken) =>
        SetAsync(channelId, messageId, pinned: true, context, db, access, time, realtime, cancellationToken);

    public static Task<Results<NoContent, NotFound, ProblemHttpResult>> Unpin(
        long channelId, long messageId, HttpContext context, ParleyDbContext db, ChannelAccess access, TimeProvider time, RealtimePublisher realtime, CancellationToken cancellationToken) =>
        SetAsync(channelId, messageId, pinned: false, context, db, access, time, realtime, cancellationToken);

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> SetAsync(
        long channelId,
        long messageId,
        bool pinned,
        HttpContext context,
        ParleyDbContext db,
        ChannelAccess access,
        TimeProvider time,
        RealtimePublisher realtime,
        CancellationToken cancellationToken)
    {
        var me = context.User.UserId();
        var grant = await access.GetAsync(channelId, me, cancellationToken);
        var message = grant is null ? null : await db.Messages.FirstOrDefaultAsync(m => m.Id == messageId && m.ChannelId == channelId, cancellationToken);
        if (grant is null || message is null)
        {
            return TypedResults.NotFound();
        }

        if (!grant.Has(Contracts.Servers.Permission.PinMessages))
        {
            return TypedResults.Problem(title: "You cannot pin messages in this channel.", statusCode: StatusCodes.Status403Forbidden);
        }

        if (grant.Channel.Type == Contracts.Channels.ChannelType.Direct && await access.WhyCannotSendAsync(grant, me, cancellationToken) is { } reason)
        {
            return TypedResults.Problem(title: reason, statusCode: StatusCodes.Status403Forbidden);
        }

        if (pinned == (message.PinnedAt is not null))
        {
            return TypedResults.NoContent();
        }

        if (pinned && await db.Messages.CountAsync(m => m.ChannelId == channelId && m.PinnedAt != null, cancellationToken) >= MessageRules.MaxPins)
        {
            return TypedResults.Problem(title: $"A chat can have at most {MessageRules.MaxPins} pinned messages.", statusCode: StatusCodes.Status409Conflict);
        }

        message.PinnedAt = pinned ? time.GetUtcNow() : null;
        message.PinnedById = pinned ? me : null;
        await db.SaveChangesAsync(cancellationToken);
        await realtime.Channel(channelId).PinsChanged(new ChannelRef(Ids.Format(channelId)));
        return TypedResults.NoContent();
    }
}
