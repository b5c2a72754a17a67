using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Parley.Contracts.Users;
using Parley.Data;
using Parley.Server.Features.Accounts;
using Parley.Server.Infrastructure;

namespace Parley.Server.Features.Users;

public static class People
{
    public const int MaxSearchResults = 50;

    /// <summary>Someone's profile as their privacy settings let you see it.</summary>
    public static async Task<Results<Ok<PublicUser>, NotFound>> Get(long id, HttpContext context, PeopleView people, CancellationToken cancellationToken)
    {
        var found = await people.LoadAsync(context.User.UserId(), [id], cancellationToken);
        return found.TryGetValue(id, out var user) ? TypedResults.Ok(user) : TypedResults.NotFound();
    }

    /// <summary>Friends and people you talk to first, then exact, prefix and substring matches.</summary>
    public static async Task<Results<Ok<List<PublicUser>>, ValidationProblem>> Search(
        string? q,
        int? limit,
        HttpContext context,
        ParleyDbContext db,
        PeopleView people,
        CancellationToken cancellationToken)
    {
        var query = q?.Trim().TrimStart('@') ?? "";
        var take = limit ?? 20;
        var errors = new FieldErrors().Require("q", query).MaxLength("q", query, 64);
        if (take is < 1 or > MaxSearchResults)
        {
            errors.Add("limit", $"The limit must be between 1 and {MaxSearchResults}.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var me = context.User.UserId();
        var upper = query.ToUpperInvariant();
        var pattern = "%" + LikePattern.Escape(upper) + "%";
        var prefix = LikePattern.Escape(upper) + "%";
        var ids = await db.Users
            .Where(DeleteAccount.NotDeleted)
            .Where(u => u.Id != me
                && (EF.Functions.Like(u.NormalizedUserName!, pattern, LikePattern.EscapeCharacter)
                    || (u.NormalizedDisplayName != null && EF.Functions.Like(u.NormalizedDisplayName, pattern, LikePattern.EscapeCharacter)))
                && !db.Blocks.Any(b => b.UserId == u.Id && b.BlockedUserId == me))
            .Select(u => new
            {
                u.Id,
                Contact = db.Friendships.Any(f => f.UserId == me && f.FriendId == u.Id)
                    || db.ChannelRecipients.Any(r => r.UserId == u.Id && db.ChannelRecipients.Any(mine => mine.UserId == me && mine.ChannelId == r.ChannelId)),
                Exact = u.NormalizedUserName == upper,
                Prefix = EF.Functions.Like(u.NormalizedUserName!, prefix, LikePattern.EscapeCharacter)
                    || (u.NormalizedDisplayName != null && EF.Functions.Like(u.NormalizedDisplayName, prefix, LikePattern.EscapeCharacter)),
                u.UserName,
            })
            .OrderByDescending(u => u.Contact)
            .ThenByDescending(u => u.Exact)
            .ThenByDescending(u => u.Prefix)
            .ThenBy(u => u.UserName)
            .Take(take)
            .Select(u => u.Id)
            .ToListAsync(cancellationToken);
        var found = await people.LoadAsync(me, ids, cancellationToken);
        return TypedResults.Ok(ids.Where(found.ContainsKey).Select(id => found[id]).ToList());
    }
}
