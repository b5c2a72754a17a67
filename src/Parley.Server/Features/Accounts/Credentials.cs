using Microsoft.AspNetCore.Identity;
using Parley.Data.Accounts;

namespace Parley.Server.Features.Accounts;

/// <summary>Checks a login (username or email) and password, counting failures towards lockout.</summary>
public sealed class Credentials(UserManager<User> users, TimeProvider time)
{
    public abstract record Outcome;
    public sealed record Valid(User User) : Outcome;
    public sealed record Invalid : Outcome;
    public sealed record LockedOut(TimeSpan RetryAfter) : Outcome;

    // Hashed when the login is unknown, so a wrong username takes as long as a wrong password.
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<User>().HashPassword(new User(), "not-a-real-password"));

    public async Task<Outcome> CheckAsync(string login, string password)
    {
        var user = login.Contains('@', StringComparison.Ordinal)
            ? await users.FindByEmailAsync(login) ?? await users.FindByNameAsync(login)
            : await users.FindByNameAsync(login);
        if (user is null)
        {
            users.PasswordHasher.VerifyHashedPassword(new User(), DummyHash.Value, password);
            return new Invalid();
        }

        if (await users.IsLockedOutAsync(user))
        {
            return new LockedOut(RetryAfter(user));
        }

        // CheckPasswordAsync also re-hashes a password stored with an older, weaker setting.
        if (await users.CheckPasswordAsync(user, password))
        {
            await users.ResetAccessFailedCountAsync(user);
            return new Valid(user);
        }

        await users.AccessFailedAsync(user);
        return await users.IsLockedOutAsync(user) ? new LockedOut(RetryAfter(user)) : new Invalid();
    }

    private TimeSpan RetryAfter(User user) =>
        user.LockoutEnd is { } end ? end - time.GetUtcNow() : TimeSpan.FromMinutes(1);
}
