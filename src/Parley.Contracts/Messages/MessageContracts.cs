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
    IReadOnlyList<AttachmentResponse> Attachments,
    PollResponse? Poll = null,
    StickerResponse? Sticker = null,
    bool MentionsEveryone = false,
    IReadOnlyList<string>? MentionRoleIds = null);

/// <summary>The quoted message above a reply; <see cref="Deleted"/> when it is gone.</summary>
public sealed record ReplyPreview(string Id, UserSummary? Author, string? Content, bool Deleted);

/// <summary><see cref="UserIds"/> lists up to 20 of the people who reacted.</summary>
public sealed record ReactionSummary(string Emoji, int Count, bool Me, IReadOnlyList<string> UserIds);

/// <summary>Text, files (uploaded first with POST /api/v1/attachments), or both; or a poll; or a server sticker.</summary>
public sealed record SendMessageRequest(
    string? Content,
    string? Nonce,
    string? ReplyToId,
    IReadOnlyList<string>? AttachmentIds = null,
    PollRequest? Poll = null,
    string? StickerId = null);

public sealed record EditMessageRequest(string? Content);

public sealed record MessageVersion(string Content, DateTimeOffset At);

/// <summary>A poll to post: 2 to 10 options, open from 5 minutes to a year.</summary>
public sealed record PollRequest(string? Question, IReadOnlyList<string>? Options, bool AllowMultiple, int? DurationMinutes);

/// <summary><see cref="MyVotes"/> are the reader's own choices; everything else is the same for every reader.</summary>
public sealed record PollResponse(
    string Question,
    IReadOnlyList<PollOptionResponse> Options,
    bool AllowMultiple,
    DateTimeOffset ExpiresAt,
    bool Closed,
    int TotalVoters,
    IReadOnlyList<string> MyVotes);

public sealed record PollOptionResponse(string Id, string Text, int Votes);

public sealed record PollVoteRequest(IReadOnlyList<string>? OptionIds);

/// <summary>A sticker as shown in a message or a picker; <see cref="Url"/> serves the image.</summary>
public sealed record StickerResponse(string Id, string ServerId, string Name, string? Description, string Url, int Width, int Height);
