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

        return await db.Users
            .Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.UserName, u.DisplayName, u.AvatarKey })
            .ToDictionaryAsync(
                u => u.Id,
                u => new UserSummary(u.Id.ToString(CultureInfo.InvariantCulture), u.UserName!, u.DisplayName, Files.Avatars.UrlForUser(u.Id, u.AvatarKey)),
                cancellationToken);
    }
}
