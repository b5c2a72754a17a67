using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Parley.Contracts.Realtime;
using Parley.Contracts.Servers;
using Parley.Data;
using Parley.Data.Servers;
using Parley.Server.Features.Accounts;
using Parley.Server.Features.Conversations;
using Parley.Server.Features.Users;
using Parley.Server.Infrastructure;
using Parley.Server.Realtime;

namespace Parley.Server.Features.Servers;

/// <summary>Members: list, nicknames and roles, leave, kick, ban and unban.</summary>
public static class Members
{
    public const int NicknameMaxLength = 64;

    public static async Task<Results<Ok<List<MemberResponse>>, NotFound>> List(
        long id, HttpContext context, ParleyDbContext db, ChannelAccess access, PeopleView people, CancellationToken cancellationToken)
    {
        var me = context.User.UserId();
        if (await access.MemberAsync(id, me, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        var members = await db.ServerMembers.Where(m => m.ServerId == id).ToListAsync(cancellationToken);
        var roles = (await db.MemberRoles.Where(m => m.ServerId == id).ToListAsync(cancellationToken)).ToLookup(m => m.UserId, m => Ids.Format(m.RoleId));
        var users = await people.LoadAsync(me, members.Select(m => m.UserId), cancellationToken);
        return TypedResults.Ok(members
            .Where(m => users.ContainsKey(m.UserId))
            .Select(m => new MemberResponse(users[m.UserId], m.Nickname, roles[m.UserId].ToList(), m.JoinedAt))
            .OrderBy(m => m.Nickname ?? m.User.DisplayName ?? m.User.Username, StringComparer.CurrentCultureIgnoreCase)
            .ToList());
    }

    public static async Task<Results<NoContent, ValidationProblem, NotFound, ProblemHttpResult>> Update(
        long id, long userId, UpdateMemberRequest request, HttpContext context, ParleyDbContext db, ChannelAccess access,
        ServerSupport support, RealtimePublisher realtime, CancellationToken cancellationToken)
    {
        var me = context.User.UserId();
        var actor = await access.MemberAsync(id, me, cancellationToken);
        var target = actor is null ? null : await db.ServerMembers.FirstOrDefaultAsync(m => m.ServerId == id && m.UserId == userId, cancellationToken);
        if (actor is null || target is null)
        {
            return TypedResults.NotFound();
        }

        var errors = new FieldErrors().MaxLength("nickname", request.Nickname?.Trim(), NicknameMaxLength);
        var roleIds = new List<long>();
        foreach (var raw in request.RoleIds ?? [])
        {
            if (Ids.TryParse(raw, out var roleId) && roleId != id)
            {
                roleIds.Add(roleId);
            }
            else
            {
                errors.Add("roleIds", $"'{raw}' is not a role you can assign.");
            }
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var targetGrant = (await access.MemberAsync(id, userId, cancellationToken))!;
        if (request.Nickname is not null)
        {
            if (userId != me && (!actor.Has(Permission.ManageServer) || !Outranks(actor, targetGrant)))
            {
                return TypedResults.Problem(title: "You can change only your own nickname, or those below you with Manage Server.", statusCode: StatusCodes.Status403Forbidden);
            }

            target.Nickname = string.IsNullOrWhiteSpace(request.Nickname) ? null : request.Nickname.Trim();
        }

        if (request.RoleIds is not null)
        {
            var serverRoles = await db.Roles.Where(r => r.ServerId == id).ToDictionaryAsync(r => r.Id, cancellationToken);
            if (roleIds.Any(r => !serverRoles.ContainsKey(r)))
            {
                return new FieldErrors().Add("roleIds", "Some roles are not roles of this server.").ToProblem();
            }

            var current = targetGrant.RoleIds.ToHashSet();
            var changed = current.Except(roleIds).Concat(roleIds.Except(current)).ToList();
            if (!actor.Has(Permission.ManageRoles)
                || changed.Any(r => !Permissions.MayManageRole(actor.IsOwner, actor.HighestPosition, serverRoles[r].Position))
                || (userId != me && !Outranks(actor, targetGrant)))
            {
                return TypedResults.Problem(title: "You can give or take only roles below your highest role, with Manage Roles.", statusCode: StatusCodes.Status403Forbidden);
            }

            await db.MemberRoles.Where(m => m.ServerId == id && m.UserId == userId).ExecuteDeleteAsync(cancellationToken);
            db.MemberRoles.AddRange(roleIds.Distinct().Select(r => new MemberRole { ServerId = id, UserId = userId, RoleId = r }));
            support.Audit(id, me, "member.roles", userId, details: string.Join(",", roleIds));
        }

        await db.SaveChangesAsync(cancellationToken);
        await support.ResyncAsync(id, cancellationToken);
        await realtime.Server(id).ServerMemberUpdated(new ServerMemberEvent(Ids.Format(id), Ids.Format(userId)));
        return TypedResults.NoContent();
    }

    /// <summary>Yourself: leave (not the owner). Someone else: kick, with Kick Members, if they rank below you.</summary>
    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Remove(
        long id, long userId, string? reason, HttpContext context, ParleyDbContext db, ChannelAccess access,
        ServerSupport support, RealtimePublisher realtime, CancellationToken cancellationToken)
    {
        var me = context.User.UserId();
        var actor = await access.MemberAsync(id, me, cancellationToken);
        var target = actor is null ? null : await access.MemberAsync(id, userId, cancellationToken);
        if (actor is null || target is null)
        {
            return TypedResults.NotFound();
        }

        if (userId == me && actor.IsOwner)
        {
            return TypedResults.Problem(title: "The owner cannot leave; hand the server to someone else or delete it.", statusCode: StatusCodes.Status403Forbidden);
        }

        if (userId != me && (!actor.Has(Permission.KickMembers) || !Outranks(actor, target)))
        {
            return TypedResults.Problem(title: "You can remove only members below you, with Kick Members.", statusCode: StatusCodes.Status403Forbidden);
        }

        await RemoveMemberAsync(db, id, userId, cancellationToken);
        if (userId != me)
        {
            support.Audit(id, me, "member.kick", userId, reason);
        }

        await db.SaveChangesAsync(cancellationToken);
        await support.ResyncAsync(id, cancellationToken, userId);
        await realtime.Server(id).ServerMemberLeft(new ServerMemberEvent(Ids.Format(id), Ids.Format(userId)));
        await realtime.User(userId).ServerDeleted(new ServerRef(Ids.Format(id)));
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<List<BanResponse>>, NotFound, ProblemHttpResult>> ListBans(
        long id, HttpContext context, ParleyDbContext db, ChannelAccess access, CancellationToken cancellationToken)
    {
        var actor = await access.MemberAsync(id, context.User.UserId(), cancellationToken);
        if (actor is null)
        {
            return TypedResults.NotFound();
        }

        if (!actor.Has(Permission.BanMembers))
        {
            return TypedResults.Problem(title: "You need the Ban Members permission.", statusCode: StatusCodes.Status403Forbidden);
        }

        var bans = await db.Bans.Where(b => b.ServerId == id).ToListAsync(cancellationToken);
        var users = await UserSummaries.LoadAsync(db, bans.Select(b => b.UserId), cancellationToken);
        return TypedResults.Ok(bans.Where(b => users.ContainsKey(b.UserId)).Select(b => new BanResponse(users[b.UserId], b.Reason, b.CreatedAt)).ToList());
    }

    /// <summary>Bans someone (member or not): they are removed and cannot come back through an invite.</summary>
    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Ban(
        long id, long userId, BanRequest? request, HttpContext context, ParleyDbContext db, ChannelAccess access, TimeProvider time,
        ServerSupport support, RealtimePublisher realtime, CancellationToken cancellationToken)
    {
        var me = context.User.UserId();
        var actor = await access.MemberAsync(id, me, cancellationToken);
        if (actor is null || !await db.Users.AnyAsync(u => u.Id == userId, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var target = await access.MemberAsync(id, userId, cancellationToken);
        if (!actor.Has(Permission.BanMembers) || userId == me || (target is not null && !Outranks(actor, target)))
        {
            return TypedResults.Problem(title: "You can ban only people below you, with Ban Members.", statusCode: StatusCodes.Status403Forbidden);
        }

        if (!await db.Bans.AnyAsync(b => b.ServerId == id && b.UserId == userId, cancellationToken))
        {
            db.Bans.Add(new Ban { ServerId = id, UserId = userId, BannedById = me, Reason = request?.Reason?.Trim(), CreatedAt = time.GetUtcNow() });
        }

        if (target is not null)
        {
            await RemoveMemberAsync(db, id, userId, cancellationToken);
        }

        support.Audit(id, me, "member.ban", userId, request?.Reason);
        await db.SaveChangesAsync(cancellationToken);
        await support.ResyncAsync(id, cancellationToken, userId);
        if (target is not null)
        {
            await realtime.Server(id).ServerMemberLeft(new ServerMemberEvent(Ids.Format(id), Ids.Format(userId)));
            await realtime.User(userId).ServerDeleted(new ServerRef(Ids.Format(id)));
        }

        return TypedResults.NoContent();
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Unban(
        long id, long userId, HttpContext context, ParleyDbContext db, ChannelAccess access, ServerSupport support, CancellationToken cancellationToken)
    {
        var me = context.User.UserId();
        var actor = await access.MemberAsync(id, me, cancellationToken);
        if (actor is null)
        {
            return TypedResults.NotFound();
        }

        if (!actor.Has(Permission.BanMembers))
        {
            return TypedResults.Problem(title: "You need the Ban Members permission.", statusCode: StatusCodes.Status403Forbidden);
        }

        var removed = await db.Bans.Where(b => b.ServerId == id && b.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        if (removed == 0)
        {
            return TypedResults.NotFound();
        }

        support.Audit(id, me, "member.unban", userId);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>The owner outranks everyone; otherwise your highest role must be above theirs.</summary>
    public static bool Outranks(ServerGrant actor, ServerGrant target) =>
        !target.IsOwner && (actor.IsOwner || actor.HighestPosition > target.HighestPosition);

    private static async Task RemoveMemberAsync(ParleyDbContext db, long serverId, long userId, CancellationToken cancellationToken)
    {
        await db.MemberRoles.Where(m => m.ServerId == serverId && m.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.ServerMembers.Where(m => m.ServerId == serverId && m.UserId == userId).ExecuteDeleteAsync(cancellationToken);
    }
}
