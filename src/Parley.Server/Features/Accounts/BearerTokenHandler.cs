using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parley.Data;
using Parley.Server.Features.Conversations;
using Parley.Server.Infrastructure;

namespace Parley.Server.Features.Accounts;

/// <summary>
/// Authenticates personal access tokens: "Authorization: Bearer pat_..." or, for the hub, ?access_token=. A known
/// token's owner is kept in the <see cref="AccessCache"/>, so a repeated request makes no query; revoking the token or
/// deleting the account bumps its generation, so the very next request looks again and is refused.
/// </summary>
public sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IServiceScopeFactory scopes,
    AccessCache cache,
    TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string Prefix = "pat_";
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? header["Bearer ".Length..].Trim()
            : Request.Query["access_token"].ToString();
        if (string.IsNullOrEmpty(token))
        {
            return AuthenticateResult.NoResult();
        }

        var sha256 = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        var digest = TokenDigest.From(sha256);
        var now = time.GetUtcNow();
        // Captured before the look-up: a revocation committed meanwhile leaves what was read stale, never served.
        var generation = cache.Generation;
        if (!cache.TryGetToken(digest, out var owner))
        {
            // A scope of its own: the hub's request (and anything resolved from it) lives as long as the connection,
            // and a DbContext held for every idle connection costs tens of kilobytes each.
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
            var found = await FindToken.For(db)(db, Convert.ToHexStringLower(sha256), Context.RequestAborted);
            if (found is null)
            {
                return AuthenticateResult.Fail("Unknown or revoked token.");
            }

            owner = new CachedLogin(found.Id, found.UserId, found.UserName!, found.LastUsedAt);
            cache.StoreToken(digest, owner, generation);
            if (owner.ClaimWrite(now, LastUsedResolution))
            {
                await TouchAsync(db, owner.Id, now);
            }
        }
        else if (owner.ClaimWrite(now, LastUsedResolution))
        {
            await using var scope = scopes.CreateAsyncScope();
            await TouchAsync(scope.ServiceProvider.GetRequiredService<ParleyDbContext>(), owner.Id, now);
        }

        var principal = AuthSetup.CreatePrincipal(owner.UserId, owner.UserName!, AuthSetup.BearerScheme, AuthSetup.TokenIdClaim, owner.Id);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, AuthSetup.BearerScheme));
    }

    /// <summary>The last-used time, at most once a minute per token; it bumps nothing (see <see cref="AccessWrites"/>).</summary>
    private Task<int> TouchAsync(ParleyDbContext db, long tokenId, DateTimeOffset now) =>
        db.PersonalAccessTokens.Where(t => t.Id == tokenId)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.LastUsedAt, now), Context.RequestAborted);

    /// <summary>
    /// Every hub connect and every API call runs this, so it is compiled once: a LINQ query otherwise rebuilds and
    /// re-hashes its expression tree on each call. Only the columns the principal needs.
    /// </summary>
    private static readonly PerModelQuery<Func<ParleyDbContext, string, CancellationToken, Task<TokenOwner?>>> FindToken = new(() =>
        EF.CompileAsyncQuery((ParleyDbContext db, string hash, CancellationToken cancellationToken) => db.PersonalAccessTokens
            .Where(t => t.TokenHash == hash)
            .Join(db.Users, t => t.UserId, u => u.Id, (t, u) => new TokenOwner(t.Id, t.LastUsedAt, u.Id, u.UserName))
            .FirstOrDefault()));

    private sealed record TokenOwner(long Id, DateTimeOffset? LastUsedAt, long UserId, string? UserName);

    public static string NewToken() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>The token's key in the <see cref="AccessCache"/>.</summary>
    public static TokenDigest Digest(string token) => TokenDigest.From(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
