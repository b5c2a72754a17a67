using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Parley.Server.Realtime;

/// <summary>
/// Which hub connections each user has on this node. Presence ("online" means at least one connection) and
/// moving a user's connections into or out of a channel's group both start here.
/// </summary>
/// <remarks>
/// Kept small, since it holds an entry for every idle connection: a user's connections are one immutable array
/// (most users have one or two), replaced whole under a lock when a connection comes or goes, so readers never lock.
/// </remarks>
public sealed class ConnectionRegistry
{
    private readonly ConcurrentDictionary<long, Connection[]> _byUser = new();
    private readonly Lock _changes = new();

    public sealed record Connection(string Id, long UserId, long? SessionId, HubCallerContext Context);

    /// <summary>Returns true when this is the user's first connection.</summary>
    public bool Add(Connection connection)
    {
        lock (_changes)
        {
            if (!_byUser.TryGetValue(connection.UserId, out var existing))
            {
                _byUser[connection.UserId] = [connection];
                return true;
            }

            var index = Array.FindIndex(existing, c => c.Id == connection.Id);
            if (index >= 0)
            {
                var replaced = (Connection[])existing.Clone();
                replaced[index] = connection;
                _byUser[connection.UserId] = replaced;
                return false;
            }

            _byUser[connection.UserId] = [.. existing, connection];
            return false;
        }
    }

    /// <summary>Returns true when the user has no connection left.</summary>
    public bool Remove(long userId, string connectionId)
    {
        lock (_changes)
        {
            if (!_byUser.TryGetValue(userId, out var existing))
            {
                return true;
            }

            var remaining = Array.FindAll(existing, c => c.Id != connectionId);
            if (remaining.Length == 0)
            {
                _byUser.TryRemove(userId, out _);
                return true;
            }

            _byUser[userId] = remaining;
            return false;
        }
    }

    public bool IsOnline(long userId) => _byUser.ContainsKey(userId);

    /// <summary>The user's connections at this moment (an array that later changes do not touch).</summary>
    public IReadOnlyList<Connection> ConnectionsOf(long userId) =>
        _byUser.TryGetValue(userId, out var connections) ? connections : [];
}
