using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Parley.Contracts.Accounts;
using Parley.Data;
using Parley.Data.Accounts;
using Parley.Server.Infrastructure;

namespace Parley.Server.Features.Accounts;

/// <summary>Personal bearer tokens for the SDK, the CLI and bots.</summary>
public static class Tokens
{
    public const int NameMaxLength = 64;
    public const int MaxTokensPerUser = 50;

    public static async Task<Results<Created<CreatedTokenResponse>, ValidationProblem, ProblemHttpResult, EmptyHttpResult>> Create(
        CreateTokenRequest request,
        HttpContext context,
        Credentials credentials,
        ParleyDbContext db,
        IdGenerator ids,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var name = request.Name?.Trim();
        var errors = new FieldErrors()
            .Require("login", request.Login)
            .Require("password", request.Password)
            .Require("name", name)
            .MaxLength("name", name, NameMaxLength);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        User user;
        switch (await credentials.CheckAsync(request.Login!.Trim(), request.Password!))
        {
            case Credentials.Valid valid:
                user = valid.User;
                break;
            case Credentials.LockedOut locked:
                await RateLimits.WriteTooManyRequestsAsync(context, locked.RetryAfter, Login.LockedOutTitle);
                return TypedResults.Empty;
            default:
                return TypedResults.Problem(title: "Wrong username or password.", statusCode: StatusCodes.Status401Unauthorized);
        }

        if (await db.PersonalAccessTokens.CountAsync(t => t.UserId == user.Id, cancellationToken) >= MaxTokensPerUser)
        {
            return new FieldErrors().Add("name", $"You can have at most {MaxTokensPerUser} tokens; revoke one first.").ToProblem();
        }

        var secret = BearerTokenHandler.NewToken();
        var token = new PersonalAccessToken
        {
            Id = ids.NextId(),
            UserId = user.Id,
            Name = name!,
            TokenHash = BearerTokenHandler.Hash(secret),
            CreatedAt = time.GetUtcNow(),
        };
        db.PersonalAccessTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        var id = token.Id.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Created($"/api/v1/auth/tokens/{id}", new CreatedTokenResponse(id, token.Name, secret, token.CreatedAt));
    }

    public static async Task<Ok<List<TokenResponse>>> List(HttpContext context, ParleyDbContext db, CancellationToken cancellationToken)
    {
        var userId = context.User.UserId();
        var tokens = await db.PersonalAccessTokens
            .Where(t => t.UserId == userId)
            .OrderByDescending(t => t.Id)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(tokens
            .Select(t => new TokenResponse(t.Id.ToString(CultureInfo.InvariantCulture), t.Name, t.CreatedAt, t.LastUsedAt))
            .ToList());
    }

    /// <summary>The token's next request is refused, and the hub connections opened with it are told and closed.</summary>
    public static async Task<Results<NoContent, NotFound>> Revoke(
        long id, HttpContext context, ParleyDbContext db, Realtime.RealtimePublisher realtime, CancellationToken cancellationToken)
    {
        var userId = context.User.UserId();
        var deleted = await db.PersonalAccessTokens.Where(t => t.Id == id && t.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        if (deleted == 0)
        {
            return TypedResults.NotFound();
        }

        await realtime.CloseTokensAsync(userId, [id]);
        return TypedResults.NoContent();
    }
}
