using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Parley.Data;
using Parley.Data.Accounts;
using Parley.Server.Features.Conversations;
using Parley.Server.Infrastructure;

namespace Parley.Server.Features.Accounts;

public static class AuthSetup
{
    public const string CookieScheme = "Cookies";
    public const string BearerScheme = "Bearer";
    private const string SelectorScheme = "Parley";
    public const string SessionIdClaim = "parley:sid";
    public const string TokenIdClaim = "parley:tid";
    public const string CookieName = "parley_session";
    public const int PasswordIterations = 210_000;

    /// <summary>A session's last-seen time is written at most this often, so reads do not turn into writes.</summary>
    private static readonly TimeSpan LastSeenResolution = TimeSpan.FromMinutes(1);

    /// <param name="testPasswordIterations">
    /// Honoured only in the Testing environment, where hundreds of accounts are made per run; production always
    /// uses <see cref="PasswordIterations"/>.
    /// </param>
    public static IServiceCollection AddParleyAuth(this IServiceCollection services, ParleyOptions options, int? testPasswordIterations = null)
    {
        services.AddIdentityCore<User>(identity =>
            {
                identity.User.AllowedUserNameCharacters = "";
                identity.User.RequireUniqueEmail = false;
                identity.Password.RequiredLength = PasswordRules.MinLength;
                identity.Password.RequireDigit = false;
                identity.Password.RequireLowercase = false;
                identity.Password.RequireUppercase = false;
                identity.Password.RequireNonAlphanumeric = false;
                identity.Password.RequiredUniqueChars = 2;
                identity.Lockout.AllowedForNewUsers = true;
                identity.Lockout.MaxFailedAccessAttempts = options.Lockout.MaxFailedAttempts;
                identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(options.Lockout.Minutes);
            })
            .AddEntityFrameworkStores<ParleyDbContext>()
            .AddPasswordValidator<PasswordRules>();

        // PBKDF2-HMAC-SHA512; hashes made with fewer iterations are upgraded on the next sign-in.
        services.Configure<PasswordHasherOptions>(o =>
        {
            o.CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3;
            o.IterationCount = testPasswordIterations ?? PasswordIterations;
        });

        services.AddAuthentication(SelectorScheme)
            .AddPolicyScheme(SelectorScheme, SelectorScheme, policy => policy.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                || (context.Request.Query.ContainsKey("access_token") && context.Request.Path.StartsWithSegments(Realtime.RealtimeSetup.HubPath))
                    ? BearerScheme
                    : CookieScheme)
            .AddCookie(CookieScheme, cookie =>
            {
                cookie.Cookie.Name = CookieName;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = TimeSpan.FromDays(30);
                cookie.SlidingExpiration = true;
                cookie.Events.OnRedirectToLogin = context => WriteStatus(context.HttpContext, StatusCodes.Status401Unauthorized);
                cookie.Events.OnRedirectToAccessDenied = context => WriteStatus(context.HttpContext, StatusCodes.Status403Forbidden);
                cookie.Events.OnValidatePrincipal = ValidateSessionAsync;
            })
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerScheme, null);

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.HeaderName = AntiforgeryChecks.HeaderName;
            antiforgery.Cookie.Name = "parley_af";
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        return services;
    }

    public static long UserId(this ClaimsPrincipal user) =>
        long.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!, CultureInfo.InvariantCulture);

    public static long? SessionId(this ClaimsPrincipal user) =>
        user.FindFirstValue(SessionIdClaim) is { } sid ? long.Parse(sid, CultureInfo.InvariantCulture) : null;

    public static ClaimsPrincipal CreatePrincipal(User user, string scheme, string claimType, long id) =>
        CreatePrincipal(user.Id, user.UserName!, scheme, claimType, id);

    public static ClaimsPrincipal CreatePrincipal(long userId, string userName, string scheme, string claimType, long id) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, userId.ToString(CultureInfo.InvariantCulture)),
                new Claim(ClaimTypes.Name, userName),
                new Claim(claimType, id.ToString(CultureInfo.InvariantCulture)),
            ],
            scheme));

    /// <summary>
    /// Every cookie request checks that its session row exists, so a revoked session stops working at once. An existing
    /// session is kept in the <see cref="AccessCache"/>: deleting the row bumps its generation, so the very next request
    /// looks again.
    /// </summary>
    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var cache = services.GetRequiredService<AccessCache>();
        var sessionId = context.Principal?.SessionId();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        // Captured before the look-up: a sign-out committed meanwhile leaves what was read stale, never served.
        var generation = cache.Generation;
        if (sessionId is { } id && cache.TryGetSession(id, out var cached))
        {
            if (cached.ClaimWrite(now, LastSeenResolution))
            {
                await using var touchScope = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
                await TouchSessionAsync(touchScope.ServiceProvider.GetRequiredService<ParleyDbContext>(), id, now, context.HttpContext.RequestAborted);
            }

            return;
        }

        // A scope of its own, so that a hub connection does not keep a DbContext alive for its whole life.
        await using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        var session = sessionId is null
            ? null
            : await db.UserSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId.Value, context.HttpContext.RequestAborted);
        if (session is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieScheme);
            return;
        }

        var found = new CachedLogin(session.Id, session.UserId, null, session.LastSeenAt);
        cache.StoreSession(session.Id, found, generation);
        if (found.ClaimWrite(now, LastSeenResolution))
        {
            await TouchSessionAsync(db, session.Id, now, context.HttpContext.RequestAborted);
        }
    }

    /// <summary>The last-seen time, at most once a minute per session; it bumps nothing (see <see cref="AccessWrites"/>).</summary>
    private static Task<int> TouchSessionAsync(ParleyDbContext db, long sessionId, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.UserSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now), cancellationToken);

    private static Task WriteStatus(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
