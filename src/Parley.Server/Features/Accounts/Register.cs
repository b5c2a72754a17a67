using System.Net.Mail;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Parley.Contracts.Accounts;
using Parley.Contracts.Users;
using Parley.Data;
using Parley.Data.Accounts;
using Parley.Server.Features.Users;
using Parley.Server.Infrastructure;

namespace Parley.Server.Features.Accounts;

public static class Register
{
    public const int EmailMaxLength = 254;
    public const int DisplayNameMaxLength = 64;

    public static async Task<Results<Created<MeResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        RegisterRequest request,
        HttpContext context,
        UserManager<User> users,
        ParleyDbContext db,
        IdGenerator ids,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var username = request.Username?.Trim();
        var email = string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim();
        var displayName = string.IsNullOrWhiteSpace(request.DisplayName) ? null : request.DisplayName.Trim();
        var errors = Validate(username, request.Password, email, displayName);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (await users.FindByNameAsync(username!) is not null)
        {
            return await UsernameTaken(db, username!, cancellationToken);
        }

        if (email is not null && await users.FindByEmailAsync(email) is not null)
        {
            return new FieldErrors().Add("email", "This email is already registered.").ToProblem();
        }

        var user = new User
        {
            Id = ids.NextId(),
            UserName = username,
            Email = email,
            DisplayName = displayName,
            CreatedAt = time.GetUtcNow(),
            Settings = new UserSettings(),
        };

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        IdentityResult created;
        try
        {
            created = await users.CreateAsync(user, request.Password!);
        }
        catch (DbUpdateException)
        {
            // Lost a race with someone registering the same name.
            return await UsernameTaken(db, username!, cancellationToken);
        }

        if (!created.Succeeded)
        {
            if (created.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateUserName)))
            {
                return await UsernameTaken(db, username!, cancellationToken);
            }

            return IdentityErrors(created).ToProblem();
        }

        await SignInSession.StartAsync(context, db, ids, time, user);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created("/api/v1/users/me", user.ToMe());
    }

    internal static FieldErrors Validate(string? username, string? password, string? email, string? displayName)
    {
        var errors = new FieldErrors().Require("username", username).Require("password", password);
        if (!string.IsNullOrEmpty(username) && !UsernameRules.IsValid(username))
        {
            errors.Add("username", UsernameRules.FormatMessage);
        }

        if (!string.IsNullOrEmpty(password) && password.Length < PasswordRules.MinLength)
        {
            errors.Add("password", $"The password must be at least {PasswordRules.MinLength} characters.");
        }

        if (email is not null && (email.Length > EmailMaxLength || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email))
        {
            errors.Add("email", "The email address is not valid.");
        }

        return errors.MaxLength("displayName", displayName, DisplayNameMaxLength);
    }

    private static FieldErrors IdentityErrors(IdentityResult result)
    {
        var errors = new FieldErrors();
        foreach (var error in result.Errors)
        {
            var field = error.Code switch
            {
                var code when code.StartsWith("Password", StringComparison.Ordinal) => "password",
                var code when code.Contains("Email", StringComparison.Ordinal) => "email",
                _ => "username",
            };
            errors.Add(field, error.Description);
        }

        return errors;
    }

    private static async Task<ProblemHttpResult> UsernameTaken(ParleyDbContext db, string username, CancellationToken cancellationToken)
    {
        var suggestions = await UsernameRules.SuggestAsync(db, username, 4, cancellationToken);
        return TypedResults.Problem(
            title: "This username is taken.",
            statusCode: StatusCodes.Status409Conflict,
            extensions: new Dictionary<string, object?>
            {
                ["suggestions"] = suggestions,
                ["errors"] = new Dictionary<string, string[]> { ["username"] = ["This username is taken."] },
            });
    }
}

public static class UsernameAvailability
{
    public static async Task<Results<Ok<UsernameAvailabilityResponse>, ValidationProblem>> Handle(
        string? username,
        ParleyDbContext db,
        CancellationToken cancellationToken)
    {
        username = username?.Trim();
        if (!UsernameRules.IsValid(username))
        {
            return new FieldErrors().Add("username", UsernameRules.FormatMessage).ToProblem();
        }

        var normalized = UsernameRules.Normalize(username!);
        var taken = await db.Users.AnyAsync(u => u.NormalizedUserName == normalized, cancellationToken);
        var suggestions = taken ? await UsernameRules.SuggestAsync(db, username!, 4, cancellationToken) : [];
        return TypedResults.Ok(new UsernameAvailabilityResponse(!taken, suggestions));
    }
}
