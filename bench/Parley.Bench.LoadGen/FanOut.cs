using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Parley.Bench.LoadGen;

/// <summary>
/// Scenario 1: one channel, N receivers. An open-loop sender raises the rate step by step until p99 send-to-receive
/// latency passes 250 ms (or deliveries fall behind); every message carries the sender's monotonic timestamp. Parley's
/// messages go out through the hub; the baseline's through POST /broadcast.
/// </summary>
public sealed class FanOut(Settings settings)
{
    public const double LatencyLimitMs = 250;
    private readonly TimeSpan _step = TimeSpan.FromSeconds(settings.Quick ? 1.5 : 3);

    /// <summary>Receives "b:{step}:{stamp}" texts and keeps, per step, the latencies seen.</summary>
    public sealed class Recorder
    {
        private readonly object _gate = new();
        private List<double> _latencies = [];
        private int _step = -1;
        private long _deliveries;

        public long Deliveries => Interlocked.Read(ref _deliveries);

        public int Count
        {
            get
            {
                lock (_gate)
                {
                    return _latencies.Count;
                }
            }
        }

        public void Start(int step)
        {
            lock (_gate)
            {
                _step = step;
                _latencies = new List<double>(100_000);
            }
        }

        public List<double> Stop()
        {
            lock (_gate)
            {
                _step = -1;
                return _latencies;
            }
        }

        public void Record(ReadOnlySpan<char> content)
        {
            var now = Stopwatch.GetTimestamp();
            var at = content.IndexOf("b:", StringComparison.Ordinal);
            if (at < 0)
            {
                return;
            }

            var rest = content[(at + 2)..];
            var colon = rest.IndexOf(':');
            var end = rest[(colon + 1)..].IndexOfAny(' ', '"');
            var stampText = end < 0 ? rest[(colon + 1)..] : rest[(colon + 1)..][..end];
            if (colon < 0 || !int.TryParse(rest[..colon], CultureInfo.InvariantCulture, out var step)
                || !long.TryParse(stampText, CultureInfo.InvariantCulture, out var stamp))
            {
                return;
            }

            Interlocked.Increment(ref _deliveries);
            lock (_gate)
            {
                if (step == _step)
                {
                    _latencies.Add(Stats.Ms(now - stamp));
                }
            }
        }
    }

    public sealed record StepResult(double Rate, double DeliveriesPerSecond, double P50, double P99, double CpuPer1000, double Fraction, double ClientCpuPer1000);

    /// <summary><see cref="ClientCpuPer1000"/>: the load generator's own CPU per 1,000 deliveries at peak (receiving is most of it).</summary>
    public sealed record Outcome(double PeakDeliveries, double PeakRate, double CpuPer1000, double HalfP50, double HalfP99, double ClientCpuPer1000);

    /// <summary>Runs the ramp and then a step at half the peak rate. <paramref name="send"/> posts one message.</summary>
    public async Task<Outcome> RampAsync(string label, int receivers, Target target, Recorder recorder, Func<string, Task> send, double startRate)
    {
        // Warm-up (not recorded): the first messages pay for JIT and connection set-up.
        await StepAsync(0, startRate, TimeSpan.FromSeconds(1), receivers, target, recorder, send);
        var steps = new List<StepResult>();
        var rate = startRate;
        var stepIndex = 1;
        for (var i = 0; i < 16; i++, stepIndex++)
        {
            var result = await StepAsync(stepIndex, rate, _step, receivers, target, recorder, send);
            steps.Add(result);
            Results.Log(string.Create(CultureInfo.InvariantCulture,
                $"{label}: {rate:F0} msg/s -> {result.DeliveriesPerSecond:F0} deliveries/s, p50 {result.P50:F1} ms, p99 {result.P99:F1} ms, delivered {result.Fraction:P0}, CPU per 1,000: server {result.CpuPer1000:F4} s, load generator {result.ClientCpuPer1000:F4} s"));
            if (result.P99 > LatencyLimitMs || result.Fraction < 0.95)
            {
                // Too fast from the start: step down (to an eighth of the start rate at most) to find the peak.
                if (steps.All(s => s.P99 > LatencyLimitMs || s.Fraction < 0.95) && rate > startRate / 8)
                {
                    rate /= 2;
                    continue;
                }

                break;
            }

            rate *= 1.6;
        }

        var good = steps.Where(s => s.P99 <= LatencyLimitMs && s.Fraction >= 0.95).ToList();
        var peak = good.Count > 0 ? good.MaxBy(s => s.DeliveriesPerSecond)! : steps[0];
        await Task.Delay(1000);
        if (good.Count == 0)
        {
            Results.Log($"{label}: no step kept p99 within {LatencyLimitMs} ms");
        }

        var half = await StepAsync(++stepIndex, peak.Rate / 2, _step * 2, receivers, target, recorder, send);
        Results.Log(string.Create(CultureInfo.InvariantCulture,
            $"{label}: half peak {peak.Rate / 2:F0} msg/s -> p50 {half.P50:F1} ms, p99 {half.P99:F1} ms"));
        return new Outcome(good.Count > 0 ? peak.DeliveriesPerSecond : 0, peak.Rate, peak.CpuPer1000, half.P50, half.P99, peak.ClientCpuPer1000);
    }

    private static async Task<StepResult> StepAsync(int step, double rate, TimeSpan duration, int receivers, Target target, Recorder recorder, Func<string, Task> send)
    {
        recorder.Start(step);
        var cpuBefore = target.CpuSeconds();
        var clientCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var sent = 0;
        var pending = new List<Task>();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(2));
        while (clock.Elapsed < duration)
        {
            // Open loop: the schedule, not the replies, decides when the next message goes out.
            var due = (int)(clock.Elapsed.TotalSeconds * rate);
            for (; sent < due; sent++)
            {
                var text = string.Create(CultureInfo.InvariantCulture, $"b:{step}:{Stopwatch.GetTimestamp()} fan-out benchmark message");
                pending.Add(Task.Run(() => send(text)));
            }

            await timer.WaitForNextTickAsync();
        }

        var expected = (long)sent * receivers;
        int seen;
        var drain = Stopwatch.StartNew();
        var lastCount = -1;
        while (true)
        {
            await Task.Delay(100);
            var count = recorder.Count;
            if (count >= expected || drain.Elapsed > TimeSpan.FromSeconds(3) || (count == lastCount && drain.Elapsed > TimeSpan.FromSeconds(1)))
            {
                seen = count;
                break;
            }

            lastCount = count;
        }

        var cpu = target.CpuSeconds() - cpuBefore;
        var clientCpu = (Process.GetCurrentProcess().TotalProcessorTime - clientCpuBefore).TotalSeconds;
        var latencies = recorder.Stop();
        await Task.WhenAll(pending);
        var fraction = expected == 0 ? 1 : (double)seen / expected;
        var deliveries = seen / duration.TotalSeconds;
        return new StepResult(rate, deliveries, Stats.Percentile(latencies, 50), fraction < 0.95 ? double.PositiveInfinity : Stats.Percentile(latencies, 99),
            seen == 0 ? double.NaN : cpu / seen * 1000, fraction, seen == 0 ? double.NaN : clientCpu / seen * 1000);
    }

    // ---- Parley: receivers are SignalR hub connections, and the messages go out through the hub too.

    /// <summary>
    /// Every message is sent with the hub's SendMessage, round-robin over the receivers' own connections, so the step
    /// measures the send path and the fan-out rather than HTTP, and no connection outside the channel adds deliveries.
    /// Several senders, because a hub connection runs one invocation at a time.
    /// </summary>
    public async Task<Outcome> ParleyAsync(Target target, long channelId, IReadOnlyList<BenchUser> members, double startRate)
    {
        var recorder = new Recorder();
        var connections = await ConnectHubAsync(target.Url, members, 1, recorder);
        var channel = channelId.ToString(CultureInfo.InvariantCulture);
        var next = -1;
        try
        {
            return await RampAsync($"Parley N={members.Count}", members.Count, target, recorder, async text =>
            {
                var sender = connections[(int)((uint)Interlocked.Increment(ref next) % (uint)connections.Count)];
                try
                {
                    await sender.InvokeAsync("SendMessage", channel, new { content = text });
                }
                catch (Exception e) when (e is HubException or InvalidOperationException or OperationCanceledException)
                {
                    // Counted as a message not delivered.
                }
            }, startRate);
        }
        finally
        {
            await DisposeAllAsync(connections);
        }
    }

    public sealed record Msg(string Content);

    public static async Task<List<HubConnection>> ConnectHubAsync(Uri server, IReadOnlyList<BenchUser> users, int perUser, Recorder? recorder, int parallelism = 32)
    {
        var all = new HubConnection[users.Count * perUser];
        await Parallel.ForAsync(0, all.Length, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (i, cancellationToken) =>
        {
            var user = users[i % users.Count];
            var connection = new HubConnectionBuilder()
                .WithUrl(new Uri(server, "/hub?access_token=" + Uri.EscapeDataString(user.Token)), options =>
                {
                    options.Transports = HttpTransportType.WebSockets;
                    options.SkipNegotiation = true;
                })
                .Build();
            if (recorder is not null)
            {
                connection.On<Msg>("MessageCreated", message => recorder.Record(message.Content));
            }

            // A busy server may take longer than the client's default 15 s to answer the handshake: wait, and retry.
            connection.HandshakeTimeout = TimeSpan.FromSeconds(60);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await connection.StartAsync(cancellationToken);
                    break;
                }
                catch (Exception e) when (attempt < 3 && e is OperationCanceledException or HttpRequestException or System.Net.WebSockets.WebSocketException)
                {
                    Results.Log($"hub connect attempt {attempt} failed ({e.GetType().Name}); retrying");
                }
            }

            all[i] = connection;
        });
        return [.. all];
    }

    public static async Task DisposeAllAsync(IEnumerable<HubConnection> connections) =>
        await Parallel.ForEachAsync(connections, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (c, _) => await c.DisposeAsync());

    // ---- Baseline: receivers are bare WebSockets on the broadcaster, the sender posts to /broadcast.

    public async Task<Outcome> BaselineAsync(Target target, int receivers, int payloadBytes, double startRate)
    {
        var recorder = new Recorder();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512 }) { BaseAddress = target.Url };
        var sockets = await ConnectWebSocketsAsync(target.Url, receivers, recorder);
        try
        {
            return await RampAsync($"Baseline N={receivers}", receivers, target, recorder, async text =>
            {
                // The same size as Parley's event: the text, padded like the JSON of a message.
                var body = "{\"content\":\"" + text + "\",\"pad\":\"" + new string('x', Math.Max(0, payloadBytes - text.Length - 24)) + "\"}";
                try
                {
                    using var content = new StringContent(body, Encoding.UTF8, "application/json");
                    using var response = await http.PostAsync(new Uri("/broadcast", UriKind.Relative), content);
                }
                catch (HttpRequestException)
                {
                    // Counted as a message not delivered.
                }
            }, startRate);
        }
        finally
        {
            await CloseAllAsync(sockets);
        }
    }

    public static async Task<List<(ClientWebSocket Socket, Task Reader)>> ConnectWebSocketsAsync(Uri server, int count, Recorder? recorder, int parallelism = 32)
    {
        var all = new (ClientWebSocket, Task)[count];
        var uri = new UriBuilder(server) { Scheme = "ws", Path = "/ws" }.Uri;
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (i, cancellationToken) =>
        {
            var socket = new ClientWebSocket();
            await socket.ConnectAsync(uri, cancellationToken);
            all[i] = (socket, ReadAsync(socket, recorder));
        });
        return [.. all];
    }

    private static async Task ReadAsync(ClientWebSocket socket, Recorder? recorder)
    {
        var buffer = new byte[4096];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                recorder?.Record(Encoding.UTF8.GetString(buffer, 0, result.Count));
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Closed.
        }
    }

    public static async Task CloseAllAsync(List<(ClientWebSocket Socket, Task Reader)> sockets)
    {
        await Parallel.ForEachAsync(sockets, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (s, _) =>
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await s.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
                // Already gone.
            }

            s.Socket.Dispose();
        });
    }
}
