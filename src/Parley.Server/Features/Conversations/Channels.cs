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

/// <summary>Direct and group chats: list, start, look at, rename.</summary>
public static class Channels
{
    public const int NameMaxLength = 100;

    public static async Task<Ok<List<ChannelResponse>>> List(HttpContext context, ChannelQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.ListAsync(context.User.UserId(), null, cancellationToken));

    public static async Task<Results<Ok<ChannelResponse>, NotFound>> Get(long id, HttpContext context, ChannelQueries queries, CancellationToken cancellationToken) =>
        await queries.GetAsync(context.User.UserId(), id, cancellationToken) is { } channel ? TypedResults.Ok(channel) : TypedResults.NotFound();

    /// <summary>One recipient: the direct chat with them, the same one every time. Several: a new group.</summary>
    public static async Task<Results<Created<ChannelResponse>, Ok<ChannelResponse>, ValidationProblem, ProblemHttpResult>> Create(
        CreateChannelRequest request,
        HttpContext context,
        ParleyDbContext db,
        PeopleView people,
        ChannelQueries queries,
        IdGenerator ids,
        TimeProvider time,
        RealtimePublisher realtime,
        CancellationToken cancellationToken)
    {
        var me = context.User.UserId();
        var errors = new FieldErrors();
        var recipientIds = new List<long>();
        foreach (var raw in request.RecipientIds ?? [])
        {
            if (!Ids.TryParse(raw, out var id))
            {
                errors.Add("recipientIds", $"'{raw}' is not a user id.");
            }
            else if (id != me && !recipientIds.Contains(id))
            {
                recipientIds.Add(id);
            }
        }

        if (recipientIds.Count == 0 && !errors.Any)
        {
            errors.Add("recipientIds", "Name at least one other person.");
        }

        if (recipientIds.Count >= ChannelAccess.MaxGroupMembers)
        {
            errors.Add("recipientIds", $"A group has at most {ChannelAccess.MaxGroupMembers} members.");
        }

        var name = string.IsNullOrWhiteSpace(request.Name) ? null : request.Name.Trim();
        errors.MaxLength("name", name, NameMaxLength);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var found = await db.Users.Where(DeleteAccount.NotDeleted).Where(u => recipientIds.Contains(u.Id))
            .Select(u => new { u.Id, Policy = u.Settings == null ? Contracts.Users.DirectMessagePolicy.Everyone : u.Settings.DirectMessages })
            .ToListAsync(cancellationToken);
        if (found.Count != recipientIds.Count)
        {
            return TypedResults.Problem(title: "Some of these people do not exist.", statusCode: StatusCodes.Status404NotFound);
        }

        var relations = await people.RelationsAsync(me, recipientIds, cancellationToken);
        if (recipientIds.Any(id => relations[id].BlockedEitherWay))
        {
            return TypedResults.Problem(title: "You cannot start a chat with someone who blocked you or whom you blocked.", statusCode: StatusCodes.Status403Forbidden);
        }

        var now = time.GetUtcNow();
        if (recipientIds.Count == 1 && name is null)
        {
            var other = found[0];
            var key = DirectKey(me, other.Id);
            var existing = await db.Channels.Where(c => c.DirectKey == key).Select(c => (long?)c.Id).FirstOrDefaultAsync(cancellationToken);
            if (existing is { } existingId)
            {
                return TypedResults.Ok((await queries.GetAsync(me, existingId, cancellationToken))!);
            }

            if (!PrivacyRules.MayStartDirectChat(other.Policy, relations[other.Id]))
            {
                return TypedResults.Problem(title: "This person accepts direct messages from friends only.", statusCode: StatusCodes.Status403Forbidden);
            }

            var direct = NewChannel(ids, ChannelType.Direct, null, null, now, [me, other.Id]);
            direct.DirectKey = key;
            db.Channels.Add(direct);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Both people started the chat at the same moment: use the one that was saved.
                db.ChangeTracker.Clear();
                var winner = await db.Channels.Where(c => c.DirectKey == key).Select(c => c.Id).FirstAsync(cancellationToken);
                return TypedResults.Ok((await queries.GetAsync(me, winner, cancellationToken))!);
            }

            await AnnounceAsync(realtime, direct.Id, [me, other.Id], cancellationToken);
            return TypedResults.Created($"/api/v1/channels/{direct.Id}", (await queries.GetAsync(me, direct.Id, cancellationToken))!);
        }

        var group = NewChannel(ids, ChannelType.Group, name, me, now, [me, .. recipientIds]);
        db.Channels.Add(group);
        await db.SaveChangesAsync(cancellationToken);
        await AnnounceAsync(realtime, group.Id, [me, .. recipientIds], cancellationToken);
        return TypedResults.Created($"/api/v1/channels/{group.Id}", (await queries.GetAsync(me, group.Id, cancellationToken))!);
    }

    /// <summary>A group: its owner renames it (an empty name clears it). A server channel: see <see cref="Servers.ServerChannels.Update"/>.</summary>
    public static async Task<IResult> Update(
        long id,
        UpdateChannelRequest request,
        HttpContext context,
        ParleyDbContext db,
        ChannelAccess access,
        ChannelQueries queries,
        Servers.ServerSupport support,
        RealtimePublisher realtime,
        CancellationToken cancellationToken)
    {
        var me = context.User.UserId();
        var raw = await db.Channels.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (raw?.ServerId is not null)
        {
            var serverRequest = new Contracts.Servers.UpdateServerChannelRequest(request.Name, request.Topic, request.ParentId, request.Position);
            return await Servers.ServerChannels.Update(raw, serverRequest, me, db, access, support, realtime, cancellationToken);
        }

        var name = string.IsNullOrWhiteSpace(request.Name) ? null : request.Name.Trim();
        var errors = new FieldErrors().MaxLength("name", name, NameMaxLength);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var channel = await access.FindReadableAsync(id, me, cancellationToken);
        if (channel is null)
        {
            return TypedResults.NotFound();
        }

        if (!ChannelAccess.MayManage(channel, me))
        {
            return TypedResults.Problem(title: "Only the group's owner can rename it.", statusCode: StatusCodes.Status403Forbidden);
        }

        channel.Name = name;
        await db.SaveChangesAsync(cancellationToken);
        await realtime.Channel(id).ChannelUpdated(new ChannelRef(Ids.Format(id)));
        return TypedResults.Ok((await queries.GetAsync(me, id, cancellationToken))!);
    }

    /// <summary>Deletes a server channel or category (Manage Channels). Direct and group chats are left, not deleted.</summary>
    public static async Task<IResult> Delete(
        long id, HttpContext context, ParleyDbContext db, ChannelAccess access, Servers.ServerSupport support, RealtimePublisher realtime, CancellationToken cancellationToken)
    {
        var raw = await db.Channels.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (raw?.ServerId is null)
        {
            return TypedResults.NotFound();
        }

        return await Servers.ServerChannels.Delete(raw, context.User.UserId(), db, access, support, realtime, cancellationToken);
    }

    internal static string DirectKey(long a, long b) => $"{Math.Min(a, b)}:{Math.Max(a, b)}";

    private static Channel NewChannel(IdGenerator ids, ChannelType type, string? name, long? ownerId, DateTimeOffset now, IEnumerable<long> members)
    {
        var id = ids.NextId();
        return new Channel
        {
            Id = id,
            Type = type,
            Name = name,
            OwnerId = ownerId,
            CreatedAt = now,
            Recipients = members.Select(m => new ChannelRecipient { ChannelId = id, UserId = m, JoinedAt = now }).ToList(),
        };
    }

    private static async Task AnnounceAsync(RealtimePublisher realtime, long channelId, IReadOnlyList<long> members, CancellationToken cancellationToken)
    {
        foreach (var member in members)
        {
            await realtime.JoinChannelAsync(member, channelId, cancellationToken);
        }

        await realtime.Users(members).ChannelCreated(new ChannelRef(Ids.Format(channelId)));
    }
}
