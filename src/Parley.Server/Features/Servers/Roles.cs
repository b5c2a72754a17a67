using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Parley.Contracts.Realtime;
using Parley.Contracts.Servers;
using Parley.Data;
using Parley.Data.Servers;
using Parley.Server.Features.Accounts;
using Parley.Server.Features.Conversations;
using Parley.Server.Infrastructure;
using Parley.Server.Realtime;

namespace Parley.Server.Features.Servers;

/// <summary>Roles, with Discord's hierarchy: you manage only roles below your highest, and grant only what you have.</summary>
public static class Roles
{
    public const int NameMaxLength = 100;

    public static async Task<Results<Ok<List<RoleResponse>>, NotFound>> List(long id, HttpContext context, ParleyDbContext db, ChannelAccess access, CancellationToken cancellationToken)
    {
        if (await access.MemberAsync(id, context.User.UserId(), cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        var roles = await db.Roles.Where(r => r.ServerId == id).ToListAsync(cancellationToken);
        return TypedResults.Ok(roles.OrderByDescending(r => r.Position).ThenBy(r => r.Id).Select(ToResponse).ToList());
    }

    public static async Task<Results<Created<RoleResponse>, ValidationProblem, NotFound, ProblemHttpResult>> Create(
        long id, CreateRoleRequest request, HttpContext context, ParleyDbContext db, ChannelAccess access, IdGenerator ids,
        ServerSupport support, RealtimePublisher realtime, CancellationToken cancellationToken)
    {
        var me = context.User.UserId();
        var member = await access.MemberAsync(id, me, cancellationToken);
        if (member is null)
        {
            return TypedResults.NotFound();
        }

        var name = request.Name?.Trim();
        var errors = new FieldErrors().Require("name", name).MaxLength("name", name, NameMaxLength);
        var permissions = Permission.None;
        if (request.Permissions is not null && !ServerSupport.TryParsePermissions(request.Permissions, out permissions))
        {
            errors.Add("permissions", "The permissions field is a decimal permission mask.");
        }

        if (request.Color is < 0 or > 0xFFFFFF)
        {
            errors.Add("color", "The color is an RGB number from 0 to 16777215.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (!member.Has(Permission.ManageRoles))
        {
            return TypedResults.Problem(title: "You need the Manage Roles permission.", statusCode: StatusCodes.Status403Forbidden);
        }

        if (!member.Has(Permission.Administrator) && (permissions & ~member.Permissions) != 0)
        {
            return TypedResults.Problem(title: "You cannot grant permissions you do not have.", statusCode: StatusCodes.Status403Forbidden);
        }

        // A new role starts just above @everyone; the others move up one.
        await db.Roles.Where(r => r.ServerId == id && r.Position >= 1).ExecuteUpdateAsync(r => r.SetProperty(x => x.Position, x => x.Position + 1), cancellationToken);
        var role = new Role
        {
            Id = ids.NextId(),
            ServerId = id,
            Name = name!,
            Color = request.Color ?? 0,
            Position = 1,
            Hoist = request.Hoist ?? false,
            Mentionable = request.Mentionable ?? false,
            Permissions = permissions,
        };
        db.Roles.Add(role);
        support.Audit(id, me, "role.create", role.Id, details: role.Name);
        await db.SaveChangesAsync(cancellationToken);
        await realtime.Server(id).ServerUpdated(new ServerRef(Ids.Format(id)));
        return TypedResults.Created($"/api/v1/servers/{Ids.Format(id)}/roles/{Ids.Format(role.Id)}", ToResponse(role));
    }

    public static async Task<Results<Ok<RoleResponse>, ValidationProblem, NotFound, ProblemHttpResult>> Update(
        long id, long roleId, UpdateRoleRequest request, HttpContext context, ParleyDbContext db, ChannelAccess access,
        ServerSupport support, RealtimePublisher realtime, CancellationToken cancellationToken)
    {
        var me = context.User.UserId();
        var member = await access.MemberAsync(id, me, cancellationToken);
        var role = member is null ? null : await db.Roles.FirstOrDefaultAsync(r => r.Id == roleId && r.ServerId == id, cancellationToken);
        if (member is null || role is null)
        {
            return TypedResults.NotFound();
        }

        var name = request.Name?.Trim();
        var errors = new FieldErrors().MaxLength("name", name, NameMaxLength);
        if (name is { Length: 0 })
        {
            errors.Add("name", "The name field is required.");
        }

        var permissions = role.Permissions;
        if (request.Permissions is not null && !ServerSupport.TryParsePermissions(request.Permissions, out permissions))
        {
            errors.Add("permissions", "The permissions field is a decimal permission mask.");
        }

        if (request.Color is < 0 or > 0xFFFFFF)
        {
            errors.Add("color", "The color is an RGB number from 0 to 16777215.");
        }

        if (request.Position is < 1 || (request.Position is not null && role.Id == id))
        {
            errors.Add("position", "Roles sit at position 1 or above; @everyone stays at 0.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (!member.Has(Permission.ManageRoles))
        {
            return TypedResults.Problem(title: "You need the Manage Roles permission.", statusCode: StatusCodes.Status403Forbidden);
        }

        var isEveryone = role.Id == id;
        if ((!isEveryone && !Permissions.MayManageRole(member.IsOwner, member.HighestPosition, role.Position))
            || (request.Position is { } target && !Permissions.MayManageRole(member.IsOwner, member.HighestPosition, target)))
        {
            return TypedResults.Problem(title: "You can only change roles below your highest role.", statusCode: StatusCodes.Status403Forbidden);
        }

        if (!member.Has(Permission.Administrator) && ((permissions ^ role.Permissions) & ~member.Permissions) != 0)
        {
            return TypedResults.Problem(title: "You cannot grant or take away permissions you do not have.", statusCode: StatusCodes.Status403Forbidden);
        }

        role.Name = isEveryone ? role.Name : name ?? role.Name;
        role.Color = request.Color ?? role.Color;
        role.Hoist = request.Hoist ?? role.Hoist;
        role.Mentionable = request.Mentionable ?? role.Mentionable;
        role.Position = request.Position ?? role.Position;
        role.Permissions = permissions;
        support.Audit(id, me, "role.update", role.Id, details: $"{role.Name}: permissions {(long)permissions}");
        await db.SaveChangesAsync(cancellationToken);
        await support.ResyncAsync(id, cancellationToken);
        await realtime.Server(id).ServerUpdated(new ServerRef(Ids.Format(id)));
        return TypedResults.Ok(ToResponse(role));
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Delete(
        long id, long roleId, HttpContext context, ParleyDbContext db, ChannelAccess access, ServerSupport support,
        RealtimePublisher realtime, CancellationToken cancellationToken)
    {
        var me = context.User.UserId();
        var member = await access.MemberAsync(id, me, cancellationToken);
        var role = member is null ? null : await db.Roles.FirstOrDefaultAsync(r => r.Id == roleId && r.ServerId == id, cancellationToken);
        if (member is null || role is null)
        {
            return TypedResults.NotFound();
        }

        if (role.Id == id)
        {
            return TypedResults.Problem(title: "The @everyone role cannot be deleted.", statusCode: StatusCodes.Status403Forbidden);
        }

        if (!member.Has(Permission.ManageRoles) || !Permissions.MayManageRole(member.IsOwner, member.HighestPosition, role.Position))
        {
            return TypedResults.Problem(title: "You can only delete roles below your highest role, with Manage Roles.", statusCode: StatusCodes.Status403Forbidden);
        }

        await db.MemberRoles.Where(m => m.RoleId == roleId).ExecuteDeleteAsync(cancellationToken);
        await db.PermissionOverwrites.Where(o => o.TargetId == roleId && o.IsRole).ExecuteDeleteAsync(cancellationToken);
        db.Roles.Remove(role);
        support.Audit(id, me, "role.delete", role.Id, details: role.Name);
        await db.SaveChangesAsync(cancellationToken);
        await support.ResyncAsync(id, cancellationToken);
        await realtime.Server(id).ServerUpdated(new ServerRef(Ids.Format(id)));
        return TypedResults.NoContent();
    }

    public static RoleResponse ToResponse(Role r) =>
        new(Ids.Format(r.Id), r.Name, r.Color, r.Position, r.Hoist, r.Mentionable, ServerSupport.Format(r.Permissions));
}
