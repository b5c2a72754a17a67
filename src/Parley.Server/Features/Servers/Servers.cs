using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Parley.Contracts.Channels;
using Parley.Contracts.Realtime;
using Parley.Contracts.Servers;
using Parley.Data;
using Parley.Data.Conversations;
using Parley.Data.Servers;
using Parley.Server.Features.Accounts;
using Parley.Server.Features.Conversations;
using Parley.Server.Infrastructure;
using Parley.Server.Realtime;

namespace Parley.Server.Features.Servers;

/// <summary>Servers: create (with #general and @everyone), list yours, look, rename, transfer, delete.</summary>
public static class Servers
{
    public const int NameMaxLength = 100;

    public static async Task<Results<Created<ServerResponse>, ValidationProblem>> Create(
        CreateServerRequest request, HttpContext context, ParleyDbContext db, IdGenerator ids, TimeProvider time,
        ServerSupport support, RealtimePublisher realtime, CancellationToken cancellationToken)
    {
        var name = request.Name?.Trim();
        var errors = new FieldErrors().Require("name", name).MaxLength("name", name, NameMaxLength);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var me = context.User.UserId();
        var now = time.GetUtcNow();
        var server = new Parley.Data.Servers.Server { Id = ids.NextId(), Name = name!, OwnerId = me, CreatedAt = now };
        db.Servers.Add(server);
        db.Roles.Add(new Role { Id = server.Id, ServerId = server.Id, Name = "@everyone", Position = 0, Permissions = Permissions.EveryoneDefault });
        db.ServerMembers.Add(new ServerMember { ServerId = server.Id, UserId = me, JoinedAt = now });
        var general = new Channel { Id = ids.NextId(), Type = ChannelType.Text, Name = "general", ServerId = server.Id, Position = 0, CreatedAt = now };
        db.Channels.Add(general);
        support.Audit(server.Id, me, "server.create");
        await db.SaveChangesAsync(cancellationToken);
        await support.ResyncAsync(server.Id, cancellationToken);
        await realtime.User(me).ServerUpdated(new ServerRef(Ids.Format(server.Id)));
        return TypedResults.Created($"/api/v1/servers/{Ids.Format(server.Id)}", ToResponse(server, 1, Permissions.All));
    }

    /// <summary>Your servers with member counts and your permissions, in a fixed number of queries.</summary>
    public static async Task<Ok<List<ServerResponse>>> ListMine(HttpContext context, ParleyDbContext db, CancellationToken cancellationToken)
    {
        var me = context.User.UserId();
        var rows = await db.ServerMembers.Where(m => m.UserId == me)
            .Join(db.Servers, m => m.ServerId, s => s.Id, (m, s) => new { Server = s, Members = db.ServerMembers.Count(x => x.ServerId == s.Id) })
            .ToListAsync(cancellationToken);
        var serverIds = rows.Select(r => r.Server.Id).ToList();
        var roles = await db.Roles.Where(r => serverIds.Contains(r.ServerId))
            .Where(r => r.Id == r.ServerId || db.MemberRoles.Any(m => m.UserId == me && m.RoleId == r.Id))
            .Select(r => new { r.Id, r.ServerId, r.Permissions })
            .ToListAsync(cancellationToken);
        var byServer = roles.ToLookup(r => r.ServerId);
        return TypedResults.Ok(rows
            .OrderBy(r => r.Server.Id)
            .Select(r =>
            {
                var mine = byServer[r.Server.Id].ToList();
                var permissions = Permissions.ForServer(
                    r.Server.OwnerId == me,
                    mine.FirstOrDefault(x => x.Id == r.Server.Id)?.Permissions ?? Permission.None,
                    mine.Where(x => x.Id != r.Server.Id).Select(x => x.Permissions));
                return ToResponse(r.Server, r.Members, permissions);
            })
            .ToList());
    }

    public static async Task<Results<Ok<ServerResponse>, NotFound>> Get(long id, HttpContext context, ParleyDbContext db, ChannelAccess access, CancellationToken cancellationToken)
    {
        var member = await access.MemberAsync(id, context.User.UserId(), cancellationToken);
        if (member is null)
        {
            return TypedResults.NotFound();
        }

        var server = await db.Servers.FirstAsync(s => s.Id == id, cancellationToken);
        var count = await db.ServerMembers.CountAsync(m => m.ServerId == id, cancellationToken);
        return TypedResults.Ok(ToResponse(server, count, member.Permissions));
    }

    public static async Task<Results<Ok<ServerResponse>, ValidationProblem, NotFound, ProblemHttpResult>> Update(
        long id, UpdateServerRequest request, HttpContext context, ParleyDbContext db, ChannelAccess access,
        ServerSupport support, RealtimePublisher realtime, CancellationToken cancellationToken)
    {
        var me = context.User.UserId();
        var member = await access.MemberAsync(id, me, cancellationToken);
        if (member is null)
        {
            return TypedResults.NotFound();
        }

        var name = request.Name?.Trim();
        var errors = new FieldErrors().MaxLength("name", name, NameMaxLength);
        if (name is { Length: 0 })
        {
            errors.Add("name", "The name field is required.");
        }

        long newOwner = 0;
        if (request.OwnerId is not null && !Ids.TryParse(request.OwnerId, out newOwner))
        {
            errors.Add("ownerId", "The ownerId field must be a user id.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var server = await db.Servers.FirstAsync(s => s.Id == id, cancellationToken);
        if (name is not null)
        {
            if (!member.Has(Permission.ManageServer))
            {
                return TypedResults.Problem(title: "You need the Manage Server permission.", statusCode: StatusCodes.Status403Forbidden);
            }

            support.Audit(id, me, "server.rename", details: $"{server.Name} -> {name}");
            server.Name = name;
        }

        if (newOwner != 0)
        {
            if (!member.IsOwner)
            {
                return TypedResults.Problem(title: "Only the owner can hand the server over.", statusCode: StatusCodes.Status403Forbidden);
            }

            if (!await db.ServerMembers.AnyAsync(m => m.ServerId == id && m.UserId == newOwner, cancellationToken))
            {
                return new FieldErrors().Add("ownerId", "The new owner must be a member of the server.").ToProblem();
            }

            support.Audit(id, me, "server.transfer", newOwner);
            server.OwnerId = newOwner;
        }

        await db.SaveChangesAsync(cancellationToken);
        await realtime.Server(id).ServerUpdated(new ServerRef(Ids.Format(id)));
        var count = await db.ServerMembers.CountAsync(m => m.ServerId == id, cancellationToken);
        var now = await access.MemberAsync(id, me, cancellationToken);
        return TypedResults.Ok(ToResponse(server, count, now!.Permissions));
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Delete(
        long id, HttpContext context, ParleyDbContext db, ChannelAccess access, RealtimePublisher realtime, CancellationToken cancellationToken)
    {
        var member = await access.MemberAsync(id, context.User.UserId(), cancellationToken);
        if (member is null)
        {
            return TypedResults.NotFound();
        }

        if (!member.IsOwner)
        {
            return TypedResults.Problem(title: "Only the owner can delete the server.", statusCode: StatusCodes.Status403Forbidden);
        }

        await db.Servers.Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken);
        await realtime.Server(id).ServerDeleted(new ServerRef(Ids.Format(id)));
        return TypedResults.NoContent();
    }

    public static ServerResponse ToResponse(Parley.Data.Servers.Server server, int memberCount, Permission mine) => new(
        Ids.Format(server.Id), server.Name, Ids.Format(server.OwnerId), ServerSupport.IconUrl(server), memberCount, ServerSupport.Format(mine), server.CreatedAt);
}
