namespace Parley.Data.Friends;

/// <summary>A friend request that has not been answered yet.</summary>
public sealed class FriendRequest
{
    public long Id { get; set; }
    public long FromUserId { get; set; }
    public long ToUserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One row per direction, so "my friends" is a single indexed range.</summary>
public sealed class Friendship
{
    public long UserId { get; set; }
    public long FriendId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary><see cref="UserId"/> blocked <see cref="BlockedUserId"/>.</summary>
public sealed class Block
{
    public long UserId { get; set; }
    public long BlockedUserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
