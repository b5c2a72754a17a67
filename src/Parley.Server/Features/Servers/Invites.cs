using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Parley.Contracts.Channels;
using Parley.Contracts.Realtime;
using Parley.Contracts.Servers;
using Parley.Data;
using Parley.Data.Servers;
using Parley.Server.Features.Accounts;
using Parley.Server.Features.Conversations;
using Parley.Server.Infrastructure;
using Parley.Server.Realtime;

namespace Parley.Server.Features.Servers;

/// <summary>Invite links: create with an expiry and a use limit, preview without joining, accept, revoke, list.</summary>
public static class Invites
{
    public const int DefaultMaxAgeSeconds = 7 * 24 * 3600;
    public const int MaxMaxAgeSeconds = 365 * 24 * 3600;
    public const int MaxMaxUses = 10_000;
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    public static async Task<Results<Created<InviteResponse>, ValidationProblem, NotFound, ProblemHttpResult>> Create(
        long id, CreateInviteRequest? request, HttpContext context, ParleyDbContext db, ChannelAccess access, TimeProvider time,
        ServerSupport support, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (request?.MaxAgeSeconds is < 0 or > MaxMaxAgeSeconds)
        {
            errors.Add("maxAgeSeconds", $"Between 0 (never expires) and {MaxMaxAgeSeconds}.");
        }

        if (request?.MaxUses is < 0 or > MaxMaxUses)
        {
            errors.Add("maxUses", $"Between 0 (no limit) and {MaxMaxUses}.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var me = context.User.UserId();
        var grant = await access.GetAsync(id, me, cancellationToken);
        if (grant is null || grant.Channel.ServerId is not { } serverId || grant.Channel.Type != ChannelType.Text)
        {
            return TypedResults.NotFound();
        }

        if (!grant.Has(Permission.CreateInvites))
        {
            return TypedResults.Problem(title: "You need the Create Invites permission.", statusCode: StatusCodes.Status403Forbidden);
        }

        var now = time.GetUtcNow();
        var maxAge = request?.MaxAgeSeconds ?? DefaultMaxAgeSeconds;
        var invite = new Invite
        {
            Code = RandomNumberGenerator.GetString(Alphabet, 10),
            ServerId = serverId,
            ChannelId = id,
            InviterId = me,
            CreatedAt = now,
            ExpiresAt = maxAge == 0 ? null : now.AddSeconds(maxAge),
            MaxUses = request?.MaxUses is null or 0 ? null : request.MaxUses,
        };
        db.Invites.Add(invite);
        support.Audit(serverId, me, "invite.create", details: invite.Code);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/invites/{invite.Code}", (await ToResponsesAsync(db, [invite], cancellationToken))[0]);
    }

    /// <summary>Works signed out: what the invite leads to, so a visitor can decide to sign up and join.</summary>
    public static async Task<Results<Ok<InviteResponse>, NotFound>> Preview(string code, ParleyDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var invite = await db.Invites.AsNoTracking().FirstOrDefaultAsync(i => i.Code == code, cancellationToken);
        return invite is null || !IsUsable(invite, time.GetUtcNow())
            ? TypedResults.NotFound()
            : TypedResults.Ok((await ToResponsesAsync(db, [invite], cancellationToken))[0]);
    }

    public static async Task<Results<Ok<ServerResponse>, NotFound, ProblemHttpResult>> Accept(
        string code, HttpContext context, ParleyDbContext db, ChannelAccess access, TimeProvider time, ServerSupport support,
        RealtimePublisher realtime, CancellationToken cancellationToken)
    {
        var me = context.User.UserId();
        var now = time.GetUtcNow();
        var invite = await db.Invites.AsNoTracking().FirstOrDefaultAsync(i => i.Code == code, cancellationToken);
        if (invite is null || !IsUsable(invite, now))
        {
            return TypedResults.NotFound();
        }

        var serverId = invite.ServerId;
        if (await db.Bans.AnyAsync(b => b.ServerId == serverId && b.UserId == me, cancellationToken))
        {
            return TypedResults.Problem(title: "You are banned from this server.", statusCode: StatusCodes.Status403Forbidden);
        }

        if (!await db.ServerMembers.AnyAsync(m => m.ServerId == serverId && m.UserId == me, cancellationToken))
        {
            // Count the use only if a use is left: two people racing for the last use cannot both get in.
            var counted = await db.Invites
                .Where(i => i.Code == code && (i.MaxUses == null || i.Uses < i.MaxUses))
                .ExecuteUpdateAsync(i => i.SetProperty(x => x.Uses, x => x.Uses + 1), cancellationToken);
            if (counted == 0)
            {
                return TypedResults.NotFound();
            }

            db.ServerMembers.Add(new ServerMember { ServerId = serverId, UserId = me, JoinedAt = now });
            support.Audit(serverId, me, "member.join", me, details: code);
            await db.SaveChangesAsync(cancellationToken);
            await support.ResyncAsync(serverId, cancellationToken);
            await realtime.Server(serverId).ServerMemberJoined(new ServerMemberEvent(Ids.Format(serverId), Ids.Format(me)));
        }

        var server = await db.Servers.FirstAsync(s => s.Id == serverId, cancellationToken);
        var member = await access.MemberAsync(serverId, me, cancellationToken);
        var count = await db.ServerMembers.CountAsync(m => m.ServerId == serverId, cancellationToken);
        return TypedResults.Ok(Servers.ToResponse(server, count, member!.Permissions));
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Revoke(
        string code, HttpContext context, ParleyDbContext db, ChannelAccess access, ServerSupport support, CancellationToken cancellationToken)
    {
        var me = context.User.UserId();
        var invite = await db.Invites.FirstOrDefaultAsync(i => i.Code == code, cancellationToken);
        var member = invite is null ? null : await access.MemberAsync(invite.ServerId, me, cancellationToken);
        if (invite is null || member is null)
        {
            return TypedResults.NotFound();
        }

        if (invite.InviterId != me && !member.Has(Permission.ManageServer))
        {
            return TypedResults.Problem(title: "Only its creator or someone with Manage Server can revoke an invite.", statusCode: StatusCodes.Status403Forbidden);
        }

        db.Invites.Remove(invite);
        support.Audit(invite.ServerId, me, "invite.revoke", details: code);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<List<InviteResponse>>, NotFound, ProblemHttpResult>> List(
        long id, HttpContext context, ParleyDbContext db, ChannelAccess access, CancellationToken cancellationToken)
    {
        var member = await access.MemberAsync(id, context.User.UserId(), cancellationToken);
        if (member is null)
        {
            return TypedResults.NotFound();
        }

        if (!member.Has(Permission.ManageServer))
        {
            return TypedResults.Problem(title: "You need the Manage Server permission.", statusCode: StatusCodes.Status403Forbidden);
        }

        var invites = await db.Invites.Where(i => i.ServerId == id).ToListAsync(cancellationToken);
        return TypedResults.Ok(await ToResponsesAsync(db, invites, cancellationToken));
    }

    public static async Task<Results<Ok<List<AuditLogEntryResponse>>, ValidationProblem, NotFound, ProblemHttpResult>> AuditLog(
        long id, string? before, int? limit, HttpContext context, ParleyDbContext db, ChannelAccess access, CancellationToken cancellationToken)
    {
        var take = limit ?? 50;
        var errors = new FieldErrors();
        if (take is < 1 or > 100)
        {
            errors.Add("limit", "The limit must be between 1 and 100.");
        }

        long cursor = long.MaxValue;
        if (before is not null && !Ids.TryParse(before, out cursor))
        {
            errors.Add("before", "The before field must be an entry id.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var member = await access.MemberAsync(id, context.User.UserId(), cancellationToken);
        if (member is null)
        {
            return TypedResults.NotFound();
        }

        if (!member.Has(Permission.ViewAuditLog))
        {
            return TypedResults.Problem(title: "You need the View Audit Log permission.", statusCode: StatusCodes.Status403Forbidden);
        }

        var entries = await db.AuditLog.Where(a => a.ServerId == id && a.Id < cursor).OrderByDescending(a => a.Id).Take(take).ToListAsync(cancellationToken);
        var memberTargets = entries.Where(e => IsAboutMember(e.Action) && e.TargetId is not null).Select(e => e.TargetId!.Value);
        var users = await Users.UserSummaries.LoadAsync(db, entries.Select(e => e.ActorId).Concat(memberTargets), cancellationToken);
        var targetIds = entries.Where(e => e.TargetId is not null).Select(e => e.TargetId!.Value).Distinct().ToList();
        var channelNames = targetIds.Count == 0
            ? []
            : await db.Channels.Where(c => c.ServerId == id && targetIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        var roleNames = targetIds.Count == 0
            ? []
            : await db.Roles.Where(r => r.ServerId == id && targetIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, cancellationToken);
        string? NameOf(AuditLogEntry entry) => entry.TargetId is not { } target
            ? null
            : IsAboutMember(entry.Action) ? (users.GetValueOrDefault(target) is { } user ? user.DisplayName ?? user.Username : null)
            : entry.Action.Split('.')[0] switch
            {
                "channel" => channelNames.GetValueOrDefault(target),
                "role" => roleNames.GetValueOrDefault(target),
                _ => null,
            };

        return TypedResults.Ok(entries.Select(e => new AuditLogEntryResponse(
            Ids.Format(e.Id),
            users.GetValueOrDefault(e.ActorId) ?? new Contracts.Users.UserSummary(Ids.Format(e.ActorId), "deleted", null),
            e.Action,
            e.TargetId is { } t ? Ids.Format(t) : null,
            e.Reason,
            e.Details,
            IdGenerator.TimestampOf(e.Id),
            NameOf(e))).ToList());
    }

    private static bool IsAboutMember(string action) =>
        action.StartsWith("member.", StringComparison.Ordinal) || action == "server.transfer";

    internal static bool IsUsable(Invite invite, DateTimeOffset now) =>
        (invite.ExpiresAt is null || invite.ExpiresAt > now) && (invite.MaxUses is null || invite.Uses < invite.MaxUses);

    private static async Task<List<InviteResponse>> ToResponsesAsync(ParleyDbContext db, IReadOnlyList<Invite> invites, CancellationToken cancellationToken)
    {
        var serverIds = invites.Select(i => i.ServerId).Distinct().ToList();
        var servers = await db.Servers.Where(s => serverIds.Contains(s.Id))
            .Select(s => new { Server = s, Members = db.ServerMembers.Count(m => m.ServerId == s.Id) })
            .ToDictionaryAsync(s => s.Server.Id, cancellationToken);
        return invites.Select(i => new InviteResponse(
            i.Code,
            Ids.Format(i.ServerId),
            servers[i.ServerId].Server.Name,
            ServerSupport.IconUrl(servers[i.ServerId].Server) is { } icon ? $"{icon}&invite={Uri.EscapeDataString(i.Code)}" : null,
            servers[i.ServerId].Members,
            Ids.Format(i.ChannelId),
            i.ExpiresAt,
            i.MaxUses,
            i.Uses)).ToList();
    }
}
