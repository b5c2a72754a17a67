using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Parley.Data;
using Parley.Server.Realtime;

namespace Parley.Server.Features.Accounts;

/// <summary>
/// Signing a user out of many places at once: the other browser sessions (after a password change, or on request),
/// the personal tokens, and every live hub connection of a deleted account. Deleting the rows bumps the
/// <see cref="Conversations.AccessCache"/>, so the very next request of a signed-out device is refused; live hub
/// connections are told (SessionRevoked) and closed at once, on every node, as <see cref="Sessions.Revoke"/> does for one
/// device.
/// </summary>
public static class AccountSignOut
{
    /// <summary>The personal token the request was authenticated with, if it came with one.</summary>
    public static long? TokenId(this ClaimsPrincipal user) =>
        user.FindFirstValue(AuthSetup.TokenIdClaim) is { } tid ? long.Parse(tid, CultureInfo.InvariantCulture) : null;

    /// <summary>Deletes every session of the user but <paramref name="keep"/> and closes their hub connections.</summary>
    public static async Task<int> SignOutOtherSessionsAsync(
        ParleyDbContext db, RealtimePublisher realtime, long userId, long? keep, CancellationToken cancellationToken)
    {
        var others = await db.UserSessions
            .Where(s => s.UserId == userId && (keep == null || s.Id != keep))
            .Select(s => s.Id)
            .ToListAsync(cancellationToken);
        if (others.Count == 0)
        {
            return 0;
        }

        await db.UserSessions.Where(s => s.UserId == userId && others.Contains(s.Id)).ExecuteDeleteAsync(cancellationToken);
        foreach (var sessionId in others)
        {
            await realtime.CloseSessionAsync(userId, sessionId);
        }

        return others.Count;
    }

    /// <summary>
    /// Deletes every personal token of the user but <paramref name="keep"/> and closes the hub connections that were
    /// opened with one of them.
    /// </summary>
    public static async Task<int> RevokeOtherTokensAsync(
        ParleyDbContext db, RealtimePublisher realtime, long userId, long? keep, CancellationToken cancellationToken)
    {
        var revoked = await db.PersonalAccessTokens
            .Where(t => t.UserId == userId && (keep == null || t.Id != keep))
            .Select(t => t.Id)
            .ToListAsync(cancellationToken);
        if (revoked.Count == 0)
        {
            return 0;
        }

        await db.PersonalAccessTokens.Where(t => t.UserId == userId && revoked.Contains(t.Id)).ExecuteDeleteAsync(cancellationToken);
        await realtime.CloseTokensAsync(userId, revoked);
        return revoked.Count;
    }
}
