using Microsoft.EntityFrameworkCore;
using Parley.Contracts.Messages;
using Parley.Data;
using Parley.Data.Polls;
using Parley.Server.Infrastructure;

namespace Parley.Server.Features.Polls;

/// <summary>Polls as readers see them, for a whole page of messages in three queries at most.</summary>
public static class PollQueries
{
    /// <summary>
    /// The polls among <paramref name="messageIds"/>, keyed by message id: one query for the polls with their voter
    /// counts, one for the options with their tallies, one for the viewer's own votes (none when
    /// <paramref name="viewerId"/> is 0, a payload shared by everyone).
    /// </summary>
    /// <summary>Every page of history runs this (most find no poll), so it is compiled once per model.</summary>
    private static readonly PerModelQuery<Func<ParleyDbContext, List<long>, IAsyncEnumerable<PollRow>>> PollsOf = new(() =>
        EF.CompileAsyncQuery((ParleyDbContext db, List<long> ids) => db.Polls.AsNoTracking()
            .Where(p => ids.Contains(p.MessageId))
            .Select(p => new PollRow(p, db.PollVotes.Where(v => v.MessageId == p.MessageId).Select(v => v.UserId).Distinct().Count()))));

    private sealed record PollRow(Poll Poll, int Voters);

    public static async Task<Dictionary<long, PollResponse>> LoadAsync(
        ParleyDbContext db, long viewerId, IReadOnlyCollection<long> messageIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (messageIds.Count == 0)
        {
            return [];
        }

        var polls = await PollsOf.For(db)(db, messageIds as List<long> ?? [.. messageIds]).ToListAsync(cancellationToken);
        if (polls.Count == 0)
        {
            return [];
        }

        var pollIds = polls.Select(p => p.Poll.MessageId).ToList();
        var options = (await TalliesAsync(db, pollIds, cancellationToken)).ToLookup(o => o.MessageId);
        var mine = viewerId == 0
            ? []
            : await db.PollVotes.AsNoTracking().Where(v => pollIds.Contains(v.MessageId) && v.UserId == viewerId)
                .Select(v => new { v.MessageId, v.OptionId })
                .ToListAsync(cancellationToken);
        var mineByPoll = mine.ToLookup(v => v.MessageId, v => v.OptionId);
        return polls.ToDictionary(
            p => p.Poll.MessageId,
            p => new PollResponse(
                p.Poll.Question,
                options[p.Poll.MessageId].Select(o => o.Response).ToList(),
                p.Poll.AllowMultiple,
                p.Poll.ExpiresAt,
                PollRules.IsClosed(p.Poll, now),
                p.Voters,
                mineByPoll[p.Poll.MessageId].Order().Select(Ids.Format).ToList()));
    }

    /// <summary>One poll's options in order with their vote counts, and how many people voted.</summary>
    public static async Task<(List<PollOptionResponse> Options, int TotalVoters)> TallyAsync(ParleyDbContext db, long messageId, CancellationToken cancellationToken)
    {
        var options = await TalliesAsync(db, [messageId], cancellationToken);
        var voters = await db.PollVotes.Where(v => v.MessageId == messageId).Select(v => v.UserId).Distinct().CountAsync(cancellationToken);
        return (options.Select(o => o.Response).ToList(), voters);
    }

    private static async Task<List<(long MessageId, PollOptionResponse Response)>> TalliesAsync(ParleyDbContext db, List<long> pollIds, CancellationToken cancellationToken)
    {
        var rows = await db.PollOptions.AsNoTracking().Where(o => pollIds.Contains(o.MessageId))
            .OrderBy(o => o.MessageId).ThenBy(o => o.Position)
            .Select(o => new { o.MessageId, o.Id, o.Text, Votes = db.PollVotes.Count(v => v.OptionId == o.Id) })
            .ToListAsync(cancellationToken);
        return rows.Select(o => (o.MessageId, new PollOptionResponse(Ids.Format(o.Id), o.Text, o.Votes))).ToList();
    }
}
