using System.Diagnostics;
using System.Globalization;

namespace Parley.Bench.LoadGen;

/// <summary>
/// Scenario 2: many idle, signed-in connections. Memory per connection is (after - before) / count, each taken right
/// after a full compacting GC inside the server (the startup hook); both the GC heap and the resident set are kept.
/// </summary>
public static class Idle
{
    public sealed record Outcome(double HeapPerConnection, double RssPerConnection, double ConnectsPerSecond);

    public static async Task<Outcome> ParleyAsync(Target target, IReadOnlyList<BenchUser> users, int count, int holdSeconds = 0)
    {
        var before = await target.FullGcAsync();
        var clock = Stopwatch.StartNew();
        var perUser = (count + users.Count - 1) / users.Count;
        var chosen = users.Take((count + perUser - 1) / perUser).ToList();
        var connections = await FanOut.ConnectHubAsync(target.Url, chosen, perUser, null, parallelism: 32);
        var connectRate = connections.Count / clock.Elapsed.TotalSeconds;
        await Task.Delay(3000);
        var after = await target.FullGcAsync();
        var outcome = Measure(before, after, connections.Count, connectRate);
        Results.Log(string.Create(CultureInfo.InvariantCulture,
            $"Parley idle {connections.Count} ({perUser}/user): heap {outcome.HeapPerConnection / 1024:F1} KB, RSS {outcome.RssPerConnection / 1024:F1} KB per connection, {connectRate:F0} connects/s"));
        if (holdSeconds > 0)
        {
            // For profiling (e.g. dotnet-gcdump of the server): the connections stay open a while.
            Results.Log($"holding the connections for {holdSeconds} s (server pid {target.Pid})");
            await Task.Delay(TimeSpan.FromSeconds(holdSeconds));
        }

        await FanOut.DisposeAllAsync(connections);
        return outcome;
    }

    public static async Task<Outcome> BaselineAsync(Target target, int count)
    {
        var before = await target.FullGcAsync();
        var clock = Stopwatch.StartNew();
        var sockets = await FanOut.ConnectWebSocketsAsync(target.Url, count, null);
        var connectRate = sockets.Count / clock.Elapsed.TotalSeconds;
        await Task.Delay(3000);
        var after = await target.FullGcAsync();
        var outcome = Measure(before, after, sockets.Count, connectRate);
        Results.Log(string.Create(CultureInfo.InvariantCulture,
            $"Baseline idle {sockets.Count}: heap {outcome.HeapPerConnection / 1024:F1} KB, RSS {outcome.RssPerConnection / 1024:F1} KB per connection"));
        await FanOut.CloseAllAsync(sockets);
        return outcome;
    }

    private static Outcome Measure((long Heap, long Rss) before, (long Heap, long Rss) after, int count, double connectRate) =>
        new((after.Heap - before.Heap) / (double)count, (after.Rss - before.Rss) / (double)count, connectRate);
}
