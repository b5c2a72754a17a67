using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Parley.Contracts.Accounts;
using Parley.Contracts.Users;
using Parley.Data;
using Parley.Server.Features.Users;
using Parley.Server.Infrastructure;

namespace Parley.Server.Features.Accounts;

public static class Login
{
    public const string LockedOutTitle = "Too many failed sign-ins. Please wait before trying again.";

    public static async Task<Results<Ok<MeResponse>, ValidationProblem, ProblemHttpResult, EmptyHttpResult>> Handle(
        LoginRequest request,
        HttpContext context,
        Credentials credentials,
        ParleyDbContext db,
        IdGenerator ids,
        TimeProvider time)
    {
        var errors = new FieldErrors().Require("login", request.Login).Require("password", request.Password);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        switch (await credentials.CheckAsync(request.Login!.Trim(), request.Password!))
        {
            case Credentials.Valid valid:
                await SignInSession.StartAsync(context, db, ids, time, valid.User);
                return TypedResults.Ok(valid.User.ToMe());
            case Credentials.LockedOut locked:
                await RateLimits.WriteTooManyRequestsAsync(context, locked.RetryAfter, LockedOutTitle);
                return TypedResults.Empty;
            default:
                return TypedResults.Problem(title: "Wrong username or password.", statusCode: StatusCodes.Status401Unauthorized);
        }
    }
}

public static class Logout
{
    public static async Task<NoContent> Handle(HttpContext context, ParleyDbContext db, CancellationToken cancellationToken)
    {
        if (context.User.SessionId() is { } sessionId)
        {
            await db.UserSessions.Where(s => s.Id == sessionId).ExecuteDeleteAsync(cancellationToken);
            await context.SignOutAsync(AuthSetup.CookieScheme);
            context.User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity());
            AntiforgeryChecks.IssueTokens(context);
        }

        return TypedResults.NoContent();
    }
}

public static class AntiforgeryToken
{
    public static NoContent Handle(HttpContext context)
    {
        AntiforgeryChecks.IssueTokens(context);
        return TypedResults.NoContent();
    }
}
