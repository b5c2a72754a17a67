using Parley.Contracts.Friends;

namespace Parley.Client;

/// <summary>
/// The filters of GET /api/v1/search/messages. <see cref="Query"/> holds the terms and may carry filters too
/// (<c>from:anna has:image cats</c>); the properties are the same filters as parameters.
/// </summary>
public sealed record MessageSearchQuery(string? Query = null)
{
    /// <summary>Only this channel.</summary>
    public string? ChannelId { get; init; }

    /// <summary>Only the channels of this server.</summary>
    public string? ServerId { get; init; }

    /// <summary>Only messages by this person: a user id or a username.</summary>
    public string? AuthorId { get; init; }

    /// <summary>"file", "image" or "link".</summary>
    public string? Has { get; init; }

    /// <summary>Only messages that mention this person: a user id or a username.</summary>
    public string? Mentions { get; init; }

    public bool? Pinned { get; init; }

    public DateTimeOffset? Before { get; init; }

    public DateTimeOffset? After { get; init; }

    /// <summary>1 to 100 results a page (the server's default is 25).</summary>
    public int? Limit { get; init; }

    /// <summary>The previous page's nextCursor.</summary>
    public string? Cursor { get; init; }

    /// <summary>"newest" (the default) or "relevance".</summary>
    public string? Sort { get; init; }
}

/// <summary>
/// What asking someone to be your friend did: usually a new <see cref="Request"/>; when they had already asked you,
/// asking back accepts and <see cref="Friendship"/> is set instead.
/// </summary>
public sealed record FriendRequestResult(FriendRequestResponse? Request, FriendResponse? Friendship)
{
    public bool BecameFriends => Friendship is not null;
}
