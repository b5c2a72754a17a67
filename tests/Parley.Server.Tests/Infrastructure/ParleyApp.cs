using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Parley.Data;

namespace Parley.Server.Tests.Infrastructure;

public enum Db
{
    Sqlite,
    Postgres,
}

/// <summary>
/// A Parley server in memory on a database of its own: a temporary SQLite file, or a fresh PostgreSQL database
/// created from PARLEY_TEST_POSTGRES and dropped afterwards.
/// </summary>
public sealed class ParleyApp : WebApplicationFactory<Program>
{
    public const string PostgresVariable = "PARLEY_TEST_POSTGRES";
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "parley-tests", Guid.NewGuid().ToString("N"));
    private readonly string? _postgresDatabase;
    private readonly Dictionary<string, string?> _settings;

    public ParleyApp(Db db, IDictionary<string, string?>? settings = null)
    {
        Db = db;
        _settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Parley:DataDirectory"] = _dataDirectory,
            ["Parley:RateLimits:AuthPermitsPerMinute"] = "100000",
            ["Parley:NodeId"] = "1",
            // Registering hundreds of accounts at 210,000 PBKDF2 iterations each dominates the suite; the hashing
            // tests use the production count (see LoginTests).
            ["Parley:Testing:PasswordIterations"] = "1000",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Error",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Error",
            ["Parley:RateLimits:SendBurst"] = "100000",
            ["Parley:RateLimits:SendsPerSecond"] = "100000",
        };
        if (db == Db.Postgres)
        {
            _postgresDatabase = "parley_test_" + Guid.NewGuid().ToString("N")[..12];
            var connection = new NpgsqlConnectionStringBuilder(PostgresServer!) { Database = _postgresDatabase };
            _settings["Parley:Database:Provider"] = "Postgres";
            _settings["Parley:Database:ConnectionString"] = connection.ConnectionString;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public Db Db { get; }

    /// <summary>The settings this server started with (a second node of the same deployment starts from them).</summary>
    public IReadOnlyDictionary<string, string?> Settings => _settings;

    public static string? PostgresServer => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value : null;

    /// <summary>SQLite always; PostgreSQL too when PARLEY_TEST_POSTGRES is set.</summary>
    public static TheoryData<Db> Databases
    {
        get
        {
            var data = new TheoryData<Db> { Db.Sqlite };
            if (PostgresServer is not null)
            {
                data.Add(Db.Postgres);
            }

            return data;
        }
    }

    /// <summary>A browser-like client: keeps cookies and sends the antiforgery header on writes.</summary>
    public HttpClient CreateBrowser() => CreateBrowser(out _);

    public HttpClient CreateBrowser(out BrowserCookies jar)
    {
        jar = new BrowserCookies();
        return CreateDefaultClient(new Uri("http://localhost"), jar);
    }

    /// <summary>A client without cookies, like the CLI or a bot.</summary>
    public HttpClient CreateBareClient() => CreateDefaultClient(new Uri("http://localhost"));

    public async Task<T> WithDbAsync<T>(Func<ParleyDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<ParleyDbContext>());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseEnvironment("Testing");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_postgresDatabase is not null)
        {
            await DropDatabaseAsync(_postgresDatabase);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Drops the test's database. Other tests' servers connect and disconnect all the time, so a drop can meet a
    /// passing conflict; it is tried again, and a database still left is dropped when the test script next starts.
    /// </summary>
    private static async Task DropDatabaseAsync(string database)
    {
        NpgsqlConnection.ClearAllPools();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(PostgresServer!) { Database = "postgres", Pooling = false }.ConnectionString);
                await connection.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (NpgsqlException e) when (attempt < 5)
            {
                await Console.Error.WriteLineAsync($"Dropping {database} failed ({e.Message}); trying again.");
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt));
            }
            catch (NpgsqlException e)
            {
                await Console.Error.WriteLineAsync($"Could not drop {database}: {e.Message}");
                return;
            }
        }
    }
}

/// <summary>One server per database for a whole test class; started on first use.</summary>
public sealed class ParleyApps : IAsyncLifetime
{
    private readonly Dictionary<Db, ParleyApp> _apps = [];
    private readonly Lock _gate = new();

    public ParleyApp this[Db db]
    {
        get
        {
            lock (_gate)
            {
                if (!_apps.TryGetValue(db, out var app))
                {
                    _apps[db] = app = new ParleyApp(db);
                    _ = app.Server; // start it (and migrate) now
                }

                return app;
            }
        }
    }

    // xunit 2 disposes a class fixture only through IDisposable or IAsyncLifetime, never IAsyncDisposable: without
    // this its servers (and their PostgreSQL databases and data directories) outlived the run.
    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var app in _apps.Values)
        {
            await app.DisposeAsync();
        }
    }
}

/// <summary>Cookie jar plus the double-submit antiforgery header, as the web client does it.</summary>
public sealed class BrowserCookies : DelegatingHandler
{
    public System.Net.CookieContainer Cookies { get; } = new();

    public bool SendAntiforgeryHeader { get; set; } = true;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        var header = Cookies.GetCookieHeader(uri);
        if (header.Length > 0)
        {
            request.Headers.Add("Cookie", header);
        }

        if (SendAntiforgeryHeader && request.Method != HttpMethod.Get && Cookies.GetCookies(uri)["XSRF-TOKEN"] is { } token)
        {
            request.Headers.Add("X-XSRF-TOKEN", token.Value);
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var setCookie in setCookies)
            {
                Cookies.SetCookies(uri, setCookie);
            }
        }

        return response;
    }
}
