using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Parley.Contracts.Users;
using Parley.Data.Accounts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Features.Accounts;

public sealed class LoginTests(ParleyApps apps) : IClassFixture<ParleyApps>
{
    [Theory, AllDatabases]
    public async Task Signing_in_works_by_username_in_any_case_and_by_email(Db db)
    {
        var username = Names.Unique("erin");
        var email = $"{username}@example.com";
        await apps[db].CreateBrowser().RegisterAsync(username, email);

        var byName = apps[db].CreateBrowser();
        var me = await (await byName.LoginAsync(username.ToUpperInvariant())).ReadAsync<MeResponse>();
        Assert.Equal(username, me.Username);
        Assert.Equal(HttpStatusCode.OK, (await byName.GetAsync("/api/v1/users/me")).StatusCode);

        var byEmail = apps[db].CreateBrowser();
        Assert.Equal(username, (await (await byEmail.LoginAsync(email)).ReadAsync<MeResponse>()).Username);
    }

    [Theory, AllDatabases]
    public async Task A_wrong_password_or_unknown_user_gives_401_without_saying_which(Db db)
    {
        var username = Names.Unique();
        await apps[db].CreateBrowser().RegisterAsync(username);

        var wrongPassword = await (await apps[db].CreateBrowser().LoginAsync(username, "wrong password")).ProblemAsync(HttpStatusCode.Unauthorized);
        var unknownUser = await (await apps[db].CreateBrowser().LoginAsync(Names.Unique(), "wrong password")).ProblemAsync(HttpStatusCode.Unauthorized);

        Assert.Equal(wrongPassword.GetProperty("title").GetString(), unknownUser.GetProperty("title").GetString());
    }

    [Theory, AllDatabases]
    public async Task Missing_fields_are_named(Db db)
    {
        var response = await apps[db].CreateBrowser().PostAsJsonAsync("/api/v1/auth/login", new { login = "" });
        await response.AssertFieldErrorsAsync("login", "password");
    }

    [Theory, AllDatabases]
    public async Task Five_failures_lock_the_account_even_against_the_right_password(Db db)
    {
        var username = Names.Unique("frank");
        await apps[db].CreateBrowser().RegisterAsync(username);
        for (var i = 0; i < 4; i++)
        {
            await (await apps[db].CreateBrowser().LoginAsync(username, "wrong password")).ProblemAsync(HttpStatusCode.Unauthorized);
        }

        var fifth = await apps[db].CreateBrowser().LoginAsync(username, "wrong password");
        await fifth.ProblemAsync(HttpStatusCode.TooManyRequests);

        var right = await apps[db].CreateBrowser().LoginAsync(username);
        await right.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(int.Parse(right.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    [Theory, AllDatabases]
    public async Task Passwords_are_stored_as_pbkdf2_with_at_least_210000_iterations(Db db)
    {
        await using var app = ProductionHashing(db);
        var username = Names.Unique();
        await app.CreateBrowser().RegisterAsync(username);

        var hash = await app.WithDbAsync(d => d.Users.Where(u => u.UserName == username).Select(u => u.PasswordHash!).SingleAsync());

        Assert.True(IterationsOf(hash) >= 210_000);
    }

    [Theory, AllDatabases]
    public async Task An_older_weaker_hash_is_upgraded_on_sign_in(Db db)
    {
        await using var app = ProductionHashing(db);
        var username = Names.Unique("gina");
        await app.CreateBrowser().RegisterAsync(username);
        var weak = new PasswordHasher<User>(Microsoft.Extensions.Options.Options.Create(new PasswordHasherOptions { IterationCount = 10_000 }))
            .HashPassword(new User(), Api.Password);
        await app.WithDbAsync(d => d.Users.Where(u => u.UserName == username).ExecuteUpdateAsync(u => u.SetProperty(x => x.PasswordHash, weak)));

        (await app.CreateBrowser().LoginAsync(username)).EnsureSuccessStatusCode();

        var hash = await app.WithDbAsync(d => d.Users.Where(u => u.UserName == username).Select(u => u.PasswordHash!).SingleAsync());
        Assert.Equal(10_000, IterationsOf(weak));
        Assert.True(IterationsOf(hash) >= 210_000);
    }

    /// <summary>An app without the test suite's cheap hashing: the production iteration count.</summary>
    private static ParleyApp ProductionHashing(Db db) =>
        new(db, new Dictionary<string, string?> { ["Parley:Testing:PasswordIterations"] = null });

    /// <summary>Identity's v3 format: 0x01, PRF (4 bytes), iteration count (4 bytes, big-endian), ...</summary>
    private static int IterationsOf(string hash)
    {
        var bytes = Convert.FromBase64String(hash);
        Assert.Equal(0x01, bytes[0]);
        return (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5, 4));
    }
}

public sealed class LogoutAndAntiforgeryTests(ParleyApps apps) : IClassFixture<ParleyApps>
{
    [Theory, AllDatabases]
    public async Task Signing_out_ends_the_session(Db db)
    {
        var client = apps[db].CreateBrowser();
        await client.RegisterAsync();

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/v1/auth/logout", null)).StatusCode);

        await (await client.GetAsync("/api/v1/users/me")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory, AllDatabases]
    public async Task Signing_out_needs_to_be_signed_in(Db db)
    {
        await (await apps[db].CreateBrowser().PostAsync("/api/v1/auth/logout", null)).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory, AllDatabases]
    public async Task A_cookie_authenticated_write_without_the_antiforgery_header_is_refused_and_changes_nothing(Db db)
    {
        var client = apps[db].CreateBrowser(out var jar);
        await client.RegisterAsync();
        jar.SendAntiforgeryHeader = false;

        var response = await client.PatchAsJsonAsync("/api/v1/users/me", new { bio = "forged" });

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("antiforgery", problem.GetProperty("title").GetString()!, StringComparison.OrdinalIgnoreCase);
        var me = await client.GetFromJsonAsync<MeResponse>("/api/v1/users/me");
        Assert.Null(me!.Bio);
    }

    [Theory, AllDatabases]
    public async Task A_token_from_another_session_is_refused(Db db)
    {
        var victim = apps[db].CreateBrowser(out var victimJar);
        await victim.RegisterAsync();
        var attacker = apps[db].CreateBrowser(out var attackerJar);
        await attacker.RegisterAsync();
        victimJar.SendAntiforgeryHeader = false;
        var request = new HttpRequestMessage(HttpMethod.Patch, "/api/v1/users/me") { Content = JsonContent.Create(new { bio = "forged" }) };
        request.Headers.Add("X-XSRF-TOKEN", attackerJar.Cookies.GetCookies(new Uri("http://localhost"))["XSRF-TOKEN"]!.Value);

        var response = await victim.SendAsync(request);

        await response.ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory, AllDatabases]
    public async Task The_antiforgery_endpoint_sets_the_readable_cookie(Db db)
    {
        var client = apps[db].CreateBrowser(out var jar);
        Assert.Equal(HttpStatusCode.NoContent, (await client.GetAsync("/api/v1/auth/antiforgery")).StatusCode);
        Assert.NotNull(jar.Cookies.GetCookies(new Uri("http://localhost"))["XSRF-TOKEN"]);
    }
}
