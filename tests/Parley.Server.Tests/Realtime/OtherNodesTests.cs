using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Parley.Contracts.Accounts;
using Parley.Contracts.Users;
using Parley.Server.Tests.Features.Servers;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Realtime;

/// <summary>
/// Two nodes of one deployment: the same database and the same Redis (channels under a prefix of their own, so other
/// tests' nodes stay out). Needs PARLEY_TEST_REDIS, which the test script always sets.
/// </summary>
public sealed class TwoNodes : IAsyncLifetime
{
    private static string? Redis => Environment.GetEnvironmentVariable("PARLEY_TEST_REDIS") is { Length: > 0 } redis ? redis : null;

    public static bool Available => Redis is not null;

    public ParleyApp A { get; private set; } = null!;

    public ParleyApp B { get; private set; } = null!;

    public Task InitializeAsync()
    {
        if (!Available)
        {
            return Task.CompletedTask;
        }

        var prefix = "parley-test-" + Guid.NewGuid().ToString("N")[..12];
        A = new ParleyApp(Db.Sqlite, new Dictionary<string, string?>
        {
            ["Parley:Redis"] = Redis,
            ["Parley:RedisPrefix"] = prefix,
            ["Parley:NodeId"] = "1",
        });
        _ = A.Server;
        // The second node shares the first one's data directory, so its database and files.
        B = new ParleyApp(Db.Sqlite, new Dictionary<string, string?>(A.Settings) { ["Parley:NodeId"] = "2" });
        _ = B.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (Available)
        {
            await B.DisposeAsync();
            await A.DisposeAsync();
        }
    }
}

/// <summary>
/// A change committed through one node reaches the live connections held by the other: joining a group, leaving it,
/// being kicked from a server, a revoked token.
/// </summary>
public sealed class OtherNodesTests(TwoNodes nodes) : IClassFixture<TwoNodes>
{
    [Fact]
    public async Task Someone_added_to_a_group_through_the_other_node_gets_its_messages_live()
    {
        if (!TwoNodes.Available)
        {
            return;
        }

        var (anna, annaHub) = await ConnectedOnAAsync("anna");
        await using (annaHub)
        {
            var boris = await Person.RegisterAsync(nodes.B, "boris");

            var group = await boris.StartGroupAsync("Across nodes", anna);
            var sent = await boris.SendAsync(group.Id, "hello from node B");

            await annaHub.WaitForAsync("MessageCreated", m => m.Str("id") == sent.Id);
        }
    }

    [Fact]
    public async Task Someone_removed_from_a_group_through_the_other_node_stops_receiving_it()
    {
        if (!TwoNodes.Available)
        {
            return;
        }

        var (anna, annaHub) = await ConnectedOnAAsync("anna");
        await using (annaHub)
        {
            var boris = await Person.RegisterAsync(nodes.B, "boris");
            var direct = await boris.StartChatAsync(anna);
            var group = await boris.StartGroupAsync("Soon without Anna", anna, await Person.RegisterAsync(nodes.B, "carol"));
            var before = await boris.SendAsync(group.Id, "still here");
            await annaHub.WaitForAsync("MessageCreated", m => m.Str("id") == before.Id);

            (await boris.Client.DeleteAsync($"/api/v1/channels/{group.Id}/recipients/{anna.Id}")).EnsureSuccessStatusCode();
            var hidden = await boris.SendAsync(group.Id, "after Anna left");
            var marker = await boris.SendAsync(direct.Id, "sent after the group message");

            // Both go out from node B in this order, so once the later one has arrived the earlier would have too.
            await annaHub.WaitForAsync("MessageCreated", m => m.Str("id") == marker.Id);
            Assert.DoesNotContain(annaHub.All("MessageCreated"), m => m.Str("id") == hidden.Id);
        }
    }

    [Fact]
    public async Task A_member_kicked_through_the_other_node_stops_receiving_the_server()
    {
        if (!TwoNodes.Available)
        {
            return;
        }

        var (anna, annaHub) = await ConnectedOnAAsync("anna");
        await using (annaHub)
        {
            var owner = await Person.RegisterAsync(nodes.B, "owner");
            var server = await owner.CreateServerAsync("Across nodes");
            var general = await owner.GeneralAsync(server.Id);
            var direct = await owner.StartChatAsync(anna);
            await anna.JoinAsync((await owner.InviteAsync(general)).Code);
            var before = await owner.SendAsync(general, "welcome");
            await annaHub.WaitForAsync("MessageCreated", m => m.Str("id") == before.Id);

            (await owner.Client.DeleteAsync($"/api/v1/servers/{server.Id}/members/{anna.Id}")).EnsureSuccessStatusCode();
            var hidden = await owner.SendAsync(general, "after the kick");
            var marker = await owner.SendAsync(direct.Id, "sent after the channel message");

            await annaHub.WaitForAsync("MessageCreated", m => m.Str("id") == marker.Id);
            Assert.DoesNotContain(annaHub.All("MessageCreated"), m => m.Str("id") == hidden.Id);
        }
    }

    [Fact]
    public async Task A_token_revoked_through_the_other_node_closes_the_connection_opened_with_it()
    {
        if (!TwoNodes.Available)
        {
            return;
        }

        var (anna, annaHub) = await ConnectedOnAAsync("anna");
        await using (annaHub)
        {
            var annaOnB = nodes.B.CreateBrowser();
            (await annaOnB.LoginAsync(anna.Me.Username)).EnsureSuccessStatusCode();
            var token = Assert.Single(await annaOnB.GetFromJsonAsync<List<TokenResponse>>("/api/v1/auth/tokens") ?? []);

            Assert.Equal(HttpStatusCode.NoContent, (await annaOnB.DeleteAsync($"/api/v1/auth/tokens/{token.Id}")).StatusCode);

            await annaHub.WaitForAsync("SessionRevoked");
        }
    }

    [Fact]
    public async Task Someone_connected_to_one_node_shows_online_on_the_other_until_they_leave()
    {
        if (!TwoNodes.Available)
        {
            return;
        }

        var boris = await Person.RegisterAsync(nodes.B, "boris");
        var (anna, annaHub) = await ConnectedOnAAsync("anna");
        await using (annaHub)
        {
            await UntilAsync(async () => (await PresenceSeenByAsync(boris, anna)) == VisiblePresence.Online);
        }

        await UntilAsync(async () => (await PresenceSeenByAsync(boris, anna)) == VisiblePresence.Offline);
    }

    private static async Task<VisiblePresence> PresenceSeenByAsync(Person viewer, Person other) =>
        (await viewer.Client.GetFromJsonAsync<PublicUser>($"/api/v1/users/{other.Id}"))!.Presence;

    /// <summary>Waits for what another node learns through Redis (usually within milliseconds).</summary>
    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(15), "The other node did not catch up within 15 s.");
            await Task.Delay(50);
        }
    }

    private async Task<(Person Person, HubClient Hub)> ConnectedOnAAsync(string stem)
    {
        var person = await Person.RegisterAsync(nodes.A, stem);
        var token = await nodes.A.CreateBareClient().CreateTokenAsync(person.Me.Username);
        return (person, await HubClient.ConnectAsync(nodes.A, token));
    }
}
