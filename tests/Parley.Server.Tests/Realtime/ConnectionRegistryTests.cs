using Parley.Server.Realtime;

namespace Parley.Server.Tests.Realtime;

/// <summary>Presence and group moves rely on the registry's answers: who is online, and with which connections.</summary>
public sealed class ConnectionRegistryTests
{
    private static ConnectionRegistry.Connection Connection(string id, long userId, long? sessionId = null) => new(id, userId, sessionId, null!);

    [Fact]
    public void A_user_is_online_from_the_first_connection_until_the_last_one_leaves()
    {
        var registry = new ConnectionRegistry();

        Assert.False(registry.IsOnline(1));
        Assert.True(registry.Add(Connection("a", 1)));
        Assert.False(registry.Add(Connection("b", 1)));
        Assert.True(registry.Add(Connection("c", 2)));
        Assert.True(registry.IsOnline(1));
        Assert.Equal((3, 2), (registry.ConnectionCount, registry.OnlineUserCount));
        Assert.Equal(["a", "b"], registry.ConnectionsOf(1).Select(c => c.Id));
        Assert.Equal(["c"], registry.ConnectionsOf(2).Select(c => c.Id));

        Assert.False(registry.Remove(1, "a"));
        Assert.True(registry.IsOnline(1));
        Assert.Equal(["b"], registry.ConnectionsOf(1).Select(c => c.Id));
        Assert.True(registry.Remove(1, "b"));
        Assert.False(registry.IsOnline(1));
        Assert.Empty(registry.ConnectionsOf(1));
        Assert.True(registry.IsOnline(2));
        Assert.Equal((1, 1), (registry.ConnectionCount, registry.OnlineUserCount));
    }

    [Fact]
    public void Removing_an_unknown_connection_leaves_the_others_and_a_list_taken_earlier_does_not_change()
    {
        var registry = new ConnectionRegistry();
        registry.Add(Connection("a", 1, sessionId: 7));
        var before = registry.ConnectionsOf(1);

        Assert.False(registry.Remove(1, "unknown"));
        Assert.True(registry.Remove(3, "unknown"));
        Assert.False(registry.Add(Connection("a", 1, sessionId: 8)));
        registry.Add(Connection("b", 1));

        Assert.Equal(7, Assert.Single(before).SessionId);
        Assert.Equal([8L, null], registry.ConnectionsOf(1).Select(c => c.SessionId));
    }

    [Fact]
    public async Task Connections_coming_and_going_at_once_are_all_counted()
    {
        var registry = new ConnectionRegistry();
        var firsts = 0;
        await Parallel.ForAsync(0, 200, async (i, _) =>
        {
            if (registry.Add(Connection("c" + i, userId: i % 4)))
            {
                Interlocked.Increment(ref firsts);
            }

            await Task.Yield();
        });

        Assert.Equal(4, firsts);
        Assert.Equal(50, registry.ConnectionsOf(0).Count);
        Assert.Equal(200, registry.ConnectionCount);
        var lasts = 0;
        await Parallel.ForAsync(0, 200, async (i, _) =>
        {
            if (registry.Remove(i % 4, "c" + i))
            {
                Interlocked.Increment(ref lasts);
            }

            await Task.Yield();
        });

        Assert.Equal(4, lasts);
        Assert.All(Enumerable.Range(0, 4), user => Assert.False(registry.IsOnline(user)));
        Assert.Equal((0, 0), (registry.ConnectionCount, registry.OnlineUserCount));
    }
}
