using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Parley.Bench.LoadGen;

/// <summary>The command line: --key value pairs, plus the mode.</summary>
public sealed class Settings
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public Settings(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                var key = args[i][2..];
                _values[key] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
            }
        }
    }

    public bool Quick => Get("mode", "full") == "quick";

    public string Get(string key, string fallback = "") => _values.TryGetValue(key, out var value) ? value : fallback;

    public int Number(string key, int fallback) => _values.TryGetValue(key, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public string Require(string key) => _values.TryGetValue(key, out var value) ? value : throw new ArgumentException($"--{key} is required");
}

/// <summary>A server under test: where it listens, its process (for CPU) and its GC port (for memory).</summary>
public sealed record Target(string Name, Uri Url, int Pid, int GcPort)
{
    public static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>utime + stime of the process, in seconds.</summary>
    public double CpuSeconds()
    {
        var stat = File.ReadAllText($"/proc/{Pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // After the command: field 3 is state, so utime (field 14) is index 11 and stime index 12.
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    /// <summary>Asks the startup hook in the server for a full compacting GC; returns (GC heap bytes, RSS bytes).</summary>
    public async Task<(long Heap, long Rss)> FullGcAsync()
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, GcPort);
        using var reader = new StreamReader(client.GetStream());
        var line = await reader.ReadLineAsync() ?? throw new InvalidOperationException("no answer from the GC hook");
        var parts = line.Split(' ');
        return (long.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture));
    }
}

public static class Stats
{
    public static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        values.Sort();
        var rank = (int)Math.Ceiling(p / 100 * values.Count) - 1;
        return values[Math.Clamp(rank, 0, values.Count - 1)];
    }

    public static double Median(IEnumerable<double> values)
    {
        var list = values.Where(v => !double.IsNaN(v)).ToList();
        return list.Count == 0 ? double.NaN : Percentile(list, 50);
    }

    public static double Ms(long stopwatchTicks) => stopwatchTicks * 1000.0 / Stopwatch.Frequency;
}

/// <summary>A Parley account the benchmark made, with a personal access token.</summary>
public sealed record BenchUser(long Id, string Username, string Token);

/// <summary>Just enough of Parley's REST API to set up the scenarios.</summary>
public sealed class ParleyApi : IDisposable
{
    public const string Password = "benchmark-password";
    private readonly HttpClient _http;

    public ParleyApi(Uri baseUrl)
    {
        _http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 512,
            PooledConnectionLifetime = TimeSpan.FromMinutes(30),
            UseCookies = false,
        })
        { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(2) };
    }

    public HttpClient Http => _http;

    public async Task<BenchUser> CreateUserAsync(string username)
    {
        var registered = await SendAsync(HttpMethod.Post, "/api/v1/auth/register", null, new { username, password = Password });
        var token = await SendAsync(HttpMethod.Post, "/api/v1/auth/tokens", null, new { login = username, password = Password, name = "bench" });
        return new BenchUser(long.Parse(registered!["id"]!.GetValue<string>(), CultureInfo.InvariantCulture), username, token!["token"]!.GetValue<string>());
    }

    public async Task<List<BenchUser>> CreateUsersAsync(string prefix, int count, int parallelism = 8)
    {
        var users = new BenchUser[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (i, _) =>
            users[i] = await CreateUserAsync(string.Create(CultureInfo.InvariantCulture, $"{prefix}{i}")));
        return [.. users];
    }

    /// <summary>A server owned by <paramref name="owner"/>, joined by <paramref name="members"/>; returns (server id, #general id).</summary>
    public async Task<(long Server, long Channel)> CreateServerAsync(BenchUser owner, string name, IReadOnlyList<BenchUser> members)
    {
        var server = await SendAsync(HttpMethod.Post, "/api/v1/servers", owner, new { name });
        var serverId = server!["id"]!.GetValue<string>();
        var channels = await SendAsync(HttpMethod.Get, $"/api/v1/servers/{serverId}/channels", owner, null);
        var channelId = channels!.AsArray().First(c => c!["type"]!.GetValue<string>() == "text")!["id"]!.GetValue<string>();
        if (members.Count > 0)
        {
            var invite = await SendAsync(HttpMethod.Post, $"/api/v1/channels/{channelId}/invites", owner, new { maxAgeSeconds = (int?)null, maxUses = (int?)null });
            var code = invite!["code"]!.GetValue<string>();
            await Parallel.ForEachAsync(members, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (member, _) =>
                await SendAsync(HttpMethod.Post, $"/api/v1/invites/{code}/accept", member, null));
        }

        return (long.Parse(serverId, CultureInfo.InvariantCulture), long.Parse(channelId, CultureInfo.InvariantCulture));
    }

    public async Task<long> CreateChannelAsync(BenchUser owner, long serverId, string name)
    {
        var channel = await SendAsync(HttpMethod.Post, $"/api/v1/servers/{serverId}/channels", owner, new { name, type = "text" });
        return long.Parse(channel!["id"]!.GetValue<string>(), CultureInfo.InvariantCulture);
    }

    public async Task<JsonNode?> SendAsync(HttpMethod method, string path, BenchUser? user, object? body)
    {
        using var request = Request(method, path, user, body);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{method} {path}: {(int)response.StatusCode} {text}");
        }

        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    public static HttpRequestMessage Request(HttpMethod method, string path, BenchUser? user, object? body)
    {
        var request = new HttpRequestMessage(method, path);
        if (user is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user.Token);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: JsonOptions);
        }

        return request;
    }

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public void Dispose() => _http.Dispose();
}

/// <summary>One figure of the report: Parley's value and the baseline's, measured in the same run.</summary>
public sealed record Row(
    string Scenario,
    string Case,
    string Metric,
    string Unit,
    double Parley,
    double? Baseline,
    string Target,
    bool? Met,
    string Note = "");

public static class Results
{
    // NaN stands for "no figure" (no baseline, nothing measured); it is written as "NaN" rather than failing the run.
    public static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static void Append(string path, IEnumerable<Row> rows)
    {
        var all = File.Exists(path) ? JsonSerializer.Deserialize<List<Row>>(File.ReadAllText(path), Indented) ?? [] : [];
        all.AddRange(rows);
        File.WriteAllText(path, JsonSerializer.Serialize(all, Indented));
    }

    private static readonly Stopwatch Clock = Stopwatch.StartNew();

    public static void Log(string message) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{Clock.Elapsed.TotalSeconds,6:F1}s] {message}"));
}
