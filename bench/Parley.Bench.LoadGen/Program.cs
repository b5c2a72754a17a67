using System.Globalization;
using Parley.Bench.LoadGen;

// The load generator. bench/run starts the servers and calls this once per database phase, then once to report:
//   run    --phase sqlite|postgres --mode quick|full --results FILE --parley URL --parley-pid PID --parley-gc-port PORT
//          --baseline URL --baseline-pid PID --baseline-gc-port PORT --db CONNECTION-STRING
//   report --results FILE --out docs/benchmarks.md --mode quick|full --machine FILE
var settings = new Settings(args);
var command = args.Length > 0 ? args[0] : "";
if (command == "report")
{
    Report.Write(settings);
    return 0;
}

if (command == "recreate-database")
{
    // PostgreSQL only: a fresh database for Parley to migrate.
    await using var connection = new Npgsql.NpgsqlConnection(settings.Require("db") + ";Database=postgres");
    await connection.OpenAsync();
    var name = settings.Require("name");
    foreach (var sql in new[] { $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", $"CREATE DATABASE \"{name}\"" })
    {
        await using var drop = new Npgsql.NpgsqlCommand(sql, connection);
        await drop.ExecuteNonQueryAsync();
    }

    return 0;
}

if (command != "run")
{
    Console.Error.WriteLine("usage: run ... | report ... (see bench/README.md)");
    return 2;
}

var phase = settings.Require("phase");
var resultsPath = settings.Require("results");
var quick = settings.Quick;
var runs = settings.Number("runs", quick ? 1 : 3);
var parley = new Target("Parley", new Uri(settings.Require("parley")), settings.Number("parley-pid", 0), settings.Number("parley-gc-port", 0));
var baseline = new Target("Broadcaster", new Uri(settings.Require("baseline")), settings.Number("baseline-pid", 0), settings.Number("baseline-gc-port", 0));
var database = new Database(phase, settings.Require("db"));
using var api = new ParleyApi(parley.Url);
var prefix = "b" + Environment.TickCount64.ToString("x", CultureInfo.InvariantCulture)[^5..] + "u";
var only = settings.Get("only", "fanout,idle,sends,history,search").Split(',');

int[] Sizes(string key, int[] fallback) =>
    settings.Get(key) is { Length: > 0 } list ? [.. list.Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture))] : fallback;

string F(double value) => value.ToString("F1", CultureInfo.InvariantCulture);

if (phase == "sqlite")
{
    var fanOutSizes = Sizes("fanout-sizes", quick ? [100] : [100, 1000]);
    // 20,000 when the open-files limit allows it; bench/run passes the largest count the limit allows.
    var idleCounts = Sizes("idle-counts", quick ? [500] : [10_000, 20_000]).Select(c => Math.Min(c, settings.Number("max-connections", 20_000))).ToArray();
    Results.Log($"creating {fanOutSizes.Max()} users");
    var users = await api.CreateUsersAsync(prefix, fanOutSizes.Max());

    if (only.Contains("fanout"))
    {
        var fanOut = new FanOut(settings);
        foreach (var n in fanOutSizes)
        {
            var members = users.Take(n).ToList();
            var (_, channel) = await api.CreateServerAsync(users[0], $"fan-out {n}", members.Skip(1).ToList());
            var startRate = n >= 1000 ? 1 : 5;
            var parleyRuns = new List<FanOut.Outcome>();
            var baselineRuns = new List<FanOut.Outcome>();
            for (var run = 0; run < runs; run++)
            {
                parleyRuns.Add(await fanOut.ParleyAsync(parley, channel, members, startRate));
            }

            // The baseline sends payloads of the size of Parley's MessageCreated event.
            var sample = await api.SendAsync(HttpMethod.Get, $"/api/v1/channels/{channel}/messages?limit=1", users[0], null);
            var payloadBytes = System.Text.Encoding.UTF8.GetByteCount(sample!.AsArray()[0]!.ToJsonString());
            for (var run = 0; run < runs; run++)
            {
                baselineRuns.Add(await fanOut.BaselineAsync(baseline, n, payloadBytes, startRate * 4));
            }

            var peak = Stats.Median(parleyRuns.Select(r => r.PeakDeliveries));
            var peakBaseline = Stats.Median(baselineRuns.Select(r => r.PeakDeliveries));
            var halfP99 = Stats.Median(parleyRuns.Select(r => r.HalfP99));
            var @case = $"N = {n:N0}";
            Results.Append(resultsPath,
            [
                new Row("fanout", @case, "peak deliveries/s (p99 ≤ 250 ms)", "deliveries/s", peak, peakBaseline, "≥ 0.5× baseline", peak >= 0.5 * peakBaseline),
                new Row("fanout", @case, "send rate at peak", "messages/s", Stats.Median(parleyRuns.Select(r => r.PeakRate)), Stats.Median(baselineRuns.Select(r => r.PeakRate)), "", null),
                new Row("fanout", @case, "p50 latency at half peak", "ms", Stats.Median(parleyRuns.Select(r => r.HalfP50)), Stats.Median(baselineRuns.Select(r => r.HalfP50)), "", null),
                new Row("fanout", @case, "p99 latency at half peak", "ms", halfP99, Stats.Median(baselineRuns.Select(r => r.HalfP99)), "≤ 50 ms", halfP99 <= 50),
                new Row("fanout", @case, "server CPU-seconds per 1,000 deliveries (at peak)", "CPU-s", Stats.Median(parleyRuns.Select(r => r.CpuPer1000)), Stats.Median(baselineRuns.Select(r => r.CpuPer1000)), "", null,
                    $"payload {payloadBytes} B"),
                new Row("fanout", @case, "load generator CPU-seconds per 1,000 deliveries (at peak)", "CPU-s", Stats.Median(parleyRuns.Select(r => r.ClientCpuPer1000)), Stats.Median(baselineRuns.Select(r => r.ClientCpuPer1000)), "", null),
            ]);
        }
    }

    if (only.Contains("idle"))
    {
        foreach (var count in idleCounts)
        {
            var parleyRuns = new List<Idle.Outcome>();
            var baselineRuns = new List<Idle.Outcome>();
            for (var run = 0; run < Math.Min(runs, 2); run++)
            {
                parleyRuns.Add(await Idle.ParleyAsync(parley, users, count, settings.Number("hold-seconds", 0)));
                await Task.Delay(2000);
                baselineRuns.Add(await Idle.BaselineAsync(baseline, count));
                await Task.Delay(2000);
            }

            var rss = Stats.Median(parleyRuns.Select(r => r.RssPerConnection)) / 1024;
            var heap = Stats.Median(parleyRuns.Select(r => r.HeapPerConnection)) / 1024;
            var @case = $"{count:N0} connections";
            var perUser = (count + users.Count - 1) / users.Count;
            Results.Append(resultsPath,
            [
                new Row("idle", @case, "resident memory per connection (RSS delta after full GC)", "KB", rss, Stats.Median(baselineRuns.Select(r => r.RssPerConnection)) / 1024, "≤ 20 KB", rss <= 20,
                    $"{perUser} connections per user"),
                new Row("idle", @case, "GC heap per connection (after full GC)", "KB", heap, Stats.Median(baselineRuns.Select(r => r.HeapPerConnection)) / 1024, "", null),
                new Row("idle", @case, "connections opened per second", "conn/s", Stats.Median(parleyRuns.Select(r => r.ConnectsPerSecond)), Stats.Median(baselineRuns.Select(r => r.ConnectsPerSecond)), "", null),
            ]);
        }
    }

    await PersistenceAsync(users[0]);
}
else
{
    Results.Log("creating the sender");
    var users = await api.CreateUsersAsync(prefix, 1);
    await PersistenceAsync(users[0]);
}

return 0;

async Task PersistenceAsync(BenchUser owner)
{
    var persistence = new Persistence(settings, api, database);
    await database.PrepareAsync();
    var (serverId, general) = await api.CreateServerAsync(owner, "persistence", []);
    var kind = database.Kind;
    if (only.Contains("sends"))
    {
        var channels = new List<long> { general };
        for (var i = 1; i < (quick ? 16 : 64); i++)
        {
            channels.Add(await api.CreateChannelAsync(owner, serverId, $"sends-{i}"));
        }

        // Hub senders: one user per worker, each the only member of a server of its own, with one hub connection.
        var concurrencies = new[] { 1, 16, 64 };
        var hubSenders = await api.CreateUsersAsync(prefix + "h", concurrencies.Max());
        var hubChannels = new long[hubSenders.Count];
        await Parallel.ForAsync(0, hubSenders.Count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            hubChannels[i] = (await api.CreateServerAsync(hubSenders[i], $"hub sends {i}", [])).Channel);
        var hubConnections = await FanOut.ConnectHubAsync(parley.Url, hubSenders, 1, null);
        try
        {
            var goal = database.IsSqlite ? 5_000 : 10_000;
            foreach (var concurrency in concurrencies)
            {
                var restRuns = new List<Persistence.Outcome>();
                var hubRuns = new List<Persistence.Outcome>();
                var rawRuns = new List<Persistence.Outcome>();
                for (var run = 0; run < runs; run++)
                {
                    restRuns.Add(await persistence.ParleySendsAsync(parley, owner, channels, concurrency));
                    hubRuns.Add(await persistence.ParleyHubSendsAsync(parley, hubConnections, hubChannels, concurrency));
                    if (!database.IsSqlite)
                    {
                        await Task.Delay(3000); // Parley's idle pooled connections close first (see bench/run)
                    }

                    rawRuns.Add(await persistence.RawSendsAsync(owner.Id, channels, concurrency));
                }

                var rawRate = Stats.Median(rawRuns.Select(r => r.PerSecond));
                foreach (var (via, parleyRuns) in new[] { ("REST", restRuns), ("hub", hubRuns) })
                {
                    var rate = Stats.Median(parleyRuns.Select(r => r.PerSecond));
                    Results.Log($"{kind} {via} sends at {concurrency}: Parley {F(rate)}/s (p99 {F(Stats.Median(parleyRuns.Select(r => r.P99)))} ms), raw {F(rawRate)}/s");
                    var @case = $"{kind}, {via}, concurrency {concurrency}";
                    Results.Append(resultsPath,
                    [
                        new Row("sends", @case, "messages/s", "messages/s", rate, rawRate, $"≥ {goal:N0}/s and ≥ 0.5× raw", rate >= goal && rate >= 0.5 * rawRate),
                        new Row("sends", @case, "p99 latency", "ms", Stats.Median(parleyRuns.Select(r => r.P99)), Stats.Median(rawRuns.Select(r => r.P99)), "", null),
                        new Row("sends", @case, "server CPU per message", "ms", Stats.Median(parleyRuns.Select(r => r.CpuMsPerMessage)), double.NaN, "", null),
                    ]);
                }
            }
        }
        finally
        {
            await FanOut.DisposeAllAsync(hubConnections);
        }
    }

    if (!only.Contains("history") && !only.Contains("search"))
    {
        return;
    }

    var size = settings.Number("history-size", quick ? 20_000 : 1_000_000);
    var history = await api.CreateChannelAsync(owner, serverId, "history");
    var ids = await database.SeedAsync(history, owner.Id, size);
    var samples = quick ? 20 : 200;
    if (only.Contains("history"))
    {
        foreach (var (name, before) in new (string, long?)[] { ("head", null), ("middle", ids[size / 2]), ("tail", ids[50]) })
        {
            var api50 = await persistence.ParleyHistoryAsync(owner, history, before, samples);
            var raw = await persistence.RawHistoryAsync(history, before, samples);
            Results.Log($"{kind} history {name}: Parley p99 {F(api50.P99)} ms, raw {F(raw.P99)} ms");
            var @case = $"{kind}, {size:N0} messages, page of 50 at the {name}";
            Results.Append(resultsPath,
            [
                new Row("history", @case, "p50 latency", "ms", api50.P50, raw.P50, "", null),
                new Row("history", @case, "p99 latency", "ms", api50.P99, raw.P99, "≤ 10 ms", api50.P99 <= 10),
            ]);
        }
    }

    if (only.Contains("search"))
    {
        var searchSamples = quick ? 5 : 30;
        foreach (var (name, term) in new[] { ("common", "meeting"), ("rare", Database.RareWord), ("prefix", "progr"), ("Cyrillic", "сообщ") })
        {
            var found = await persistence.ParleySearchAsync(owner, term, searchSamples);
            var raw = await persistence.RawSearchAsync(history, term, searchSamples);
            Results.Log($"{kind} search {name}: Parley p99 {F(found.P99)} ms, raw {F(raw.P99)} ms");
            var @case = $"{kind}, {size:N0} messages, {name} term \"{term}\"";
            Results.Append(resultsPath,
            [
                new Row("search", @case, "p50 latency", "ms", found.P50, raw.P50, "", null),
                new Row("search", @case, "p99 latency", "ms", found.P99, raw.P99, "≤ 100 ms", found.P99 <= 100),
            ]);
        }
    }
}
