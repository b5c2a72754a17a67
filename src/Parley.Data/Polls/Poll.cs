namespace Parley.Data.Polls;

/// <summary>A poll carried by a message; it shares the message's id and lives and dies with it.</summary>
public sealed class Poll
{
    public long MessageId { get; set; }
    public long ChannelId { get; set; }
    public required string Question { get; set; }
    public bool AllowMultiple { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>Set when the author or a moderator ends the poll before it expires.</summary>
    public DateTimeOffset? ClosedAt { get; set; }
}

public sealed class PollOption
{
    public long Id { get; set; }
    public long MessageId { get; set; }
    public int Position { get; set; }
    public required string Text { get; set; }
}

public sealed class PollVote
{
    public long MessageId { get; set; }
    public long OptionId { get; set; }
    public long UserId { get; set; }
}
