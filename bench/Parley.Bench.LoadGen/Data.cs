using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Parley.Bench.LoadGen;

/// <summary>The database Parley runs on, reached with the raw ADO.NET driver for baselines and seeding.</summary>
public sealed class Database(string kind, string connectionString)
{
    public bool IsSqlite => kind == "sqlite";

    public string Kind => IsSqlite ? "SQLite" : "PostgreSQL";

    public async Task<DbConnection> OpenAsync()
    {
        DbConnection connection = IsSqlite ? new SqliteConnection(connectionString) : new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Ids in the Snowflake layout, in a range of the past that the server's own ids never reach.</summary>
    public static long PastId(TimeSpan ago, long sequence)
    {
        var epoch = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var millis = (long)(TimeProvider.System.GetUtcNow() - ago - epoch).TotalMilliseconds;
        return (millis << 22) + sequence;
    }

    /// <summary>Parley's SearchQuery.Fold: upper case, Latin accents removed, other scripts kept.</summary>
    public static string Fold(string text)
    {
        var decomposed = text.ToUpperInvariant().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark && builder.Length > 0 && builder[^1] < 0x0250)
            {
                continue;
            }

            builder.Append(c);
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>NOT NULL columns without a default besides the five the benchmark writes, with a zero value each.</summary>
    private List<(string Name, string Type)> _extra = [];

    /// <summary>Finds the columns other features added to Messages that an insert must fill (with zero, false or "").</summary>
    public async Task PrepareAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = IsSqlite
            ? """SELECT name, type FROM pragma_table_info('Messages') WHERE "notnull" = 1 AND dflt_value IS NULL AND pk = 0"""
            : """SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'Messages' AND is_nullable = 'NO' AND column_default IS NULL""";
        var known = new[] { "Id", "ChannelId", "AuthorId", "Content", "SearchText" };
        var extra = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            if (!known.Contains(reader.GetString(0)))
            {
                extra.Add((reader.GetString(0), reader.GetString(1).ToUpperInvariant()));
            }
        }

        _extra = extra;
    }

    private static string ZeroLiteral(string type) => type switch
    {
        "BOOLEAN" => "FALSE",
        _ when type.Contains("INT", StringComparison.Ordinal) || type.Contains("NUMERIC", StringComparison.Ordinal) => "0",
        _ => "''",
    };

    private string Columns => string.Concat(_extra.Select(c => $", \"{c.Name}\""));

    public DbCommand InsertCommand(DbConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = $"""INSERT INTO "Messages" ("Id", "ChannelId", "AuthorId", "Content", "SearchText"{Columns}) VALUES (@id, @channel, @author, @content, @search{string.Concat(_extra.Select(c => ", " + ZeroLiteral(c.Type)))})""";
        foreach (var name in new[] { "id", "channel", "author", "content", "search" })
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    public static void Bind(DbCommand command, long id, long channel, long author, string content)
    {
        command.Parameters[0].Value = id;
        command.Parameters[1].Value = channel;
        command.Parameters[2].Value = author;
        command.Parameters[3].Value = content;
        command.Parameters[4].Value = Fold(content);
    }

    // ---- Seeding a large channel for history and search.

    private static readonly string[] Words =
    [
        "hello", "world", "meeting", "tomorrow", "deadline", "coffee", "lunch", "report", "update", "review", "design",
        "server", "client", "deploy", "release", "fix", "test", "build", "weekend", "thanks", "please", "question",
        "answer", "idea", "plan", "team", "call", "agenda", "budget", "office", "travel", "ticket", "weather", "music",
        "movie", "book", "game", "photo", "program", "progress", "привет", "спасибо", "встреча", "завтра", "сообщение",
        "работа", "проект", "отчёт", "café", "naïve",
    ];

    public const string RareWord = "xylophone";

    public static string SeedContent(Random random, int index)
    {
        var builder = new StringBuilder();
        var count = random.Next(6, 14);
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                builder.Append(' ');
            }

            builder.Append(Words[random.Next(Words.Length)]);
        }

        if (index % 10_000 == 4_999)
        {
            builder.Append(' ').Append(RareWord);
        }

        return builder.ToString();
    }

    /// <summary>Inserts <paramref name="count"/> messages, oldest first; returns their ids in order.</summary>
    public async Task<long[]> SeedAsync(long channelId, long authorId, int count)
    {
        var random = new Random(42);
        var ids = new long[count];
        var first = PastId(TimeSpan.FromDays(30), 0);
        for (var i = 0; i < count; i++)
        {
            ids[i] = first + ((long)i << 22);
        }

        var clock = Stopwatch.StartNew();
        await using var connection = await OpenAsync();
        if (IsSqlite)
        {
            const int Batch = 20_000;
            for (var start = 0; start < count; start += Batch)
            {
                await using var transaction = await connection.BeginTransactionAsync();
                await using var insert = InsertCommand(connection);
                insert.Transaction = transaction;
                for (var i = start; i < Math.Min(count, start + Batch); i++)
                {
                    Bind(insert, ids[i], channelId, authorId, SeedContent(random, i));
                    await insert.ExecuteNonQueryAsync();
                }

                await transaction.CommitAsync();
            }
        }
        else
        {
            var npgsql = (NpgsqlConnection)connection;
            await using (var writer = await npgsql.BeginBinaryImportAsync(
                $"""COPY "Messages" ("Id", "ChannelId", "AuthorId", "Content", "SearchText"{Columns}) FROM STDIN (FORMAT BINARY)"""))
            {
                for (var i = 0; i < count; i++)
                {
                    var content = SeedContent(random, i);
                    await writer.StartRowAsync();
                    await writer.WriteAsync(ids[i], NpgsqlDbType.Bigint);
                    await writer.WriteAsync(channelId, NpgsqlDbType.Bigint);
                    await writer.WriteAsync(authorId, NpgsqlDbType.Bigint);
                    await writer.WriteAsync(content, NpgsqlDbType.Text);
                    await writer.WriteAsync(Fold(content), NpgsqlDbType.Text);
                    foreach (var (_, type) in _extra)
                    {
                        await (type switch
                        {
                            "BOOLEAN" => writer.WriteAsync(false, NpgsqlDbType.Boolean),
                            "BIGINT" => writer.WriteAsync(0L, NpgsqlDbType.Bigint),
                            "INTEGER" => writer.WriteAsync(0, NpgsqlDbType.Integer),
                            "SMALLINT" => writer.WriteAsync((short)0, NpgsqlDbType.Smallint),
                            _ => writer.WriteAsync("", NpgsqlDbType.Text),
                        });
                    }
                }

                await writer.CompleteAsync();
            }

            // As autovacuum would have by the time a real table held a million rows: statistics for the planner, the
            // visibility map, and the trigram index's pending entries merged. Measuring while autovacuum is still at
            // work on the fresh load gave plans and timings that changed from run to run.
            await using var vacuum = connection.CreateCommand();
            vacuum.CommandText = """VACUUM ANALYZE "Messages" """;
            vacuum.CommandTimeout = 600;
            await vacuum.ExecuteNonQueryAsync();
        }

        if (IsSqlite)
        {
            await using var triggers = connection.CreateCommand();
            triggers.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'Messages_fts%'";
            if (Convert.ToInt64(await triggers.ExecuteScalarAsync(), CultureInfo.InvariantCulture) < 3)
            {
                Results.Log("WARNING: the FTS5 triggers on Messages are missing: new messages are not indexed for search");
            }
        }

        await using (var last = connection.CreateCommand())
        {
            last.CommandText = string.Create(CultureInfo.InvariantCulture, $"""UPDATE "Channels" SET "LastMessageId" = {ids[^1]} WHERE "Id" = {channelId}""");
            await last.ExecuteNonQueryAsync();
        }

        Results.Log(string.Create(CultureInfo.InvariantCulture, $"{Kind}: seeded {count} messages in {clock.Elapsed.TotalSeconds:F0} s"));
        return ids;
    }
}
