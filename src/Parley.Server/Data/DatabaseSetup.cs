using Microsoft.EntityFrameworkCore;
using Parley.Data;
using Parley.Server.Features.Conversations;
using Parley.Server.Infrastructure;

namespace Parley.Server.Data;

public static class DatabaseSetup
{
    /// <summary>
    /// Pooled contexts: building a context and its internal services took 15 to 20% of a hub connect, twice per connect
    /// (authentication and the hub's scope). ParleyDbContext holds no per-request state, so reuse is safe.
    /// </summary>
    public static IServiceCollection AddParleyDatabase(this IServiceCollection services, ParleyOptions options)
    {
        services.AddAccessCache(options);
        switch (options.Database.Provider)
        {
            case DatabaseProvider.Postgres:
                if (string.IsNullOrWhiteSpace(options.Database.ConnectionString))
                {
                    throw new InvalidOperationException(
                        "Parley__Database__ConnectionString is required when Parley__Database__Provider is Postgres.");
                }

                services.AddDbContextPool<ParleyDbContext>((provider, db) => db.UseNpgsql(
                    options.Database.ConnectionString,
                    npgsql => npgsql.MigrationsAssembly("Parley.Data.Postgres")).UseAccessCache(provider));
                break;
            default:
                var connectionString = string.IsNullOrWhiteSpace(options.Database.ConnectionString)
                    ? $"Data Source={Path.Combine(options.DataDirectory, "parley.db")}"
                    : options.Database.ConnectionString;
                // A list in a query (ids.Contains(...)) goes as one JSON parameter read by json_each, not as one
                // parameter per element: that SQL is the same for any count, so it is built once and cached, where
                // the per-element form was regenerated on every call and bound 50 parameters for a page of history.
                services.AddDbContextPool<ParleyDbContext>((provider, db) => db.UseSqlite(
                    connectionString,
                    sqlite => sqlite.MigrationsAssembly("Parley.Data.Sqlite")
                        .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter)).UseAccessCache(provider));
                break;
        }

        return services;
    }

    /// <summary>Creates the data folder and applies pending migrations, so a fresh machine starts with one command.</summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ParleyOptions>>().Value;
        Directory.CreateDirectory(options.DataDirectory);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        await db.Database.MigrateAsync();
        if (db.Database.IsSqlite())
        {
            // WAL lets readers run while a write commits; it is a property of the file, so set it once here.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
    }
}
