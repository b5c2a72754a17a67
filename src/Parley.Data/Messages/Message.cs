namespace Parley.Data.Messages;

public sealed class Message
{
    public long Id { get; set; }
    public long ChannelId { get; set; }
    public long AuthorId { get; set; }
    public required string Content { get; set; }

    /// <summary>The content folded for search (upper case, Latin accents removed); kept in step by every write of Content.</summary>
    public string SearchText { get; set; } = "";

    /// <summary>The client's idempotency key: the same author and nonce give back this message instead of a new one.</summary>
    public string? Nonce { get; set; }

    public long? ReplyToId { get; set; }
    public DateTimeOffset? EditedAt { get; set; }
    public DateTimeOffset? PinnedAt { get; set; }
    public long? PinnedById { get; set; }

    /// <summary>Set when the author could and did write @everyone or @here; counted as a mention for every member who can read the channel.</summary>
    public bool MentionsEveryone { get; set; }

    /// <summary>A server sticker sent as the message.</summary>
    public long? StickerId { get; set; }

    /// <summary>
    /// Which kinds of rows may hang off this message, so that a page of history looks up only those: a bit is set
    /// whenever such a row is (or may be) attached. A set bit without rows only costs a look-up; a clear bit with rows
    /// hides them, so every write that adds a row sets its bit (with an atomic OR, never from a value read earlier).
    /// </summary>
    public MessageExtras Extras { get; set; }
}

/// <summary>The kinds of rows that may belong to a message; see <see cref="Message.Extras"/>. Stored as an int.</summary>
[Flags]
public enum MessageExtras
{
    None = 0,
    Reactions = 1,
    Mentions = 2,
    RoleMentions = 4,
    Attachments = 8,
    Poll = 16,
}

/// <summary>The text a message had before an edit.</summary>
public sealed class MessageEdit
{
    public long Id { get; set; }
    public long MessageId { get; set; }
    public required string PreviousContent { get; set; }
    public DateTimeOffset EditedAt { get; set; }
}

public sealed class Reaction
{
    public long MessageId { get; set; }
    public long UserId { get; set; }
    public required string Emoji { get; set; }
    public long ChannelId { get; set; }
}

/// <summary>A user mentioned in a message; drives mention counts, notifications and the mentions search filter.</summary>
public sealed class Mention
{
    public long MessageId { get; set; }
    public long UserId { get; set; }
    public long ChannelId { get; set; }
}

/// <summary>A mentionable role mentioned in a message; counted as a mention for everyone holding the role.</summary>
public sealed class RoleMention
{
    public long MessageId { get; set; }
    public long RoleId { get; set; }
    public long ChannelId { get; set; }
}
