using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Parley.Server.Realtime;

/// <summary>
/// Which hub connections each user has on this node. Presence ("online" means at least one connection) and
/// moving a user's connections into or out of a channel's group both start here.
/// </summary>
public sealed class ConnectionRegistry
{
    private readonly ConcurrentDictionary<long, ConcurrentDictionary<string, Connection>> _byUser = new();

    public sealed record Connection(string Id, long UserId, long? SessionId, HubCallerContext Context);

    /// <summary>Returns true when this is the user's first connection.</summary>
    public bool Add(Connection connection)
    {
        var connections = _byUser.GetOrAdd(connection.UserId, _ => new());
        lock (connections)
        {
            connections[connection.Id] = connection;
            return connections.Count == 1;
        }
    }

    /// <summary>Returns true when the user has no connection left.</summary>
    public bool Remove(long userId, string connectionId)
    {
        if (!_byUser.TryGetValue(userId, out var connections))
        {
            return true;
        }

        lock (connections)
        {
            connections.TryRemove(connectionId, out _);
            if (connections.IsEmpty)
            {
                _byUser.TryRemove(new KeyValuePair<long, ConcurrentDictionary<string, Connection>>(userId, connections));
                return true;
            }

            return false;
        }
    }

    public bool IsOnline(long userId) => _byUser.TryGetValue(userId, out var c) && !c.IsEmpty;

    public IReadOnlyList<Connection> ConnectionsOf(long userId) =>
        _byUser.TryGetValue(userId, out var c) ? [.. c.Values] : [];
}
