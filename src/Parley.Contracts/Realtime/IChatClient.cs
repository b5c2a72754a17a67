using Parley.Contracts.Channels;
using Parley.Contracts.Friends;
using Parley.Contracts.Messages;
using Parley.Contracts.Users;

namespace Parley.Contracts.Realtime;

/// <summary>The events the server pushes over the hub at /hub; each method name is the event name.</summary>
public interface IChatClient
{
    Task MessageCreated(MessageResponse message);
    Task MessageUpdated(MessageResponse message);
    Task MessageDeleted(MessageDeletedEvent deleted);
    Task ReactionAdded(ReactionEvent reaction);
    Task ReactionRemoved(ReactionEvent reaction);
    Task PinsChanged(ChannelRef channel);
    Task TypingStarted(TypingEvent typing);
    Task PresenceChanged(PresenceEvent presence);
    Task ReadStateChanged(ReadStateResponse readState);
    Task ReadReceiptUpdated(ReadReceiptEvent receipt);
    Task ChannelCreated(ChannelRef channel);
    Task ChannelUpdated(ChannelRef channel);
    Task ChannelDeleted(ChannelRef channel);
    Task MemberJoined(MemberEvent member);
    Task MemberLeft(MemberEvent member);
    Task FriendRequestReceived(FriendRequestResponse request);
    Task FriendRequestRemoved(FriendRequestRemovedEvent request);
    Task FriendAdded(FriendResponse friendship);
    Task FriendRemoved(UserRef user);
    Task DraftChanged(DraftEvent draft);
    Task SessionRevoked();
    Task ServerUpdated(ServerRef server);
    Task ServerDeleted(ServerRef server);
    Task ServerMemberJoined(ServerMemberEvent member);
    Task ServerMemberLeft(ServerMemberEvent member);
    Task ServerMemberUpdated(ServerMemberEvent member);
    Task PollUpdated(PollUpdatedEvent poll);
    Task EmojiChanged(ServerRef server);
}

public sealed record ServerRef(string ServerId);

public sealed record ServerMemberEvent(string ServerId, string UserId);

public sealed record MessageDeletedEvent(string ChannelId, string Id);

public sealed record ReactionEvent(string ChannelId, string MessageId, string Emoji, string UserId);

public sealed record ChannelRef(string ChannelId);

public sealed record UserRef(string UserId);

public sealed record TypingEvent(string ChannelId, string UserId, string Username);

public sealed record PresenceEvent(string UserId, VisiblePresence Presence, DateTimeOffset? LastSeenAt);

public sealed record ReadReceiptEvent(string ChannelId, string UserId, string LastReadId);

public sealed record MemberEvent(string ChannelId, UserSummary User);

public sealed record FriendRequestRemovedEvent(string Id);

public sealed record DraftEvent(string ChannelId, string? Content);

/// <summary>New tallies for everyone watching the channel; each client keeps its own votes (no per-reader copy).</summary>
public sealed record PollUpdatedEvent(string ChannelId, string MessageId, IReadOnlyList<PollOptionResponse> Options, int TotalVoters, bool Closed);
