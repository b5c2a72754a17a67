using Parley.Contracts.Users;

namespace Parley.Contracts.Friends;

public sealed record FriendResponse(PublicUser User, DateTimeOffset Since);

public sealed record FriendRequestResponse(string Id, UserSummary From, UserSummary To, DateTimeOffset CreatedAt);

public sealed record FriendRequestsResponse(IReadOnlyList<FriendRequestResponse> Incoming, IReadOnlyList<FriendRequestResponse> Outgoing);

public sealed record SendFriendRequest(string? Username);
