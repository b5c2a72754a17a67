namespace Parley.Data.Accounts;

/// <summary>A bearer token for the SDK, the CLI and bots. Only a SHA-256 hash of the secret is stored.</summary>
public sealed class PersonalAccessToken
{
    public long Id { get; set; }
    public long UserId { get; set; }
    public required string Name { get; set; }
    public required string TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
}
