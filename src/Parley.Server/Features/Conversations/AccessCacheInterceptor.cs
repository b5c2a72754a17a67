using System.Buffers;
using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Parley.Server.Features.Conversations;

/// <summary>
/// Keeps <see cref="AccessCache"/> honest by watching the SQL itself, so SaveChanges, ExecuteUpdate, ExecuteDelete and
/// raw SQL are all covered, including writes added later: a statement that writes a table access depends on (see
/// <see cref="AccessWrites"/>) bumps the generation before it runs, and again once it is committed: at the commit of its
/// transaction, or, outside one, when the statement (or the SaveChanges that ran it) has completed. The send's own
/// <c>UPDATE "Channels" SET "LastMessageId"</c> is not access data and bumps nothing, nor do the once-a-minute
/// last-used and last-seen times of tokens and sessions.
/// </summary>
public sealed class AccessCacheInterceptor(AccessCache cache) : IDbCommandInterceptor, IDbTransactionInterceptor, ISaveChangesInterceptor
{
    private static readonly object Marker = new();

    // Commands that write access data, until they complete; transactions that ran one, until they end; contexts whose
    // SaveChanges ran one outside a transaction, until SaveChanges returns.
    private readonly ConditionalWeakTable<DbCommand, object> _commands = [];
    private readonly ConditionalWeakTable<DbTransaction, object> _transactions = [];
    private readonly ConditionalWeakTable<DbContext, object> _contexts = [];

    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Executing(command, eventData);
        return result;
    }

    public ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Executing(command, eventData);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Executing(command, eventData);
        return result;
    }

    public ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Executing(command, eventData);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Executing(command, eventData);
        return result;
    }

    public ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Executing(command, eventData);
        return ValueTask.FromResult(result);
    }

    // A non-query or scalar outside a transaction has committed when it returns.
    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        if (Completed(command))
        {
            cache.CommittedAsync().Forget();
        }

        return result;
    }

    public async ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (Completed(command))
        {
            await cache.CommittedAsync();
        }

        return result;
    }

    public object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        if (Completed(command))
        {
            cache.CommittedAsync().Forget();
        }

        return result;
    }

    public async ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        if (Completed(command))
        {
            await cache.CommittedAsync();
        }

        return result;
    }

    // A reader (SaveChanges' batches) outside a transaction commits when it is disposed; SavedChanges follows that.
    public InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        if (Completed(command))
        {
            cache.Invalidate();
        }

        return result;
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData)
    {
        if (Completed(command))
        {
            cache.CommittedAsync().Forget();
        }
    }

    public async Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (Completed(command))
        {
            await cache.CommittedAsync();
        }
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (SaveEnded(eventData.Context))
        {
            cache.CommittedAsync().Forget();
        }

        return result;
    }

    public async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (SaveEnded(eventData.Context))
        {
            await cache.CommittedAsync();
        }

        return result;
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (SaveEnded(eventData.Context))
        {
            cache.CommittedAsync().Forget();
        }
    }

    public async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (SaveEnded(eventData.Context))
        {
            await cache.CommittedAsync();
        }
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (Take(_transactions, transaction))
        {
            cache.CommittedAsync().Forget();
        }
    }

    public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (Take(_transactions, transaction))
        {
            await cache.CommittedAsync();
        }
    }

    // Rolled back: nothing changed, but bumping costs only a refill.
    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Ended(transaction);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Ended(transaction);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Ended(transaction);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Ended(transaction);
        return Task.CompletedTask;
    }

    private void Executing(DbCommand command, CommandEventData eventData)
    {
        if (!AccessWrites.Affects(command.CommandText))
        {
            return;
        }

        cache.Invalidate();
        if (command.Transaction is { } transaction)
        {
            _transactions.AddOrUpdate(transaction, Marker);
            return;
        }

        _commands.AddOrUpdate(command, Marker);
        if (eventData.Context is { } context)
        {
            _contexts.AddOrUpdate(context, Marker);
        }
    }

    /// <summary>True when an access write outside a transaction has just finished (and so committed).</summary>
    private bool Completed(DbCommand command) => Take(_commands, command);

    private bool SaveEnded(DbContext? context) => context is not null && Take(_contexts, context);

    // Looked up first: every command, SaveChanges and commit passes here, and Remove takes a lock.
    private static bool Take<T>(ConditionalWeakTable<T, object> marked, T key)
        where T : class =>
        marked.TryGetValue(key, out _) && marked.Remove(key);

    private void Ended(DbTransaction transaction)
    {
        if (Take(_transactions, transaction))
        {
            cache.Invalidate();
        }
    }
}

/// <summary>Which SQL statements change what <see cref="ChannelAccess"/> or authentication read (see <see cref="AccessCache"/>).</summary>
public static partial class AccessWrites
{
    // Tables every access decision reads, directly or through a cascade (deleting a user or a server deletes their
    // memberships, tokens and sessions), and the tokens and sessions authentication reads. Users are Identity's
    // "AspNetUsers" table ("Users" too, in case it is ever renamed).
    private static readonly HashSet<string> Tables = new(StringComparer.OrdinalIgnoreCase)
    {
        "Channels", "ChannelRecipients", "PermissionOverwrites", "Roles", "MemberRoles", "ServerMembers", "Servers", "Bans", "Blocks", "Users", "AspNetUsers",
        "PersonalAccessTokens", "UserSessions",
    };

    // Tables whose new rows cannot make a cached entry wrong (a new channel, token or session has none yet), with the
    // columns that are not cached and that busy paths update: the channel's newest message (every send), a token's
    // last use and a session's last sight (once a minute per token or session). Anything else updated, or a delete, bumps.
    private static readonly Dictionary<string, string[]> HarmlessColumns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Channels"] = ["LastMessageId"],
        ["PersonalAccessTokens"] = ["LastUsedAt"],
        ["UserSessions"] = ["LastSeenAt"],
    };

    // Users matter when deleted (cascades), and if a username changed (a token's principal carries it; Parley has no
    // way to change it today).
    private static readonly string[] CachedUserColumns = ["UserName", "NormalizedUserName"];

    private static readonly SearchValues<string> Verbs = SearchValues.Create(["INSERT", "UPDATE", "DELETE", "REPLACE", "TRUNCATE"], StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the SQL writes a table access depends on (conservative: unsure counts as a write).</summary>
    public static bool Affects(string? sql)
    {
        if (string.IsNullOrEmpty(sql) || sql.AsSpan().IndexOfAny(Verbs) < 0)
        {
            return false;
        }

        foreach (Match write in WriteStatement().Matches(sql))
        {
            var table = write.Groups["table"].Value;
            if (!Tables.Contains(table))
            {
                continue;
            }

            var verb = write.Groups["verb"].Value.ToUpperInvariant();
            var isDelete = verb.StartsWith("DELETE", StringComparison.Ordinal) || verb.StartsWith("TRUNCATE", StringComparison.Ordinal)
                || verb.Contains("REPLACE", StringComparison.Ordinal);
            var isUpdate = verb.StartsWith("UPDATE", StringComparison.Ordinal);
            var afterTable = write.Index + write.Length;
            bool affects;
            if (table.Equals("AspNetUsers", StringComparison.OrdinalIgnoreCase) || table.Equals("Users", StringComparison.OrdinalIgnoreCase))
            {
                affects = isDelete || (isUpdate && !SetsNoneOf(sql, afterTable, CachedUserColumns));
            }
            else if (HarmlessColumns.TryGetValue(table, out var harmless))
            {
                affects = isDelete || (isUpdate ? !SetsOnly(sql, afterTable, harmless) : IsUpsert(sql, write.Index));
            }
            else
            {
                affects = true;
            }

            if (affects)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An INSERT that updates a row already there (ON CONFLICT ... DO UPDATE) changes a channel.</summary>
    private static bool IsUpsert(string sql, int start)
    {
        var end = sql.IndexOf(';', start);
        var statement = end < 0 ? sql.AsSpan(start) : sql.AsSpan(start, end - start);
        return statement.Contains("DO UPDATE", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>An UPDATE whose SET list assigns nothing but the given columns (false when unsure).</summary>
    private static bool SetsOnly(string sql, int afterTable, string[] columns) =>
        AssignedColumns(sql, afterTable) is { Count: > 0 } assigned && assigned.All(c => columns.Contains(c.Groups["column"].Value, StringComparer.Ordinal));

    /// <summary>An UPDATE whose SET list assigns none of the given columns (false when unsure).</summary>
    private static bool SetsNoneOf(string sql, int afterTable, string[] columns) =>
        AssignedColumns(sql, afterTable) is { Count: > 0 } assigned && !assigned.Any(c => columns.Contains(c.Groups["column"].Value, StringComparer.OrdinalIgnoreCase));

    private static MatchCollection? AssignedColumns(string sql, int afterTable)
    {
        var set = SetClause().Match(sql, afterTable);
        return set.Success && set.Index == afterTable ? Assignment().Matches(set.Groups["list"].Value) : null;
    }

    [GeneratedRegex("""\b(?<verb>INSERT\s+(?:OR\s+\w+\s+)?INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?)\s+(?:ONLY\s+)?"?(?<table>[A-Za-z_]\w*)"?""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WriteStatement();

    // Right after the table: an optional alias, SET, and the assignments up to WHERE, RETURNING, FROM or the statement's end.
    [GeneratedRegex("""\G(?:\s+AS\s+"?\w+"?)?\s+SET\s+(?<list>(?:(?!\bWHERE\b|\bRETURNING\b|\bFROM\b|;).)*)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex SetClause();

    // An assigned column: quoted, not qualified ("m"."Id" = ... is a comparison in a subquery).
    [GeneratedRegex("""(?<![.\w"])"(?<column>\w+)"\s*=(?!=)""", RegexOptions.CultureInvariant)]
    private static partial Regex Assignment();
}

internal static class TaskExtensions
{
    /// <summary>For the synchronous interceptor paths: the local bump has happened; publishing reports its own errors.</summary>
    public static void Forget(this Task task) => _ = task;
}
