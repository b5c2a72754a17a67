using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Parley.Contracts.Accounts;
using Parley.Data;

namespace Parley.Server.Features.Accounts;

public static class Sessions
{
    public static async Task<Ok<List<SessionResponse>>> List(HttpContext context, ParleyDbContext db, CancellationToken cancellationToken)
    {
        var userId = context.User.UserId();
        var current = context.User.SessionId();
        var sessions = await db.UserSessions
            .Where(s => s.UserId == userId)
            .OrderByDescending(s => s.Id)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(sessions
            .OrderByDescending(s => s.LastSeenAt)
            .Select(s => new SessionResponse(
                s.Id.ToString(CultureInfo.InvariantCulture), s.UserAgent, s.IpAddress, s.CreatedAt, s.LastSeenAt, s.Id == current))
            .ToList());
    }

    /// <summary>Signs that device out; its next request is refused.</summary>
    public static async Task<Results<NoContent, NotFound>> Revoke(
        long id, HttpContext context, ParleyDbContext db, Realtime.RealtimePublisher realtime, CancellationToken cancellationToken)
    {
        var userId = context.User.UserId();
        var deleted = await db.UserSessions.Where(s => s.Id == id && s.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        if (deleted == 0)
        {
            return TypedResults.NotFound();
        }

        // Its live hub connections are told and closed at once; its next request is refused.
        await realtime.CloseSessionAsync(userId, id);
        if (context.User.SessionId() == id)
        {
            await context.SignOutAsync(AuthSetup.CookieScheme);
        }

        return TypedResults.NoContent();
    }
}
