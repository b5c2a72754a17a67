using Parley.Contracts.Messages;

namespace Parley.Contracts.Search;

/// <summary>A page of results; <see cref="NextCursor"/> goes in <c>cursor</c> for the next page (null at the end).</summary>
public sealed record MessageSearchResponse(int TotalCount, IReadOnlyList<MessageSearchHit> Messages, string? NextCursor);

/// <summary>A found message with a snippet of its text and where the search terms are in the snippet.</summary>
public sealed record MessageSearchHit(MessageResponse Message, string Snippet, IReadOnlyList<TextRange> Highlights);

public sealed record TextRange(int Start, int Length);
