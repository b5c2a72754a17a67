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

/// <summary>Group members: the owner adds and removes; anyone may leave.</summary>
public static class Recipients
{
    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Add(
        long id,
        long userId,
        HttpContext context,
        ParleyDbContext db,
        ChannelAccess access,
        PeopleView people,
        TimeProvider time,
        RealtimePublisher realtime,
        CancellationToken cancellationToken)
    {
        var me = context.User.UserId();
        var channel = await access.FindReadableAsync(id, me, cancellationToken);
        if (channel is null)
        {
            return TypedResults.NotFound();
        }

        if (!ChannelAccess.MayManage(channel, me))
        {
            return TypedResults.Problem(title: "Only the group's owner can add people.", statusCode: StatusCodes.Status403Forbidden);
        }

        if (!await db.Users.Where(DeleteAccount.NotDeleted).AnyAsync(u => u.Id == userId, cancellationToken))
        {
            return TypedResults.Problem(title: "No such user.", statusCode: StatusCodes.Status404NotFound);
        }

        if (await db.ChannelRecipients.AnyAsync(r => r.ChannelId == id && r.UserId == userId, cancellationToken))
        {
            return TypedResults.NoContent();
        }

        if ((await people.RelationAsync(me, userId, cancellationToken)).BlockedEitherWay)
        {
            return TypedResults.Problem(title: "You cannot add someone who blocked you or whom you blocked.", statusCode: StatusCodes.Status403Forbidden);
        }

        if (await db.ChannelRecipients.CountAsync(r => r.ChannelId == id, cancellationToken) >= ChannelAccess.MaxGroupMembers)
        {
            return TypedResults.Problem(title: $"A group has at most {ChannelAccess.MaxGroupMembers} members.", statusCode: StatusCodes.Status409Conflict);
        }

        db.ChannelRecipients.Add(new ChannelRecipient { ChannelId = id, UserId = userId, JoinedAt = time.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
        await realtime.JoinChannelAsync(userId, id, cancellationToken);
        var user = (await UserSummaries.LoadAsync(db, [userId], cancellationToken))[userId];
        await realtime.Channel(id).MemberJoined(new MemberEvent(Ids.Format(id), user));
        await realtime.User(userId).ChannelCreated(new ChannelRef(Ids.Format(id)));
        return TypedResults.NoContent();
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Remove(
        long id,
        long userId,
        HttpContext context,
        ParleyDbContext db,
        ChannelAccess access,
        RealtimePublisher realtime,
        CancellationToken cancellationToken)
    {
        var me = context.User.UserId();
        var channel = await access.FindReadableAsync(id, me, cancellationToken);
        if (channel is null)
        {
            return TypedResults.NotFound();
        }

        if (channel.Type != ChannelType.Group)
        {
            return TypedResults.Problem(title: "People can only be removed from groups.", statusCode: StatusCodes.Status403Forbidden);
        }

        if (userId != me && !ChannelAccess.MayManage(channel, me))
        {
            return TypedResults.Problem(title: "Only the group's owner can remove people.", statusCode: StatusCodes.Status403Forbidden);
        }

        var membership = await db.ChannelRecipients.FirstOrDefaultAsync(r => r.ChannelId == id && r.UserId == userId, cancellationToken);
        if (membership is null)
        {
            return TypedResults.NotFound();
        }

        var user = (await UserSummaries.LoadAsync(db, [userId], cancellationToken))[userId];
        db.ChannelRecipients.Remove(membership);
        await db.ChannelUserStates.Where(s => s.ChannelId == id && s.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        var deleted = false;
        if (channel.OwnerId == userId)
        {
            // The owner left: the longest-standing member takes over; an empty group goes away.
            var others = await db.ChannelRecipients.Where(r => r.ChannelId == id && r.UserId != userId).ToListAsync(cancellationToken);
            var heir = others.OrderBy(r => r.JoinedAt).ThenBy(r => r.UserId).Select(r => (long?)r.UserId).FirstOrDefault();
            if (heir is null)
            {
                db.Channels.Remove(channel);
                deleted = true;
            }
            else
            {
                channel.OwnerId = heir;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await realtime.LeaveChannelAsync(userId, id, cancellationToken);
        await realtime.User(userId).ChannelDeleted(new ChannelRef(Ids.Format(id)));
        if (!deleted)
        {
            await realtime.Channel(id).MemberLeft(new MemberEvent(Ids.Format(id), user));
            await realtime.Channel(id).ChannelUpdated(new ChannelRef(Ids.Format(id)));
        }

        return TypedResults.NoContent();
    }
}
