namespace Parley.Data.Accounts;

/// <summary>A signed-in browser or device. Deleting the row signs that device out at once.</summary>
public sealed class UserSession
{
    public long Id { get; set; }
    public long UserId { get; set; }
    public string? UserAgent { get; set; }
    public string? IpAddress { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
}
