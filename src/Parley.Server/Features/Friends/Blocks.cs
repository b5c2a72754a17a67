using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Parley.Contracts.Users;
using Parley.Data;
using Parley.Data.Friends;
using Parley.Server.Features.Accounts;
using Parley.Server.Features.Users;
using Parley.Server.Infrastructure;

namespace Parley.Server.Features.Friends;

/// <summary>A blocked person cannot message you, see your presence or send you friend requests.</summary>
public static class Blocks
{
    public static async Task<Ok<List<PublicUser>>> List(HttpContext context, ParleyDbContext db, PeopleView people, CancellationToken cancellationToken)
    {
        var me = context.User.UserId();
        // Sorted here: SQLite cannot order by a DateTimeOffset column.
        var blocked = (await db.Blocks.Where(b => b.UserId == me).Select(b => new { b.BlockedUserId, b.CreatedAt }).ToListAsync(cancellationToken))
            .OrderByDescending(b => b.CreatedAt)
            .Select(b => b.BlockedUserId)
            .ToList();
        var users = await people.LoadAsync(me, blocked, cancellationToken);
        return TypedResults.Ok(blocked.Where(users.ContainsKey).Select(id => users[id]).ToList());
    }

    public static async Task<Results<NoContent, NotFound, ValidationProblem>> Block(
        long userId,
        HttpContext context,
        ParleyDbContext db,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var me = context.User.UserId();
        if (userId == me)
        {
            return new FieldErrors().Add("userId", "You cannot block yourself.").ToProblem();
        }

        if (!await db.Users.AnyAsync(u => u.Id == userId, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await db.Blocks.AnyAsync(b => b.UserId == me && b.BlockedUserId == userId, cancellationToken))
        {
            db.Blocks.Add(new Block { UserId = me, BlockedUserId = userId, CreatedAt = time.GetUtcNow() });
            await db.SaveChangesAsync(cancellationToken);
        }

        await db.Friendships.Where(f => (f.UserId == me && f.FriendId == userId) || (f.UserId == userId && f.FriendId == me)).ExecuteDeleteAsync(cancellationToken);
        await db.FriendRequests.Where(r => (r.FromUserId == me && r.ToUserId == userId) || (r.FromUserId == userId && r.ToUserId == me)).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<NoContent, NotFound>> Unblock(long userId, HttpContext context, ParleyDbContext db, CancellationToken cancellationToken)
    {
        var me = context.User.UserId();
        var removed = await db.Blocks.Where(b => b.UserId == me && b.BlockedUserId == userId).ExecuteDeleteAsync(cancellationToken);
        return removed == 0 ? TypedResults.NotFound() : TypedResults.NoContent();
    }
}
