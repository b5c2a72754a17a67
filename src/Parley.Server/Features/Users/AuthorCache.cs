using System.Collections.Concurrent;
using Parley.Contracts.Users;
using Parley.Data;

namespace Parley.Server.Features.Users;

/// <summary>
/// The sender's name and picture for the MessageCreated payload, so that a send does not read the user row each time.
/// Usernames never change; a display name or picture change calls <see cref="Forget"/> on the node that made it.
/// Another node may show the old name or picture on new messages for up to <see cref="Lifetime"/>: display data only,
/// never used for access.
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
            if (_entries.Count >= MaxEntries)
            {
                _entries.Clear();
            }

            _entries[userId] = (loaded, now + (long)(Lifetime.TotalSeconds * time.TimestampFrequency));
        }

        return loaded;
    }

    public void Forget(long userId) => _entries.TryRemove(userId, out _);
}
