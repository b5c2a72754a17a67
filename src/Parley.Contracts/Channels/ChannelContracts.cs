using System.Text.Json.Serialization;
using Parley.Contracts.Messages;
using Parley.Contracts.Users;

namespace Parley.Contracts.Channels;

[JsonConverter(typeof(JsonStringEnumConverter<ChannelType>))]
public enum ChannelType
{
    [JsonStringEnumMemberName("direct")] Direct,
    [JsonStringEnumMemberName("group")] Group,
    [JsonStringEnumMemberName("secret")] Secret,
    [JsonStringEnumMemberName("text")] Text,
    [JsonStringEnumMemberName("category")] Category,
}

/// <summary>A direct or group chat as the viewer sees it in their chat list.</summary>
public sealed record ChannelResponse(
    string Id,
    ChannelType Type,
    string? Name,
    string? OwnerId,
    IReadOnlyList<PublicUser> Recipients,
    MessageResponse? LastMessage,
    string LastReadId,
    int UnreadCount,
    int MentionCount,
    bool Muted,
    DateTimeOffset? MutedUntil,
    string? Draft,
    DateTimeOffset CreatedAt,
    string? IconUrl = null);

/// <summary>One recipient: the direct chat with them (always the same one). More: a new group.</summary>
public sealed record CreateChannelRequest(IReadOnlyList<string>? RecipientIds, string? Name);

/// <summary>Groups use only <see cref="Name"/>; server channels also topic, category (parentId, "" for none) and position.</summary>
public sealed record UpdateChannelRequest(string? Name, string? Topic = null, string? ParentId = null, int? Position = null);

public sealed record MarkReadRequest(string? MessageId);

public sealed record ReadStateResponse(string ChannelId, string LastReadId, int UnreadCount, int MentionCount);

public sealed record DraftRequest(string? Content);

/// <summary>Mute until a time, or for good when <see cref="Until"/> is left out.</summary>
public sealed record MuteRequest(DateTimeOffset? Until);

/// <summary>How far another member has read (only for members who share read receipts).</summary>
public sealed record ReadReceipt(string UserId, string LastReadId);
