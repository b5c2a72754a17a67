using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Parley.Bench.LoadGen;

/// <summary>Scenarios 3 to 5: persisted sends, history pages and search, each against the raw driver.</summary>
public sealed class Persistence(Settings settings, ParleyApi api, Database database)
{
    private static long _rawSequence;

    /// <summary>Rate, latency percentiles and, for Parley's sends, the server's CPU milliseconds per message (NaN otherwise).</summary>
    public sealed record Outcome(double PerSecond, double P50, double P99, double CpuMsPerMessage = double.NaN);

    private TimeSpan SendDuration => TimeSpan.FromSeconds(settings.Quick ? 2 : 6);

    // ---- 3. Persisted sends: closed-loop workers, each in its own channel, through REST and through the hub.

    public async Task<Outcome> ParleySendsAsync(Target server, BenchUser sender, IReadOnlyList<long> channels, int concurrency)
    {
        var latencies = new List<double>[concurrency];
        var failures = 0;
        var cpuBefore = server.CpuSeconds();
        var clock = Stopwatch.StartNew();
        await Parallel.ForAsync(0, concurrency, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (worker, cancellationToken) =>
        {
            var mine = latencies[worker] = [];
            var channel = channels[worker % channels.Count];
            while (clock.Elapsed < SendDuration)
            {
                var started = Stopwatch.GetTimestamp();
                using var request = ParleyApi.Request(HttpMethod.Post, $"/api/v1/channels/{channel}/messages", sender,
                    new { content = string.Create(CultureInfo.InvariantCulture, $"b:0:{started} persisted send benchmark message") });
                using var response = await api.Http.SendAsync(request, cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failures);
                    continue;
                }

                mine.Add(Stats.Ms(Stopwatch.GetTimestamp() - started));
            }
        });
        if (failures > 0)
        {
            Results.Log($"Parley sends: {failures} failed requests");
        }

        return Summarize(latencies, clock.Elapsed) with { CpuMsPerMessage = CpuMsPer(server, cpuBefore, latencies) };
    }

    /// <summary>
    /// The same closed loop through the hub's SendMessage: worker i sends on its own connection (a hub connection
    /// runs one invocation at a time), as its own user, into the channel of a server of its own, so each message is
    /// delivered once, back to its sender, as a real client receives its own message.
    /// </summary>
    public async Task<Outcome> ParleyHubSendsAsync(Target server, IReadOnlyList<HubConnection> connections, IReadOnlyList<long> channels, int concurrency)
    {
        var latencies = new List<double>[concurrency];
        var failures = 0;
        var cpuBefore = server.CpuSeconds();
        var clock = Stopwatch.StartNew();
        await Parallel.ForAsync(0, concurrency, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (worker, cancellationToken) =>
        {
            var mine = latencies[worker] = [];
            var connection = connections[worker];
            var channel = channels[worker].ToString(CultureInfo.InvariantCulture);
            while (clock.Elapsed < SendDuration)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await connection.InvokeAsync<JsonElement>("SendMessage", channel,
                        new { content = string.Create(CultureInfo.InvariantCulture, $"b:0:{started} persisted send benchmark message") }, cancellationToken);
                }
                catch (HubException)
                {
                    Interlocked.Increment(ref failures);
                    continue;
                }

                mine.Add(Stats.Ms(Stopwatch.GetTimestamp() - started));
            }
        });
        if (failures > 0)
        {
            Results.Log($"Parley hub sends: {failures} refused");
        }

        return Summarize(latencies, clock.Elapsed) with { CpuMsPerMessage = CpuMsPer(server, cpuBefore, latencies) };
    }

    public async Task<Outcome> RawSendsAsync(long authorId, IReadOnlyList<long> channels, int concurrency)
    {
        var latencies = new List<double>[concurrency];
        var idBase = Database.PastId(TimeSpan.FromDays(60), 0);
        var clock = Stopwatch.StartNew();
        await Parallel.ForAsync(0, concurrency, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (worker, cancellationToken) =>
        {
            var mine = latencies[worker] = [];
            var channel = channels[worker % channels.Count];
            await using var connection = await database.OpenAsync();
            await using var insert = database.InsertCommand(connection);
            while (clock.Elapsed < SendDuration)
            {
                var started = Stopwatch.GetTimestamp();
                Database.Bind(insert, idBase + (Interlocked.Increment(ref _rawSequence) << 12), channel, authorId,
                    string.Create(CultureInfo.InvariantCulture, $"b:0:{started} persisted send benchmark message"));
                await insert.ExecuteNonQueryAsync(cancellationToken); // autocommit: one durable commit per message, as Parley's send
                mine.Add(Stats.Ms(Stopwatch.GetTimestamp() - started));
            }
        });
        return Summarize(latencies, clock.Elapsed);
    }

    private static double CpuMsPer(Target server, double cpuBefore, List<double>[] latencies)
    {
        var count = latencies.Sum(l => l.Count);
        return count == 0 ? double.NaN : (server.CpuSeconds() - cpuBefore) / count * 1000;
    }

    private static Outcome Summarize(List<double>[] latencies, TimeSpan elapsed)
    {
        var all = latencies.SelectMany(l => l).ToList();
        return new Outcome(all.Count / elapsed.TotalSeconds, Stats.Percentile(all, 50), Stats.Percentile(all, 99));
    }

    // ---- 4. History: pages of 50 by cursor, sequential requests.

    public async Task<Outcome> ParleyHistoryAsync(BenchUser reader, long channelId, long? before, int samples)
    {
        var path = $"/api/v1/channels/{channelId}/messages?limit=50" + (before is null ? "" : $"&before={before}");
        return await TimeAsync(samples, async () =>
        {
            using var request = ParleyApi.Request(HttpMethod.Get, path, reader, null);
            using var response = await api.Http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync();
        });
    }

    public async Task<Outcome> RawHistoryAsync(long channelId, long? before, int samples)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        // The same SQL as Parley's: the newest page is bounded by the channel's last message id.
        command.CommandText = """SELECT * FROM "Messages" WHERE "ChannelId" = @channel"""
            + (before is null
                ? """ AND "Id" <= COALESCE((SELECT "LastMessageId" FROM "Channels" WHERE "Id" = @channel), 9223372036854775807)"""
                : """ AND "Id" < @before""")
            + """ ORDER BY "Id" DESC LIMIT 50""";
        AddParameter(command, "channel", channelId);
        AddParameter(command, "before", before ?? 0);
        return await TimeAsync(samples, () => ReadAllAsync(command));
    }

    // ---- 5. Search: one term over every channel the reader can read.

    public async Task<Outcome> ParleySearchAsync(BenchUser reader, string term, int samples)
    {
        var found = await api.SendAsync(HttpMethod.Get, "/api/v1/search/messages?q=" + Uri.EscapeDataString(term), reader, null);
        Results.Log($"Parley search for {term}: {found!["totalCount"]} matches");
        return await TimeAsync(samples, async () =>
        {
            using var request = ParleyApi.Request(HttpMethod.Get, "/api/v1/search/messages?q=" + Uri.EscapeDataString(term), reader, null);
            using var response = await api.Http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync();
        });
    }

    /// <summary>The same match as Parley's, newest 25 in the channel, without the total count.</summary>
    public async Task<Outcome> RawSearchAsync(long channelId, string term, int samples)
    {
        var folded = Database.Fold(term);
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        if (database.IsSqlite)
        {
            command.CommandText = """
                SELECT * FROM "Messages" WHERE "ChannelId" = @channel
                AND "Id" IN (SELECT rowid FROM "MessagesFts" WHERE "MessagesFts" MATCH @term)
                ORDER BY "Id" DESC LIMIT 25
                """;
            AddParameter(command, "term", "\"" + folded + "\"");
        }
        else
        {
            command.CommandText = """
                SELECT * FROM "Messages" WHERE "ChannelId" = @channel AND "SearchText" LIKE @term ORDER BY "Id" DESC LIMIT 25
                """;
            AddParameter(command, "term", "%" + folded + "%");
        }

        AddParameter(command, "channel", channelId);
        Results.Log($"raw search for {term}: {await ReadAllAsync(command)} rows");
        return await TimeAsync(samples, () => ReadAllAsync(command));
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static async Task<int> ReadAllAsync(DbCommand command)
    {
        await using var reader = await command.ExecuteReaderAsync();
        var values = new object[reader.FieldCount];
        var rows = 0;
        while (await reader.ReadAsync())
        {
            reader.GetValues(values);
            rows++;
        }

        return rows;
    }

    private static async Task<Outcome> TimeAsync(int samples, Func<Task> action)
    {
        await action(); // warm-up
        var latencies = new List<double>(samples);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < samples; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await action();
            latencies.Add(Stats.Ms(Stopwatch.GetTimestamp() - started));
        }

        return new Outcome(samples / clock.Elapsed.TotalSeconds, Stats.Percentile(latencies, 50), Stats.Percentile(latencies, 99));
    }
}
