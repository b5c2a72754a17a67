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
    public RateLimitOptions RateLimits { get; set; } = new();
    public LockoutSettings Lockout { get; set; } = new();
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
}

public sealed class LockoutSettings
{
    public int MaxFailedAttempts { get; set; } = 5;
    public int Minutes { get; set; } = 5;
}
