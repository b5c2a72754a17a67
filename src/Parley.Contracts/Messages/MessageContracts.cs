using Parley.Contracts.Files;
using Parley.Contracts.Users;

namespace Parley.Contracts.Messages;

public sealed record MessageResponse(
    string Id,
    string ChannelId,
    UserSummary Author,
    string Content,
    string? Nonce,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EditedAt,
    ReplyPreview? ReplyTo,
    IReadOnlyList<UserSummary> Mentions,
    IReadOnlyList<ReactionSummary> Reactions,
    bool Pinned,
    IReadOnlyList<AttachmentResponse> Attachments);

/// <summary>The quoted message above a reply; <see cref="Deleted"/> when it is gone.</summary>
public sealed record ReplyPreview(string Id, UserSummary? Author, string? Content, bool Deleted);

/// <summary><see cref="UserIds"/> lists up to 20 of the people who reacted.</summary>
public sealed record ReactionSummary(string Emoji, int Count, bool Me, IReadOnlyList<string> UserIds);

/// <summary>Text, files (uploaded first with POST /api/v1/attachments), or both.</summary>
public sealed record SendMessageRequest(string? Content, string? Nonce, string? ReplyToId, IReadOnlyList<string>? AttachmentIds = null);

public sealed record EditMessageRequest(string? Content);

public sealed record MessageVersion(string Content, DateTimeOffset At);
