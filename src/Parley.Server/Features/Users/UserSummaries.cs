using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Parley.Contracts.Users;
using Parley.Data;

namespace Parley.Server.Features.Users;

public static class UserSummaries
{
    /// <summary>Names for any number of users in one query.</summary>
    public static async Task<Dictionary<long, UserSummary>> LoadAsync(ParleyDbContext db, IEnumerable<long> userIds, CancellationToken cancellationToken)
    {
        var ids = userIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        return (await NamesOf.For(db)(db, ids).ToListAsync(cancellationToken)).ToDictionary(
            u => u.Id,
            u => new UserSummary(u.Id.ToString(CultureInfo.InvariantCulture), u.UserName!, u.DisplayName, Files.Avatars.UrlForUser(u.Id, u.AvatarKey)));
    }

    /// <summary>Every page of history and most events run this, so it is compiled once per model.</summary>
    private static readonly Infrastructure.PerModelQuery<Func<ParleyDbContext, List<long>, IAsyncEnumerable<NameRow>>> NamesOf = new(() =>
        EF.CompileAsyncQuery((ParleyDbContext db, List<long> ids) => db.Users
            .Where(u => ids.Contains(u.Id))
            .Select(u => new NameRow(u.Id, u.UserName, u.DisplayName, u.AvatarKey))));

    private sealed record NameRow(long Id, string? UserName, string? DisplayName, string? AvatarKey);
}
