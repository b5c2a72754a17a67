using System.Collections.Concurrent;
using Parley.Contracts.Users;
using Parley.Data;

namespace Parley.Server.Features.Users;

/// <summary>
/// Names and pictures of message authors (and the people they mention): for the MessageCreated payload, so that a send
/// does not read the user row each time, and for pages of history (<see cref="GetManyAsync"/>), so that a page of plain
/// messages reads no user rows when its authors were seen recently. Usernames never change; a display name or picture
/// change calls <see cref="Forget"/> on the node that made it. Another node may show the old name or picture (on new
/// messages and in history) for up to <see cref="Lifetime"/>: display data only, never used for access.
/// </summary>
public sealed class AuthorCache(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<long, (UserSummary Summary, long Expires)> _entries = new();

    public async Task<UserSummary?> GetAsync(ParleyDbContext db, long userId, CancellationToken cancellationToken)
    {
        var now = time.GetTimestamp();
        if (_entries.TryGetValue(userId, out var entry) && entry.Expires > now)
        {
            return entry.Summary;
        }

        var loaded = (await UserSummaries.LoadAsync(db, [userId], cancellationToken)).GetValueOrDefault(userId);
        if (loaded is not null)
        {
            Remember(userId, loaded, now);
        }

        return loaded;
    }

    /// <summary>
    /// The users among <paramref name="userIds"/> that exist, keyed by id: the fresh ones from the cache, the others in
    /// one query (none when every one is cached). A user who is gone is left out, as by <see cref="UserSummaries.LoadAsync"/>.
    /// </summary>
    public async Task<Dictionary<long, UserSummary>> GetManyAsync(ParleyDbContext db, IEnumerable<long> userIds, CancellationToken cancellationToken)
    {
        var now = time.GetTimestamp();
        var found = new Dictionary<long, UserSummary>();
        HashSet<long>? missing = null;
        foreach (var id in userIds)
        {
            if (found.ContainsKey(id))
            {
                continue;
            }

            if (_entries.TryGetValue(id, out var entry) && entry.Expires > now)
            {
                found[id] = entry.Summary;
            }
            else
            {
                (missing ??= []).Add(id);
            }
        }

        if (missing is not null)
        {
            foreach (var (id, summary) in await UserSummaries.LoadAsync(db, missing, cancellationToken))
            {
                found[id] = summary;
                Remember(id, summary, now);
            }
        }

        return found;
    }

    private void Remember(long userId, UserSummary summary, long now)
    {
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[userId] = (summary, now + (long)(Lifetime.TotalSeconds * time.TimestampFrequency));
    }

    public void Forget(long userId) => _entries.TryRemove(userId, out _);
}
