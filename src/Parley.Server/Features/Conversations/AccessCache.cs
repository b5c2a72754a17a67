using System.Buffers.Binary;
using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Parley.Data.Conversations;
using Parley.Server.Features.Servers;

namespace Parley.Server.Features.Conversations;

/// <summary>
/// What <see cref="ChannelAccess"/> reads from the database to decide access, kept in memory so that a send or a
/// history page makes no permission query: each channel (with its overwrites, or a private chat's members), each
/// (server, member) standing, and whether a direct chat is blocked. Authentication keeps here what it finds, so that a
/// repeated request makes no authentication query: a bearer token's owner (by the token's hash) and each existing
/// browser session (by id). Only what exists is kept: an unknown token or session is looked up every time.
/// <para>
/// Every entry carries the <see cref="Generation"/> current when its data was read; a look-up hits only while that is
/// still the current generation. Any write that can change access bumps the generation (see
/// <see cref="AccessCacheInterceptor"/>), before the statement runs and again once it is committed, so every request
/// that starts after the writer's commit misses and reads again. A reader captures the generation before its query
/// and stores what it read under that value: if a write committed meanwhile, the entry is born stale and never hits.
/// With Redis configured, bumps are also published to the other nodes (<see cref="AccessCacheSync"/>), and the cache
/// serves nothing while that subscription is not known to work.
/// </para>
/// </summary>
public sealed class AccessCache
{
    /// <summary>Above this many stored entries everything is dropped; the cache refills from use.</summary>
    public const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<long, Entry<CachedChannel>> _channels = new();
    private readonly ConcurrentDictionary<(long ServerId, long UserId), Entry<ServerGrant?>> _members = new();
    private readonly ConcurrentDictionary<long, Entry<bool>> _directBlocks = new();
    private readonly ConcurrentDictionary<TokenDigest, Entry<CachedLogin>> _tokens = new();
    private readonly ConcurrentDictionary<long, Entry<CachedLogin>> _sessions = new();
    private long _generation;
    private int _stored;
    private volatile bool _enabled = true;

    /// <summary>Capture before reading the database; store what was read under the captured value.</summary>
    public long Generation => Volatile.Read(ref _generation);

    /// <summary>Off while another node's bumps might be missed (Redis not connected): every look-up misses.</summary>
    public bool Enabled
    {
        get => _enabled;
        set
        {
            _enabled = value;
            Invalidate();
        }
    }

    /// <summary>Called after each committed access change, to tell the other nodes. Set by <see cref="AccessCacheSync"/>.</summary>
    public Func<Task>? Published { get; set; }

    /// <summary>Every entry stored so far is stale from now on.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        if (Volatile.Read(ref _stored) > 0)
        {
            Clear();
        }
    }

    /// <summary>An access change committed: invalidate here and on the other nodes.</summary>
    public async Task CommittedAsync()
    {
        Invalidate();
        if (Published is { } publish)
        {
            await publish();
        }
    }

    public bool TryGetChannel(long channelId, out CachedChannel channel) => TryGet(_channels, channelId, out channel!);

    public void StoreChannel(long channelId, CachedChannel channel, long generation) => Store(_channels, channelId, channel, generation);

    public bool TryGetMember(long serverId, long userId, out ServerGrant? grant) => TryGet(_members, (serverId, userId), out grant);

    public void StoreMember(long serverId, long userId, ServerGrant? grant, long generation) => Store(_members, (serverId, userId), grant, generation);

    public bool TryGetDirectBlock(long channelId, out bool blocked) => TryGet(_directBlocks, channelId, out blocked);

    public void StoreDirectBlock(long channelId, bool blocked, long generation) => Store(_directBlocks, channelId, blocked, generation);

    /// <summary>A personal access token's owner, by the token's hash (never a miss: unknown tokens are not stored).</summary>
    public bool TryGetToken(TokenDigest digest, out CachedLogin token) => TryGet(_tokens, digest, out token!);

    public void StoreToken(TokenDigest digest, CachedLogin token, long generation) => Store(_tokens, digest, token, generation);

    /// <summary>A browser session that exists, by id (never a miss: a session that is gone is not stored).</summary>
    public bool TryGetSession(long sessionId, out CachedLogin session) => TryGet(_sessions, sessionId, out session!);

    public void StoreSession(long sessionId, CachedLogin session, long generation) => Store(_sessions, sessionId, session, generation);

    private bool TryGet<TKey, TValue>(ConcurrentDictionary<TKey, Entry<TValue>> entries, TKey key, out TValue value)
        where TKey : notnull
    {
        if (_enabled && entries.TryGetValue(key, out var entry) && entry.Generation == Volatile.Read(ref _generation))
        {
            value = entry.Value;
            return true;
        }

        value = default!;
        return false;
    }

    private void Store<TKey, TValue>(ConcurrentDictionary<TKey, Entry<TValue>> entries, TKey key, TValue value, long generation)
        where TKey : notnull
    {
        // Read under an older generation: it may predate a change, and would never hit anyway.
        if (!_enabled || generation != Volatile.Read(ref _generation))
        {
            return;
        }

        if (Interlocked.Increment(ref _stored) > MaxEntries)
        {
            Clear();
        }

        entries[key] = new Entry<TValue>(generation, value);
    }

    private void Clear()
    {
        Volatile.Write(ref _stored, 0);
        _channels.Clear();
        _members.Clear();
        _directBlocks.Clear();
        _tokens.Clear();
        _sessions.Clear();
    }

    private sealed record Entry<TValue>(long Generation, TValue Value);
}

/// <summary>
/// A channel as access needs it: its row (never handed out; callers get a copy), its permission overwrites, and for a
/// direct or group chat its members.
/// </summary>
public sealed record CachedChannel(Channel Row, IReadOnlyList<Permissions.Overwrite> Overwrites, IReadOnlySet<long> RecipientIds);

/// <summary>A token's SHA-256, the key of its cache entry: 32 bytes, where the hex text would be a 64-character string.</summary>
public readonly record struct TokenDigest(ulong A, ulong B, ulong C, ulong D)
{
    public static TokenDigest From(ReadOnlySpan<byte> sha256) => new(
        BinaryPrimitives.ReadUInt64LittleEndian(sha256),
        BinaryPrimitives.ReadUInt64LittleEndian(sha256[8..]),
        BinaryPrimitives.ReadUInt64LittleEndian(sha256[16..]),
        BinaryPrimitives.ReadUInt64LittleEndian(sha256[24..32]));
}

/// <summary>
/// A token or a session as authentication found it: its id and its user (the user name only for a token, whose
/// principal is built from it; usernames never change), and when its last-used (token) or last-seen (session) time was
/// last written, so that requests answered from the cache still write it once a minute. Deleting the row, or changing
/// it other than that time, bumps the generation (see <see cref="AccessWrites"/>).
/// </summary>
public sealed class CachedLogin(long id, long userId, string? userName, DateTimeOffset? lastWritten)
{
    private const long Never = long.MinValue;
    private long _lastWritten = lastWritten?.UtcTicks ?? Never;

    public long Id { get; } = id;

    public long UserId { get; } = userId;

    public string? UserName { get; } = userName;

    /// <summary>
    /// True when the time was never written or is older than <paramref name="resolution"/>: the caller writes it now.
    /// Only one of several concurrent callers gets true.
    /// </summary>
    public bool ClaimWrite(DateTimeOffset now, TimeSpan resolution)
    {
        var last = Volatile.Read(ref _lastWritten);
        if (last != Never && now.UtcTicks - last <= resolution.Ticks)
        {
            return false;
        }

        return Interlocked.CompareExchange(ref _lastWritten, now.UtcTicks, last) == last;
    }
}

public static class AccessCacheSetup
{
    /// <summary>The cache, the interceptor that keeps it current (added to the DbContext) and, with Redis, its sync between nodes.</summary>
    public static IServiceCollection AddAccessCache(this IServiceCollection services, Infrastructure.ParleyOptions options)
    {
        services.AddSingleton<AccessCache>();
        services.AddSingleton<AccessCacheInterceptor>();
        if (!string.IsNullOrWhiteSpace(options.Redis))
        {
            services.AddHostedService<AccessCacheSync>();
        }

        return services;
    }

    /// <summary>Every context reports its access writes to the cache.</summary>
    public static DbContextOptionsBuilder UseAccessCache(this DbContextOptionsBuilder db, IServiceProvider services) =>
        db.AddInterceptors(services.GetRequiredService<AccessCacheInterceptor>());
}
