using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parley.Data;
using Parley.Server.Infrastructure;

namespace Parley.Server.Features.Accounts;

/// <summary>Authenticates personal access tokens: "Authorization: Bearer pat_..." or, for the hub, ?access_token=.</summary>
public sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IServiceScopeFactory scopes,
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

        // A scope of its own: the hub's request (and anything resolved from it) lives as long as the connection,
        // and a DbContext held for every idle connection costs tens of kilobytes each.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        var hash = Hash(token);
        var found = await FindToken.For(db)(db, hash, Context.RequestAborted);
        if (found is null)
        {
            return AuthenticateResult.Fail("Unknown or revoked token.");
        }

        var now = time.GetUtcNow();
        if (found.LastUsedAt is null || now - found.LastUsedAt > LastUsedResolution)
        {
            await db.PersonalAccessTokens.Where(t => t.Id == found.Id)
                .ExecuteUpdateAsync(t => t.SetProperty(x => x.LastUsedAt, now), Context.RequestAborted);
        }

        var principal = AuthSetup.CreatePrincipal(found.UserId, found.UserName!, AuthSetup.BearerScheme, AuthSetup.TokenIdClaim, found.Id);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, AuthSetup.BearerScheme));
    }

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

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
