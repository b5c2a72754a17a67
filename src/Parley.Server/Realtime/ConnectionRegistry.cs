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
    private int _connectionCount;

    public sealed record Connection(string Id, long UserId, long? SessionId, HubCallerContext Context);

    /// <summary>After a user's first connection on this node opens (true) and after their last one closes (false).</summary>
    public event Action<long, bool>? OnlineChanged;

    /// <summary>Returns true when this is the user's first connection.</summary>
    public bool Add(Connection connection)
    {
        var first = AddLocked(connection);
        if (first)
        {
            OnlineChanged?.Invoke(connection.UserId, true);
        }

        return first;
    }

    /// <summary>Returns true when the user has no connection left.</summary>
    public bool Remove(long userId, string connectionId)
    {
        var last = RemoveLocked(userId, connectionId);
        if (last)
        {
            OnlineChanged?.Invoke(userId, false);
        }

        return last;
    }

    public bool IsOnline(long userId) => _byUser.ContainsKey(userId);

    public int ConnectionCount => Volatile.Read(ref _connectionCount);

    public int OnlineUserCount => _byUser.Count;

    /// <summary>The users with at least one connection on this node, at this moment.</summary>
    public IReadOnlyCollection<long> OnlineUserIds() => [.. _byUser.Keys];

    /// <summary>The user's connections at this moment (an array that later changes do not touch).</summary>
    public IReadOnlyList<Connection> ConnectionsOf(long userId) =>
        _byUser.TryGetValue(userId, out var connections) ? connections : [];

    private bool AddLocked(Connection connection)
    {
        lock (_changes)
        {
            if (!_byUser.TryGetValue(connection.UserId, out var existing))
            {
                _byUser[connection.UserId] = [connection];
                _connectionCount++;
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
            _connectionCount++;
            return false;
        }
    }

    private bool RemoveLocked(long userId, string connectionId)
    {
        lock (_changes)
        {
            if (!_byUser.TryGetValue(userId, out var existing))
            {
                return true;
            }

            var remaining = Array.FindAll(existing, c => c.Id != connectionId);
            _connectionCount -= existing.Length - remaining.Length;
            if (remaining.Length == 0)
            {
                _byUser.TryRemove(userId, out _);
                return true;
            }

            _byUser[userId] = remaining;
            return false;
        }
    }
}
