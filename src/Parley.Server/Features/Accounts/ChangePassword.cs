using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Parley.Contracts.Accounts;
using Parley.Data;
using Parley.Data.Accounts;
using Parley.Server.Infrastructure;
using Parley.Server.Realtime;

namespace Parley.Server.Features.Accounts;

/// <summary>
/// Changes the password: the current one must be right, the new one must pass the same rules as at registration.
/// Every other browser session is then signed out (this one stays); personal tokens stay unless revokeTokens is set.
/// </summary>
public static class ChangePassword
{
    public const string WrongPasswordMessage = "The current password is wrong.";

    public static async Task<Results<NoContent, ValidationProblem, NotFound>> Handle(
        ChangePasswordRequest request,
        HttpContext context,
        UserManager<User> users,
        ParleyDbContext db,
        RealtimePublisher realtime,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Require("currentPassword", request.CurrentPassword).Require("newPassword", request.NewPassword);
        if (!string.IsNullOrEmpty(request.NewPassword))
        {
            if (request.NewPassword.Length < PasswordRules.MinLength)
            {
                errors.Add("newPassword", $"The password must be at least {PasswordRules.MinLength} characters.");
            }
            else if (string.Equals(request.NewPassword, request.CurrentPassword, StringComparison.Ordinal))
            {
                errors.Add("newPassword", "The new password must be different from the current one.");
            }
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var userId = context.User.UserId();
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return TypedResults.NotFound();
        }

        // Checks the current password, runs the password validators (Identity's and PasswordRules, as registration
        // does), stores the new hash and a new security stamp.
        var changed = await users.ChangePasswordAsync(user, request.CurrentPassword!, request.NewPassword!);
        if (!changed.Succeeded)
        {
            var refused = new FieldErrors();
            foreach (var error in changed.Errors)
            {
                if (error.Code == nameof(IdentityErrorDescriber.PasswordMismatch))
                {
                    refused.Add("currentPassword", WrongPasswordMessage);
                }
                else
                {
                    refused.Add("newPassword", error.Description);
                }
            }

            return refused.ToProblem();
        }

        await AccountSignOut.SignOutOtherSessionsAsync(db, realtime, userId, context.User.SessionId(), cancellationToken);
        if (request.RevokeTokens)
        {
            await AccountSignOut.RevokeOtherTokensAsync(db, realtime, userId, context.User.TokenId(), cancellationToken);
        }

        return TypedResults.NoContent();
    }
}

/// <summary>"Sign out all other devices": every session but this one. Personal tokens are not touched.</summary>
public static class SignOutOthers
{
    public static async Task<NoContent> Handle(HttpContext context, ParleyDbContext db, RealtimePublisher realtime, CancellationToken cancellationToken)
    {
        await AccountSignOut.SignOutOtherSessionsAsync(db, realtime, context.User.UserId(), context.User.SessionId(), cancellationToken);
        return TypedResults.NoContent();
    }
}
