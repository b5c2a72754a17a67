using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Parley.Contracts.Search;
using Parley.Data;
using Parley.Data.Messages;
using Parley.Server.Features.Accounts;
using Parley.Server.Features.Conversations;
using Parley.Server.Features.Messages;
using Parley.Server.Infrastructure;

namespace Parley.Server.Features.Search;

/// <summary>
/// GET /api/v1/search/messages: every term must occur (as a whole or partial word, in any script, ignoring case and
/// Latin accents) in a message of a channel the searcher can read now. Filters come as parameters or typed in q.
/// </summary>
public static class MessageSearch
{
    public const int DefaultLimit = 25;
    public const int MaxLimit = 100;
    public const int SnippetLength = 160;

    /// <summary>The total stops counting here; more matches are reported as this many, marked as a lower bound.</summary>
    public const int CountCap = 1000;

    private const int MinFtsBatch = 64;
    private const int MaxFtsBatch = 4096;

    public static async Task<Results<Ok<MessageSearchResponse>, ValidationProblem>> Handle(
        string? q,
        string? channelId,
        string? serverId,
        string? authorId,
        string? has,
        string? mentions,
        bool? pinned,
        DateTimeOffset? before,
        DateTimeOffset? after,
        int? limit,
        string? cursor,
        string? sort,
        HttpContext context,
        ParleyDbContext db,
        ChannelAccess access,
        MessageMapper mapper,
        CancellationToken cancellationToken)
    {
        var parsed = SearchQuery.Parse(q);
        var take = limit ?? DefaultLimit;
        var errors = new FieldErrors().MaxLength("q", q, 500);
        if (take is < 1 or > MaxLimit)
        {
            errors.Add("limit", $"The limit must be between 1 and {MaxLimit}.");
        }

        var hasFilter = has ?? parsed.Has;
        if (hasFilter is not (null or "file" or "image" or "link"))
        {
            errors.Add("has", "The has filter is file, image or link.");
        }

        if (sort is not (null or "newest" or "relevance"))
        {
            errors.Add("sort", "The sort is newest or relevance.");
        }

        long cursorId = 0;
        if (cursor is not null && !Ids.TryParse(cursor, out cursorId))
        {
            errors.Add("cursor", "The cursor is the nextCursor of the previous page.");
        }

        var terms = parsed.Terms.Select(SearchQuery.Fold).Where(t => t.Length > 0).ToList();
        var anyFilter = channelId ?? serverId ?? authorId ?? hasFilter ?? mentions ?? parsed.From ?? parsed.In ?? parsed.Mentions;
        if (terms.Count == 0 && anyFilter is null && pinned is null && parsed.Pinned is null)
        {
            errors.Add("q", "Type something to search for, or use a filter.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var me = context.User.UserId();
        var readable = await access.ReadableChannelIdsAsync(me, cancellationToken);
        var inChannel = channelId ?? parsed.In;
        if (inChannel is not null)
        {
            readable = Ids.TryParse(inChannel, out var only) && readable.Contains(only) ? [only] : [];
        }

        if (serverId is not null)
        {
            var serverChannels = Ids.TryParse(serverId, out var sid)
                ? await db.Channels.Where(c => c.ServerId == sid).Select(c => c.Id).ToListAsync(cancellationToken)
                : [];
            readable = readable.Intersect(serverChannels).ToList();
        }

        // On SQLite, terms of three characters or more go through the FTS5 trigram index (as one MATCH expression);
        // shorter ones, and every term on PostgreSQL (whose trigram GIN index serves LIKE), filter the text with LIKE.
        var sqlite = db.Database.IsSqlite();
        var ftsTerms = sqlite ? terms.Where(t => t.Length >= 3).ToList() : [];
        // With index matches, the ids come from the index: "+ 0" keeps SQLite from probing (ChannelId, Id) once per
        // readable channel and id, so it looks each id up by primary key and checks the channel there.
        IQueryable<Message> query = ftsTerms.Count > 0
            ? db.Messages.AsNoTracking().Where(m => readable.Contains(m.ChannelId + 0))
            : db.Messages.AsNoTracking().Where(m => readable.Contains(m.ChannelId));
        foreach (var term in terms.Where(t => !(sqlite && t.Length >= 3)))
        {
            var pattern = "%" + LikePattern.Escape(term) + "%";
            query = query.Where(m => EF.Functions.Like(m.SearchText, pattern, LikePattern.EscapeCharacter));
        }

        var author = authorId ?? parsed.From;
        if (author is not null)
        {
            var authorIdValue = await ResolveUserAsync(db, author, cancellationToken);
            query = query.Where(m => m.AuthorId == authorIdValue);
        }

        var mentioned = mentions ?? parsed.Mentions;
        if (mentioned is not null)
        {
            var mentionedId = await ResolveUserAsync(db, mentioned, cancellationToken);
            query = query.Where(m => db.Mentions.Any(x => x.MessageId == m.Id && x.UserId == mentionedId));
        }

        query = hasFilter switch
        {
            "file" => query.Where(m => db.Attachments.Any(a => a.MessageId == m.Id)),
            "image" => query.Where(m => db.Attachments.Any(a => a.MessageId == m.Id && a.ThumbnailKey != null)),
            "link" => query.Where(m => m.SearchText.Contains("HTTP://") || m.SearchText.Contains("HTTPS://")),
            _ => query,
        };

        if ((pinned ?? parsed.Pinned) is { } isPinned)
        {
            query = isPinned ? query.Where(m => m.PinnedAt != null) : query.Where(m => m.PinnedAt == null);
        }

        if ((before ?? parsed.Before) is { } until)
        {
            var bound = IdGenerator.MinIdAt(until);
            query = query.Where(m => m.Id < bound);
        }

        if ((after ?? parsed.After) is { } since)
        {
            var bound = IdGenerator.MinIdAt(since);
            query = query.Where(m => m.Id >= bound);
        }

        int counted;
        List<Message> page;
        if (ftsTerms.Count > 0 && sort != "relevance")
        {
            // Newest first on SQLite: walk the FTS index from the newest match down, a batch at a time, and keep the
            // ids the other conditions accept, so neither the count nor the page builds the whole match set.
            var match = FtsExpression(ftsTerms);
            var newest = await NewestMatchIdsAsync(db, match, query, long.MaxValue, CountCap + 1, cancellationToken);
            counted = newest.Count;
            var pageIds = cursorId == 0
                ? newest.Take(take).ToList()
                : await NewestMatchIdsAsync(db, match, query, cursorId, take, cancellationToken);
            page = (await db.Messages.AsNoTracking().Where(m => pageIds.Contains(m.Id)).ToListAsync(cancellationToken))
                .OrderByDescending(m => m.Id).ToList();
        }
        else
        {
            if (ftsTerms.Count > 0)
            {
                // Relevance needs every match to order them: the whole match set, from the FTS index.
                var matches = db.Database.SqlQuery<long>($"SELECT rowid AS \"Value\" FROM \"MessagesFts\" WHERE \"MessagesFts\" MATCH {FtsExpression(ftsTerms)}");
                query = query.Where(m => matches.Contains(m.Id));
            }

            counted = await query.Take(CountCap + 1).CountAsync(cancellationToken);
            page = sort == "relevance"
                ? await query.OrderBy(m => m.Content.Length).ThenByDescending(m => m.Id).Skip(cursorId == 0 ? 0 : (int)Math.Min(cursorId, int.MaxValue)).Take(take).ToListAsync(cancellationToken)
                : await query.Where(m => cursorId == 0 || m.Id < cursorId).OrderByDescending(m => m.Id).Take(take).ToListAsync(cancellationToken);
        }

        var mapped = await mapper.MapAsync(me, page, cancellationToken);
        var hits = mapped.Select(m => Hit(m, terms)).ToList();
        string? next = page.Count < take
            ? null
            : sort == "relevance" ? Ids.Format((cursorId == 0 ? 0 : cursorId) + take) : Ids.Format(page[^1].Id);
        return TypedResults.Ok(new MessageSearchResponse(Math.Min(counted, CountCap), hits, next, counted > CountCap));
    }

    /// <summary>Every term as a quoted FTS5 phrase (a substring, with the trigram tokenizer), all of them required.</summary>
    private static string FtsExpression(IEnumerable<string> terms) =>
        string.Join(" AND ", terms.Select(t => "\"" + t.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));

    /// <summary>
    /// Up to <paramref name="want"/> ids of messages below <paramref name="below"/>, newest first, that match the FTS
    /// expression and that <paramref name="filtered"/> (readable channel and the other filters) accepts. Reads FTS
    /// rowids (message ids) newest first in growing batches and stops once it has enough or the index has no more.
    /// </summary>
    private static async Task<List<long>> NewestMatchIdsAsync(
        ParleyDbContext db, string match, IQueryable<Message> filtered, long below, int want, CancellationToken cancellationToken)
    {
        var found = new List<long>(want);
        var batch = Math.Clamp(want * 2, MinFtsBatch, MaxFtsBatch);
        while (found.Count < want)
        {
            var ids = await db.Database
                .SqlQuery<long>($"SELECT rowid AS \"Value\" FROM \"MessagesFts\" WHERE \"MessagesFts\" MATCH {match} AND rowid < {below} ORDER BY rowid DESC LIMIT {batch}")
                .ToListAsync(cancellationToken);
            if (ids.Count == 0)
            {
                break;
            }

            // One JSON parameter for the batch (not one parameter per id), and no ORDER BY, so SQLite looks the ids up by
            // primary key rather than walking the table in id order.
            var kept = await filtered.Where(m => EF.Parameter(ids).Contains(m.Id)).Select(m => m.Id).ToListAsync(cancellationToken);
            kept.Sort();
            for (var i = kept.Count - 1; i >= 0 && found.Count < want; i--)
            {
                found.Add(kept[i]);
            }

            if (ids.Count < batch)
            {
                break;
            }

            below = ids[^1];
            batch = Math.Min(batch * 4, MaxFtsBatch);
        }

        return found;
    }

    private static async Task<long> ResolveUserAsync(ParleyDbContext db, string value, CancellationToken cancellationToken)
    {
        if (Ids.TryParse(value, out var id))
        {
            return id;
        }

        var normalized = value.TrimStart('@').ToUpperInvariant();
        return await db.Users.Where(u => u.NormalizedUserName == normalized).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>A window of the text around the first match, with every term's occurrences in it marked.</summary>
    internal static MessageSearchHit Hit(Contracts.Messages.MessageResponse message, IReadOnlyList<string> foldedTerms)
    {
        var content = message.Content;
        var folded = SearchQuery.Fold(content);
        var aligned = folded.Length == content.Length;
        var first = foldedTerms.Select(t => aligned ? folded.IndexOf(t, StringComparison.Ordinal) : -1).Where(i => i >= 0).DefaultIfEmpty(0).Min();
        var start = content.Length <= SnippetLength ? 0 : Math.Clamp(first - (SnippetLength / 3), 0, content.Length - SnippetLength);
        var length = Math.Min(SnippetLength, content.Length - start);
        var snippet = content.Substring(start, length);
        var highlights = new List<TextRange>();
        if (aligned)
        {
            var window = folded.Substring(start, length);
            foreach (var term in foldedTerms)
            {
                for (var at = window.IndexOf(term, StringComparison.Ordinal); at >= 0; at = window.IndexOf(term, at + term.Length, StringComparison.Ordinal))
                {
                    highlights.Add(new TextRange(at, term.Length));
                }
            }
        }

        return new MessageSearchHit(message, snippet, highlights.OrderBy(h => h.Start).ToList());
    }
}
