using Parley.Server.Realtime;

namespace Parley.Server.Tests.Realtime;

public sealed class RemoteOnlineUsersTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_user_is_online_while_some_node_lists_them()
    {
        var remote = new RemoteOnlineUsers();
        remote.Snapshot("a", [1, 2], Start);
        remote.Online("b", 2, Start);

        remote.Offline("a", 2, Start);

        Assert.True(remote.IsOnline(1, Start));
        Assert.True(remote.IsOnline(2, Start));
        Assert.False(remote.IsOnline(3, Start));
        remote.Offline("b", 2, Start);
        Assert.False(remote.IsOnline(2, Start));
    }

    [Fact]
    public void A_snapshot_replaces_what_was_known_of_that_node_only()
    {
        var remote = new RemoteOnlineUsers();
        remote.Snapshot("a", [1, 2], Start);
        remote.Snapshot("b", [3], Start);

        remote.Snapshot("a", [2], Start.AddSeconds(20));

        Assert.False(remote.IsOnline(1, Start.AddSeconds(20)));
        Assert.True(remote.IsOnline(2, Start.AddSeconds(20)));
        Assert.True(remote.IsOnline(3, Start.AddSeconds(20)));
    }

    [Fact]
    public void A_node_that_said_goodbye_or_went_silent_no_longer_counts()
    {
        var remote = new RemoteOnlineUsers();
        remote.Snapshot("stopped", [1], Start);
        remote.Snapshot("crashed", [2], Start);
        remote.Snapshot("alive", [3], Start);

        remote.Forget("stopped");
        remote.Snapshot("alive", [3], Start + RemoteOnlineUsers.Silence);
        var later = Start + RemoteOnlineUsers.Silence;

        Assert.False(remote.IsOnline(1, later));
        Assert.True(remote.IsOnline(2, later - TimeSpan.FromSeconds(1)));
        Assert.False(remote.IsOnline(2, later));
        Assert.True(remote.IsOnline(3, later));
    }
}
