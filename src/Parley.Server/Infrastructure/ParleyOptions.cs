namespace Parley.Server.Infrastructure;

/// <summary>Everything under the "Parley" configuration section (environment: Parley__Section__Key).</summary>
public sealed class ParleyOptions
{
    public const string Section = "Parley";

    /// <summary>Where the embedded database and files live, relative to the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Distinct per node when several nodes share a database; random when not set.</summary>
    public int? NodeId { get; set; }

    public DatabaseOptions Database { get; set; } = new();

    /// <summary>A Redis connection string turns on scale-out (the SignalR backplane). Empty: one node.</summary>
    public string Redis { get; set; } = "";

    /// <summary>Starts the name of every Redis channel Parley uses, so several deployments can share one Redis.</summary>
    public string RedisPrefix { get; set; } = "parley";

    public RateLimitOptions RateLimits { get; set; } = new();
    public Storage.FileStorageOptions Files { get; set; } = new();
    public LockoutSettings Lockout { get; set; } = new();

    /// <summary>Origins besides the server's own that may open the hub (e.g. a separately hosted web client).</summary>
    public IReadOnlyList<string> AllowedOrigins { get; set; } = [];
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Empty means SQLite at {DataDirectory}/parley.db.</summary>
    public string ConnectionString { get; set; } = "";
}

public sealed class RateLimitOptions
{
    /// <summary>Register, sign-in and token requests allowed per client address per minute.</summary>
    public int AuthPermitsPerMinute { get; set; } = 10;

    /// <summary>Messages a user may send in a burst, then <see cref="SendsPerSecond"/> more each second.</summary>
    public int SendBurst { get; set; } = 20;

    public int SendsPerSecond { get; set; } = 5;
}

public sealed class LockoutSettings
{
    public int MaxFailedAttempts { get; set; } = 5;
    public int Minutes { get; set; } = 5;
}
