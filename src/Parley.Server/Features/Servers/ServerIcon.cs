using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Parley.Contracts.Realtime;
using Parley.Contracts.Servers;
using Parley.Data;
using Parley.Server.Features.Accounts;
using Parley.Server.Features.Conversations;
using Parley.Server.Features.Files;
using Parley.Server.Infrastructure;
using Parley.Server.Infrastructure.Storage;
using Parley.Server.Realtime;

namespace Parley.Server.Features.Servers;

/// <summary>
/// A server's icon: set and removed with Manage Server, processed like people's pictures (cropped square, a few WebP
/// sizes, metadata stripped). Members see it; so does whoever holds a live invite to the server.
/// </summary>
public static class ServerIcon
{
    public static async Task<Results<Ok<ServerResponse>, ValidationProblem, NotFound, ProblemHttpResult>> Upload(
        long id, HttpContext context, ParleyDbContext db, ChannelAccess access, IFileStore store, IdGenerator ids,
        ServerSupport support, RealtimePublisher realtime, CancellationToken cancellationToken)
    {
        var me = context.User.UserId();
        var member = await access.MemberAsync(id, me, cancellationToken);
        if (member is null)
        {
            return TypedResults.NotFound();
        }

        if (!member.Has(Permission.ManageServer))
        {
            return TypedResults.Problem(title: "You need the Manage Server permission.", statusCode: StatusCodes.Status403Forbidden);
        }

        var images = await Avatars.ReadSquareAsync(context, cancellationToken);
        if (images.Invalid is { } invalid)
        {
            return invalid;
        }

        if (images.Problem is { } problem)
        {
            return problem;
        }

        var server = await db.Servers.FirstAsync(s => s.Id == id, cancellationToken);
        var previous = server.IconKey;
        server.IconKey = await Avatars.StoreAsync(store, $"avatars/servers/{Ids.Format(id)}/{Ids.Format(ids.NextId())}", images.Images!, cancellationToken);
        support.Audit(id, me, "server.icon");
        await db.SaveChangesAsync(cancellationToken);
        await Avatars.DeleteAsync(store, previous, cancellationToken);
        await realtime.Server(id).ServerUpdated(new ServerRef(Ids.Format(id)));
        var count = await db.ServerMembers.CountAsync(m => m.ServerId == id, cancellationToken);
        return TypedResults.Ok(Servers.ToResponse(server, count, member.Permissions));
    }

    public static async Task<Results<Ok<ServerResponse>, NotFound, ProblemHttpResult>> Delete(
        long id, HttpContext context, ParleyDbContext db, ChannelAccess access, IFileStore store,
        ServerSupport support, RealtimePublisher realtime, CancellationToken cancellationToken)
    {
        var me = context.User.UserId();
        var member = await access.MemberAsync(id, me, cancellationToken);
        if (member is null)
        {
            return TypedResults.NotFound();
        }

        if (!member.Has(Permission.ManageServer))
        {
            return TypedResults.Problem(title: "You need the Manage Server permission.", statusCode: StatusCodes.Status403Forbidden);
        }

        var server = await db.Servers.FirstAsync(s => s.Id == id, cancellationToken);
        var previous = server.IconKey;
        if (previous is not null)
        {
            server.IconKey = null;
            support.Audit(id, me, "server.icon.remove");
            await db.SaveChangesAsync(cancellationToken);
            await Avatars.DeleteAsync(store, previous, cancellationToken);
            await realtime.Server(id).ServerUpdated(new ServerRef(Ids.Format(id)));
        }

        var count = await db.ServerMembers.CountAsync(m => m.ServerId == id, cancellationToken);
        return TypedResults.Ok(Servers.ToResponse(server, count, member.Permissions));
    }

    /// <summary>The icon (size 64, 128 or 256) for members, or for anyone with a live invite code to the server.</summary>
    public static async Task<IResult> Get(
        long id, int? size, string? invite, HttpContext context, ParleyDbContext db, ChannelAccess access, IFileStore store,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var allowed = context.User.Identity?.IsAuthenticated == true && await access.MemberAsync(id, context.User.UserId(), cancellationToken) is not null;
        if (!allowed && !string.IsNullOrEmpty(invite))
        {
            var found = await db.Invites.AsNoTracking().FirstOrDefaultAsync(i => i.Code == invite && i.ServerId == id, cancellationToken);
            allowed = found is not null && Invites.IsUsable(found, time.GetUtcNow());
        }

        if (!allowed)
        {
            return TypedResults.NotFound();
        }

        var key = await db.Servers.Where(s => s.Id == id).Select(s => s.IconKey).FirstOrDefaultAsync(cancellationToken);
        return await Avatars.ServeAsync(store, key, size, cancellationToken);
    }
}
