using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Parley.Contracts.Accounts;
using Parley.Contracts.Users;
using Parley.Server.Features.Accounts;
using Parley.Server.Features.Conversations;
using Parley.Server.Infrastructure;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Features.Accounts;

/// <summary>The authentication entries of the access cache, and which token and session writes invalidate them, without a server.</summary>
public sealed class AuthCacheTests
{
    private static readonly TokenDigest Hash = BearerTokenHandler.Digest("pat_one");
    private static readonly TokenDigest Other = BearerTokenHandler.Digest("pat_two");
    private static readonly TokenDigest First = BearerTokenHandler.Digest("pat_three");

    private static CachedLogin Login(DateTimeOffset? lastWritten = null) => new(1, 2, "anna", lastWritten);

    [Fact]
    public void Token_and_session_entries_hit_until_the_generation_moves()
    {
        var cache = new AccessCache();
        var generation = cache.Generation;
        cache.StoreToken(Hash, Login(), generation);
        cache.StoreSession(5, Login(), generation);

        Assert.True(cache.TryGetToken(Hash, out var token));
        Assert.Equal((1L, 2L, "anna"), (token.Id, token.UserId, token.UserName));
        Assert.True(cache.TryGetSession(5, out _));
        Assert.False(cache.TryGetToken(Other, out _));
        Assert.False(cache.TryGetSession(6, out _));

        cache.Invalidate();

        Assert.False(cache.TryGetToken(Hash, out _));
        Assert.False(cache.TryGetSession(5, out _));

        // Read before a revocation, stored after it: never served.
        var captured = cache.Generation;
        cache.Invalidate();
        cache.StoreToken(Hash, Login(), captured);
        cache.StoreSession(5, Login(), captured);
        Assert.False(cache.TryGetToken(Hash, out _));
        Assert.False(cache.TryGetSession(5, out _));
    }

    [Fact]
    public void A_disabled_cache_serves_no_token_or_session_and_they_count_towards_the_bound()
    {
        var cache = new AccessCache { Enabled = false };
        cache.StoreToken(Hash, Login(), cache.Generation);
        Assert.False(cache.TryGetToken(Hash, out _));
        cache.Enabled = true;

        var generation = cache.Generation;
        cache.StoreToken(First, Login(), generation);
        for (var id = 1L; id <= AccessCache.MaxEntries; id++)
        {
            cache.StoreSession(id, Login(), generation);
        }

        Assert.False(cache.TryGetToken(First, out _));
        Assert.True(cache.TryGetSession(AccessCache.MaxEntries, out _));
    }

    [Fact]
    public void The_last_used_time_is_claimed_once_a_minute_by_one_caller()
    {
        var now = DateTimeOffset.UnixEpoch.AddDays(20_000);
        var minute = TimeSpan.FromMinutes(1);

        var never = Login();
        Assert.True(never.ClaimWrite(now, minute));
        Assert.False(never.ClaimWrite(now, minute));
        Assert.False(never.ClaimWrite(now + minute, minute));
        Assert.True(never.ClaimWrite(now + minute + TimeSpan.FromTicks(1), minute));

        var recent = Login(now.AddSeconds(-30));
        Assert.False(recent.ClaimWrite(now, minute));
        var stale = Login(now.AddMinutes(-2));
        var claims = 0;
        Parallel.For(0, 64, _ =>
        {
            if (stale.ClaimWrite(now, minute))
            {
                Interlocked.Increment(ref claims);
            }
        });
        Assert.Equal(1, claims);
    }

    [Theory]
    // New tokens and sessions (sign-in, token creation): nothing cached can be wrong.
    [InlineData("INSERT INTO \"UserSessions\" (\"Id\", \"CreatedAt\", \"IpAddress\", \"LastSeenAt\", \"UserAgent\", \"UserId\")\nVALUES (@p0, @p1, @p2, @p3, @p4, @p5);", false)]
    [InlineData("INSERT INTO \"PersonalAccessTokens\" (\"Id\", \"CreatedAt\", \"LastUsedAt\", \"Name\", \"TokenHash\", \"UserId\")\nVALUES (@p0, @p1, @p2, @p3, @p4, @p5);", false)]
    // The once-a-minute times (SQLite, then PostgreSQL).
    [InlineData("UPDATE \"PersonalAccessTokens\" AS \"p\"\nSET \"LastUsedAt\" = @p\nWHERE \"p\".\"Id\" = @tokenId", false)]
    [InlineData("UPDATE \"PersonalAccessTokens\" AS p\nSET \"LastUsedAt\" = @p\nWHERE p.\"Id\" = @tokenId", false)]
    [InlineData("UPDATE \"UserSessions\" AS \"u\"\nSET \"LastSeenAt\" = @p\nWHERE \"u\".\"Id\" = @sessionId", false)]
    [InlineData("UPDATE \"UserSessions\" AS u\nSET \"LastSeenAt\" = @p\nWHERE u.\"Id\" = @sessionId", false)]
    // Reads.
    [InlineData("SELECT \"p\".\"Id\", \"p\".\"LastUsedAt\", \"u\".\"Id\", \"u\".\"UserName\"\nFROM \"PersonalAccessTokens\" AS \"p\"\nINNER JOIN \"AspNetUsers\" AS \"u\" ON \"p\".\"UserId\" = \"u\".\"Id\"\nWHERE \"p\".\"TokenHash\" = @hash\nLIMIT 1", false)]
    // Identity's own updates of a user at sign-in, and presence: the cached user name is not among them.
    [InlineData("UPDATE \"AspNetUsers\" SET \"AccessFailedCount\" = @p0, \"ConcurrencyStamp\" = @p1\nWHERE \"Id\" = @p2 AND \"ConcurrencyStamp\" = @p3\nRETURNING 1;", false)]
    [InlineData("UPDATE \"AspNetUsers\" AS a\nSET \"Presence\" = @presence\nWHERE a.\"Id\" = @userId", false)]
    // Revocation, sign-out, cascades: bump.
    [InlineData("DELETE FROM \"PersonalAccessTokens\" AS \"p\"\nWHERE \"p\".\"Id\" = @id AND \"p\".\"UserId\" = @userId", true)]
    [InlineData("DELETE FROM \"PersonalAccessTokens\" AS p\nWHERE p.\"Id\" = @id AND p.\"UserId\" = @userId", true)]
    [InlineData("DELETE FROM \"UserSessions\" AS \"u\"\nWHERE \"u\".\"Id\" = @sessionId", true)]
    [InlineData("DELETE FROM \"UserSessions\" AS u\nWHERE u.\"UserId\" = @userId", true)]
    [InlineData("DELETE FROM \"UserSessions\" WHERE \"Id\" = @p0 RETURNING 1;", true)]
    [InlineData("DELETE FROM \"AspNetUsers\" AS \"a\"\nWHERE \"a\".\"Id\" = @id", true)]
    [InlineData("DELETE FROM \"AspNetUsers\" WHERE \"Id\" = @p0 AND \"ConcurrencyStamp\" = @p1 RETURNING 1;", true)]
    // Any other change of a token or a session (a future "revoked at", a moved user), or of a user name: bump.
    [InlineData("UPDATE \"PersonalAccessTokens\" AS p\nSET \"RevokedAt\" = @now\nWHERE p.\"Id\" = @id", true)]
    [InlineData("UPDATE \"UserSessions\" SET \"LastSeenAt\" = @p0, \"UserId\" = @p1 WHERE \"Id\" = @p2;", true)]
    [InlineData("UPDATE \"AspNetUsers\" SET \"NormalizedUserName\" = @p0, \"UserName\" = @p1 WHERE \"Id\" = @p2;", true)]
    [InlineData("INSERT INTO \"UserSessions\" (\"Id\") VALUES (1) ON CONFLICT (\"Id\") DO UPDATE SET \"UserId\" = 2;", true)]
    [InlineData("update usersessions set lastseenat = 1", true)]
    public void Token_and_session_writes_are_told_apart(string sql, bool affects) =>
        Assert.Equal(affects, AccessWrites.Affects(sql));

    [Fact]
    public async Task A_revocation_on_one_node_drops_the_other_nodes_token_and_session()
    {
        if (Environment.GetEnvironmentVariable("PARLEY_TEST_REDIS") is not { Length: > 0 } redis)
        {
            return;
        }

        var options = Options.Create(new ParleyOptions { Redis = redis });
        var (one, two) = (new AccessCache(), new AccessCache());
        var syncOne = new AccessCacheSync(one, options, TimeProvider.System, NullLogger<AccessCacheSync>.Instance);
        var syncTwo = new AccessCacheSync(two, options, TimeProvider.System, NullLogger<AccessCacheSync>.Instance);
        await syncOne.StartAsync(CancellationToken.None);
        await syncTwo.StartAsync(CancellationToken.None);
        try
        {
            two.StoreToken(Hash, Login(), two.Generation);
            Assert.False(two.TryGetToken(Hash, out _));
            await Until(() => one.Enabled && two.Enabled);

            two.StoreToken(Hash, Login(), two.Generation);
            two.StoreSession(5, Login(), two.Generation);
            Assert.True(two.TryGetToken(Hash, out _));

            await one.CommittedAsync();

            await Until(() => !two.TryGetToken(Hash, out _) && !two.TryGetSession(5, out _));
        }
        finally
        {
            await syncOne.StopAsync(CancellationToken.None);
            await syncTwo.StopAsync(CancellationToken.None);
            syncOne.Dispose();
            syncTwo.Dispose();
        }
    }

    private static async Task Until(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition());
    }
}

/// <summary>
/// Nobody stays signed in through the cache: each test uses a token or a session (so it is cached, checked), then
/// revokes it, and the very next request is refused.
/// </summary>
public sealed class AuthCacheInvalidationTests(ParleyApps apps) : IClassFixture<ParleyApps>
{
    private static readonly Uri Site = new("http://localhost");

    private sealed record Signed(ParleyApp App, string Username, long UserId, long SessionId, HttpClient Browser, BrowserCookies Jar, string Token, HttpClient Bot);

    private async Task<Signed> SignedInAsync(Db db)
    {
        var app = apps[db];
        var username = Names.Unique("auth");
        var browser = app.CreateBrowser(out var jar);
        var me = await browser.RegisterAsync(username);
        var token = await app.CreateBareClient().CreateTokenAsync(username);
        var bot = app.CreateBareClient().WithBearer(token);
        var session = (await browser.GetFromJsonAsync<List<SessionResponse>>("/api/v1/auth/sessions"))!.Single(s => s.Current);
        var signed = new Signed(app, username, Id(me.Id), Id(session.Id), browser, jar, token, bot);
        await AssertInAsync(signed.Browser, username);
        await AssertInAsync(signed.Bot, username);
        AssertCached(signed);
        return signed;
    }

    private static void AssertCached(Signed signed)
    {
        var cache = signed.App.Services.GetRequiredService<AccessCache>();
        Assert.True(cache.TryGetToken(BearerTokenHandler.Digest(signed.Token), out var token), "The token should be cached after a request.");
        Assert.Equal((signed.UserId, signed.Username), (token.UserId, token.UserName));
        Assert.True(cache.TryGetSession(signed.SessionId, out _), "The session should be cached after a request.");
    }

    private static long Id(string id) => long.Parse(id, System.Globalization.CultureInfo.InvariantCulture);

    private static async Task AssertInAsync(HttpClient client, string username) =>
        Assert.Equal(username, (await client.GetFromJsonAsync<MeResponse>("/api/v1/users/me"))!.Username);

    private static async Task AssertOutAsync(HttpClient client) =>
        await (await client.GetAsync("/api/v1/users/me")).ProblemAsync(HttpStatusCode.Unauthorized);

    /// <summary>A client that sends the cookie the browser holds now, even after the browser has dropped it.</summary>
    private static HttpClient Replay(Signed signed)
    {
        var client = signed.App.CreateBareClient();
        client.DefaultRequestHeaders.Add("Cookie", signed.Jar.Cookies.GetCookieHeader(Site));
        return client;
    }

    [Theory, AllDatabases]
    public async Task A_revoked_token_is_refused_on_the_next_request(Db db)
    {
        var signed = await SignedInAsync(db);
        var id = (await signed.Browser.GetFromJsonAsync<List<TokenResponse>>("/api/v1/auth/tokens"))!.Single().Id;

        Assert.Equal(HttpStatusCode.NoContent, (await signed.Browser.DeleteAsync($"/api/v1/auth/tokens/{id}")).StatusCode);

        await AssertOutAsync(signed.Bot);
        await AssertInAsync(signed.Browser, signed.Username);
    }

    [Theory, AllDatabases]
    public async Task A_signed_out_cookie_is_refused_on_the_next_request(Db db)
    {
        var signed = await SignedInAsync(db);
        var stolen = Replay(signed);
        await AssertInAsync(stolen, signed.Username);

        Assert.Equal(HttpStatusCode.NoContent, (await signed.Browser.PostAsync("/api/v1/auth/logout", null)).StatusCode);

        await AssertOutAsync(stolen);
        await AssertOutAsync(signed.Browser);
        await AssertInAsync(signed.Bot, signed.Username);
    }

    [Theory, AllDatabases]
    public async Task A_device_signed_out_from_another_is_refused_on_the_next_request(Db db)
    {
        var signed = await SignedInAsync(db);
        var phone = signed.App.CreateBrowser();
        (await phone.LoginAsync(signed.Username)).EnsureSuccessStatusCode();
        await AssertInAsync(phone, signed.Username);
        var other = (await signed.Browser.GetFromJsonAsync<List<SessionResponse>>("/api/v1/auth/sessions"))!.Single(s => !s.Current);

        Assert.Equal(HttpStatusCode.NoContent, (await signed.Browser.DeleteAsync($"/api/v1/auth/sessions/{other.Id}")).StatusCode);

        await AssertOutAsync(phone);
        await AssertInAsync(signed.Browser, signed.Username);
    }

    [Theory, AllDatabases]
    public async Task Removing_every_session_and_token_of_a_user_signs_them_out_everywhere_at_once(Db db)
    {
        // What "sign out everywhere" (and a password change that signs the other devices out) will run.
        var signed = await SignedInAsync(db);
        var stolen = Replay(signed);

        await signed.App.WithDbAsync(d => d.UserSessions.Where(s => s.UserId == signed.UserId).ExecuteDeleteAsync());
        await signed.App.WithDbAsync(d => d.PersonalAccessTokens.Where(t => t.UserId == signed.UserId).ExecuteDeleteAsync());

        await AssertOutAsync(stolen);
        await AssertOutAsync(signed.Browser);
        await AssertOutAsync(signed.Bot);
    }

    [Theory, AllDatabases]
    public async Task A_deleted_account_is_refused_on_the_next_request(Db db)
    {
        var signed = await SignedInAsync(db);
        var other = await SignedInAsync(db);

        // The row goes; its tokens and sessions go with it (cascade).
        await signed.App.WithDbAsync(d => d.Users.Where(u => u.Id == signed.UserId).ExecuteDeleteAsync());
        Assert.Equal(0, await signed.App.WithDbAsync(d => d.UserSessions.CountAsync(x => x.UserId == signed.UserId)));
        Assert.Equal(0, await signed.App.WithDbAsync(d => d.PersonalAccessTokens.CountAsync(x => x.UserId == signed.UserId)));

        await AssertOutAsync(signed.Browser);
        await AssertOutAsync(signed.Bot);
        await AssertInAsync(other.Browser, other.Username);
        await AssertInAsync(other.Bot, other.Username);
    }

    [Theory, AllDatabases]
    public async Task A_repeated_request_makes_no_authentication_query_and_signing_in_keeps_the_cache(Db db)
    {
        var signed = await SignedInAsync(db);
        var cache = signed.App.Services.GetRequiredService<AccessCache>();
        using var log = await CommandLog.StartAsync(signed.App);

        await AssertInAsync(signed.Browser, signed.Username);
        await AssertInAsync(signed.Bot, signed.Username);

        Assert.DoesNotContain(log.Commands, c => c.Contains("\"UserSessions\"", StringComparison.Ordinal) || c.Contains("\"PersonalAccessTokens\"", StringComparison.Ordinal));
        Assert.NotEmpty(log.Commands); // the log hears this server: /users/me reads the user

        // A sign-in and a new token add rows: they invalidate nothing.
        var generation = cache.Generation;
        (await signed.App.CreateBrowser().LoginAsync(signed.Username)).EnsureSuccessStatusCode();
        await signed.App.CreateBareClient().CreateTokenAsync(signed.Username, "another");
        Assert.Equal(generation, cache.Generation);
        AssertCached(signed);
        Assert.Contains(log.Commands, c => c.Contains("INSERT INTO \"UserSessions\"", StringComparison.Ordinal));
        Assert.Contains(log.Commands, c => c.Contains("INSERT INTO \"PersonalAccessTokens\"", StringComparison.Ordinal));
    }

    [Theory, AllDatabases]
    public async Task Requests_answered_from_the_cache_still_write_the_last_used_and_last_seen_times_without_invalidating(Db db)
    {
        var signed = await SignedInAsync(db);
        var cache = signed.App.Services.GetRequiredService<AccessCache>();
        var sessionId = signed.SessionId;
        var longAgo = TimeProvider.System.GetUtcNow().AddHours(-1);
        var token = await signed.App.WithDbAsync(d => d.PersonalAccessTokens.SingleAsync(t => t.UserId == signed.UserId));
        await signed.App.WithDbAsync(d => d.PersonalAccessTokens.Where(t => t.Id == token.Id).ExecuteUpdateAsync(t => t.SetProperty(x => x.LastUsedAt, longAgo)));
        await signed.App.WithDbAsync(d => d.UserSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, longAgo)));
        // As if cached an hour ago, when the times were last written (the updates above bump nothing).
        cache.StoreToken(BearerTokenHandler.Digest(signed.Token), new CachedLogin(token.Id, signed.UserId, signed.Username, longAgo), cache.Generation);
        cache.StoreSession(sessionId, new CachedLogin(sessionId, signed.UserId, null, longAgo), cache.Generation);
        var generation = cache.Generation;
        using var log = await CommandLog.StartAsync(signed.App);

        await AssertInAsync(signed.Bot, signed.Username);
        await AssertInAsync(signed.Browser, signed.Username);
        var commands = log.Commands;

        var written = await signed.App.WithDbAsync(async d => (
            (await d.PersonalAccessTokens.SingleAsync(t => t.Id == token.Id)).LastUsedAt,
            (await d.UserSessions.SingleAsync(s => s.Id == sessionId)).LastSeenAt));
        Assert.True(written.LastUsedAt > longAgo.AddMinutes(30));
        Assert.True(written.LastSeenAt > longAgo.AddMinutes(30));
        Assert.Equal(generation, cache.Generation);
        AssertCached(signed);

        // The statements EF generated for them are the harmless kind, and no look-up ran.
        var touches = commands.Where(c => c.Contains("\"UserSessions\"", StringComparison.Ordinal) || c.Contains("\"PersonalAccessTokens\"", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, touches.Count);
        Assert.All(touches, c => Assert.StartsWith("UPDATE", c, StringComparison.Ordinal));
        Assert.All(touches, c => Assert.False(AccessWrites.Affects(c), c));

        // Within the minute: no write.
        log.Clear();
        await AssertInAsync(signed.Bot, signed.Username);
        await AssertInAsync(signed.Browser, signed.Username);
        Assert.DoesNotContain(log.Commands, c => c.Contains("\"UserSessions\"", StringComparison.Ordinal) || c.Contains("\"PersonalAccessTokens\"", StringComparison.Ordinal));
    }

    [Theory, AllDatabases]
    public async Task The_revoking_statements_ef_generates_invalidate(Db db)
    {
        var signed = await SignedInAsync(db);
        using var log = await CommandLog.StartAsync(signed.App);
        var id = (await signed.Browser.GetFromJsonAsync<List<TokenResponse>>("/api/v1/auth/tokens"))!.Single().Id;
        Assert.Equal(HttpStatusCode.NoContent, (await signed.Browser.DeleteAsync($"/api/v1/auth/tokens/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await signed.Browser.PostAsync("/api/v1/auth/logout", null)).StatusCode);

        var deletes = log.Commands.Where(c => c.StartsWith("DELETE", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, deletes.Count);
        Assert.All(deletes, c => Assert.True(AccessWrites.Affects(c), c));
    }
}
