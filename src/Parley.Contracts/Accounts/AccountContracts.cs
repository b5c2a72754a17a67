namespace Parley.Contracts.Accounts;

public sealed record RegisterRequest(string? Username, string? Password, string? Email, string? DisplayName);

public sealed record LoginRequest(string? Login, string? Password);

public sealed record UsernameAvailabilityResponse(bool Available, IReadOnlyList<string> Suggestions);

public sealed record SessionResponse(
    string Id,
    string? UserAgent,
    string? IpAddress,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastSeenAt,
    bool Current);

public sealed record CreateTokenRequest(string? Login, string? Password, string? Name);

/// <summary>The only time the secret is shown; the server keeps just its hash.</summary>
public sealed record CreatedTokenResponse(string Id, string Name, string Token, DateTimeOffset CreatedAt);

public sealed record TokenResponse(string Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt);

/// <summary>A new password; every other browser session is signed out. RevokeTokens also revokes your personal tokens.</summary>
public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword, bool RevokeTokens = false);

/// <summary>Your password, to confirm that you mean to delete your account.</summary>
public sealed record DeleteAccountRequest(string? Password);
