using Parley.Contracts.Messages;

namespace Parley.Contracts.Search;

/// <summary>
/// A page of results; <see cref="NextCursor"/> goes in <c>cursor</c> for the next page (null at the end).
/// <see cref="TotalCount"/> counts every match, on every page, but stops at 1,000: when more match, it is 1,000 and
/// <see cref="TotalIsLowerBound"/> is true (shown as "1,000+").
/// </summary>
public sealed record MessageSearchResponse(int TotalCount, IReadOnlyList<MessageSearchHit> Messages, string? NextCursor, bool TotalIsLowerBound = false);

/// <summary>A found message with a snippet of its text and where the search terms are in the snippet.</summary>
public sealed record MessageSearchHit(MessageResponse Message, string Snippet, IReadOnlyList<TextRange> Highlights);

public sealed record TextRange(int Start, int Length);
