using System.Collections.Concurrent;

namespace Parley.Server.Realtime;

/// <summary>
/// Who is online anywhere in the deployment ("online" means at least one hub connection on some node): this node's
/// <see cref="ConnectionRegistry"/>, plus what the other nodes have said (<see cref="PresenceSync"/>).
/// </summary>
public sealed class OnlineUsers(ConnectionRegistry local, RemoteOnlineUsers remote, TimeProvider time)
{
    public bool IsOnline(long userId) => local.IsOnline(userId) || remote.IsOnline(userId, time.GetUtcNow());
}

/// <summary>
/// The users each other node says are connected to it. A node sends its whole list now and then and every change in
/// between; a node not heard from for <see cref="Silence"/> (it stopped without saying goodbye) no longer counts.
/// </summary>
public sealed class RemoteOnlineUsers
{
    public static readonly TimeSpan Silence = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<string, Node> _nodes = new(StringComparer.Ordinal);

    private sealed class Node
    {
        public Lock Gate { get; } = new();

        public HashSet<long> Users { get; set; } = [];

        public DateTimeOffset LastHeard { get; set; }
    }

    /// <summary>The node's whole list, replacing what was known of it.</summary>
    public void Snapshot(string node, IEnumerable<long> userIds, DateTimeOffset now) =>
        Update(node, now, state => state.Users = [.. userIds]);

    public void Online(string node, long userId, DateTimeOffset now) => Update(node, now, state => state.Users.Add(userId));

    public void Offline(string node, long userId, DateTimeOffset now) => Update(node, now, state => state.Users.Remove(userId));

    /// <summary>The node stopped.</summary>
    public void Forget(string node) => _nodes.TryRemove(node, out _);

    public bool IsOnline(long userId, DateTimeOffset now)
    {
        foreach (var state in _nodes.Values)
        {
            lock (state.Gate)
            {
                if (now - state.LastHeard < Silence && state.Users.Contains(userId))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private void Update(string node, DateTimeOffset now, Action<Node> change)
    {
        var state = _nodes.GetOrAdd(node, _ => new Node());
        lock (state.Gate)
        {
            change(state);
            state.LastHeard = now;
        }
    }
}
