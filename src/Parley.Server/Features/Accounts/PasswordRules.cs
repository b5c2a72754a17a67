using Microsoft.AspNetCore.Identity;
using Parley.Data.Accounts;

namespace Parley.Server.Features.Accounts;

/// <summary>Password policy beyond Identity's length and variety checks.</summary>
public sealed class PasswordRules : IPasswordValidator<User>
{
    public const int MinLength = 8;
    public const int MaxLength = 128;

    public Task<IdentityResult> ValidateAsync(UserManager<User> manager, User user, string? password)
    {
        if (password is null)
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "PasswordRequired", Description = "The password field is required." }));
        }

        if (password.Length > MaxLength)
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "PasswordTooLong", Description = $"The password must be at most {MaxLength} characters." }));
        }

        if (user.UserName is not null && string.Equals(password, user.UserName, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "PasswordIsUsername", Description = "The password must not be the same as the username." }));
        }

        return Task.FromResult(IdentityResult.Success);
    }
}
