using Parley.Contracts.Channels;

namespace Parley.Data.Conversations;

/// <summary>Every conversation is a channel: direct, group, secret, or a server's text channel or category.</summary>
public sealed class Channel
{
    public long Id { get; set; }
    public ChannelType Type { get; set; }
    public string? Name { get; set; }
    public long? OwnerId { get; set; }
    public long? ServerId { get; set; }
    public long? ParentId { get; set; }
    public string? Topic { get; set; }
    public int Position { get; set; }

    /// <summary>For direct channels: "smallerId:largerId", unique, so a pair always gets the same channel.</summary>
    public string? DirectKey { get; set; }

    public long? LastMessageId { get; set; }

    /// <summary>Storage key prefix of a group's picture; null for none.</summary>
    public string? IconKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<ChannelRecipient> Recipients { get; set; } = [];
}

/// <summary>A member of a direct, group or secret channel.</summary>
public sealed class ChannelRecipient
{
    public long ChannelId { get; set; }
    public long UserId { get; set; }
    public DateTimeOffset JoinedAt { get; set; }
}

/// <summary>What one user has of one channel: read position, mute, draft. The server is the one source of truth.</summary>
public sealed class ChannelUserState
{
    public long UserId { get; set; }
    public long ChannelId { get; set; }
    public long LastReadMessageId { get; set; }
    public DateTimeOffset? MutedUntil { get; set; }
    public bool MutedForever { get; set; }
    public string? Draft { get; set; }
    public DateTimeOffset? DraftUpdatedAt { get; set; }
}
