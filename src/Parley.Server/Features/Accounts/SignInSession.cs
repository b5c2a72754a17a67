using Microsoft.AspNetCore.Authentication;
using Parley.Data;
using Parley.Data.Accounts;
using Parley.Server.Infrastructure;

namespace Parley.Server.Features.Accounts;

/// <summary>Starts a browser session: a session row (listable, revocable) and the HttpOnly cookie that names it.</summary>
public static class SignInSession
{
    public static async Task StartAsync(HttpContext context, ParleyDbContext db, IdGenerator ids, TimeProvider time, User user)
    {
        var now = time.GetUtcNow();
        var session = new UserSession
        {
            Id = ids.NextId(),
            UserId = user.Id,
            UserAgent = Truncate(context.Request.Headers.UserAgent.ToString(), 512),
            IpAddress = context.Connection.RemoteIpAddress?.ToString(),
            CreatedAt = now,
            LastSeenAt = now,
        };
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(context.RequestAborted);

        var principal = AuthSetup.CreatePrincipal(user, AuthSetup.CookieScheme, AuthSetup.SessionIdClaim, session.Id);
        await context.SignInAsync(AuthSetup.CookieScheme, principal, new AuthenticationProperties { IsPersistent = true });
        context.User = principal;
        AntiforgeryChecks.IssueTokens(context);
    }

    private static string? Truncate(string value, int max) =>
        string.IsNullOrEmpty(value) ? null : value[..Math.Min(value.Length, max)];
}
