using Parley.Server.Infrastructure;

namespace Parley.Server.Features.Accounts;

public static class AccountsEndpoints
{
    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v1/auth").WithTags("Auth");
        auth.MapPost("/register", Register.Handle).AllowAnonymous().RequireRateLimiting(RateLimits.Auth)
            .WithSummary("Create an account and sign in.");
        auth.MapGet("/username-availability", UsernameAvailability.Handle).AllowAnonymous()
            .WithSummary("Whether a username is free, with free alternatives when it is not.");
        auth.MapPost("/login", Login.Handle).AllowAnonymous().RequireRateLimiting(RateLimits.Auth)
            .WithSummary("Sign in with a username or email and a password.");
        auth.MapPost("/logout", Logout.Handle).WithSummary("Sign this browser out.");
        auth.MapGet("/antiforgery", AntiforgeryToken.Handle).AllowAnonymous()
            .WithSummary("Sets the XSRF-TOKEN cookie whose value cookie-authenticated writes send as X-XSRF-TOKEN.");
        auth.MapGet("/sessions", Sessions.List).WithSummary("The signed-in browsers and devices.");
        auth.MapDelete("/sessions/{id:long}", Sessions.Revoke).WithSummary("Sign a device out.");
        auth.MapPost("/tokens", Tokens.Create).AllowAnonymous().RequireRateLimiting(RateLimits.Auth)
            .WithSummary("Create a personal bearer token for the SDK, the CLI or a bot.");
        auth.MapGet("/tokens", Tokens.List).WithSummary("Your personal bearer tokens (without their secrets).");
        auth.MapDelete("/tokens/{id:long}", Tokens.Revoke).WithSummary("Revoke a personal bearer token.");
        auth.MapPost("/password", ChangePassword.Handle).RequireRateLimiting(RateLimits.Auth)
            .WithSummary("Change your password; every other session is signed out (personal tokens too with revokeTokens).");
        auth.MapPost("/sessions/sign-out-others", SignOutOthers.Handle).WithSummary("Sign out every device but this one.");
        app.MapDelete("/api/v1/users/me", DeleteAccount.Handle).WithTags("Users").RequireRateLimiting(RateLimits.Auth)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Delete your account (password in the body): anonymised, its messages stay. Owners of servers get 409.");
        return app;
    }
}
