using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Parley.Contracts.Accounts;
using Parley.Contracts.Users;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Features.Accounts;

public sealed class RegisterTests(ParleyApps apps) : IClassFixture<ParleyApps>
{
    [Theory, AllDatabases]
    public async Task Registering_creates_the_account_and_signs_the_browser_in(Db db)
    {
        var client = apps[db].CreateBrowser(out var jar);
        var username = Names.Unique("Anna");

        var response = await client.PostAsJsonAsync("/api/v1/auth/register", new RegisterRequest(username, Api.Password, $"{username}@example.com", "Anna K"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var me = await response.Content.ReadFromJsonAsync<MeResponse>();
        Assert.Equal(username, me!.Username);
        Assert.Equal("Anna K", me.DisplayName);
        Assert.True(long.Parse(me.Id, System.Globalization.CultureInfo.InvariantCulture) > 0);
        var cookies = jar.Cookies.GetCookies(new Uri("http://localhost"));
        Assert.True(cookies["parley_session"]!.HttpOnly);
        Assert.False(cookies["XSRF-TOKEN"]!.HttpOnly);
        var again = await client.GetFromJsonAsync<MeResponse>("/api/v1/users/me");
        Assert.Equal(me.Id, again!.Id);
    }

    [Theory, AllDatabases]
    public async Task A_username_taken_in_another_case_gives_409_with_at_least_three_free_suggestions(Db db)
    {
        var app = apps[db];
        var username = Names.Unique("boris");
        await app.CreateBrowser().RegisterAsync(username);

        var response = await app.CreateBrowser().PostAsJsonAsync("/api/v1/auth/register", new RegisterRequest(username.ToUpperInvariant(), Api.Password, null, null));

        var problem = await response.ProblemAsync(HttpStatusCode.Conflict);
        var suggestions = problem.GetProperty("suggestions").EnumerateArray().Select(s => s.GetString()!).ToList();
        Assert.True(suggestions.Count >= 3, string.Join(", ", suggestions));
        foreach (var suggestion in suggestions)
        {
            var availability = await app.CreateBareClient().GetFromJsonAsync<UsernameAvailabilityResponse>($"/api/v1/auth/username-availability?username={Uri.EscapeDataString(suggestion)}");
            Assert.True(availability!.Available, suggestion);
        }
    }

    [Theory, AllDatabases]
    public async Task Bad_input_names_every_bad_field_and_writes_nothing(Db db)
    {
        var app = apps[db];
        var before = await app.WithDbAsync(d => d.Users.CountAsync());

        var response = await app.CreateBrowser().PostAsJsonAsync("/api/v1/auth/register", new RegisterRequest("a!", "short", "not-an-email", new string('x', 65)));

        await response.AssertFieldErrorsAsync("username", "password", "email", "displayName");
        Assert.Equal(before, await app.WithDbAsync(d => d.Users.CountAsync()));
    }

    [Theory, AllDatabases]
    public async Task Missing_username_and_password_are_named(Db db)
    {
        var response = await apps[db].CreateBrowser().PostAsJsonAsync("/api/v1/auth/register", new { });
        await response.AssertFieldErrorsAsync("username", "password");
    }

    [Theory, AllDatabases]
    public async Task A_password_equal_to_the_username_or_of_one_repeated_character_is_refused(Db db)
    {
        var username = Names.Unique("carl");
        var same = await apps[db].CreateBrowser().PostAsJsonAsync("/api/v1/auth/register", new RegisterRequest(username, username, null, null));
        await same.AssertFieldErrorsAsync("password");
        var repeated = await apps[db].CreateBrowser().PostAsJsonAsync("/api/v1/auth/register", new RegisterRequest(Names.Unique(), "aaaaaaaaaa", null, null));
        await repeated.AssertFieldErrorsAsync("password");
    }

    [Theory, AllDatabases]
    public async Task An_email_already_registered_is_refused(Db db)
    {
        var email = $"{Names.Unique()}@example.com";
        await apps[db].CreateBrowser().RegisterAsync(email: email);

        var response = await apps[db].CreateBrowser().PostAsJsonAsync("/api/v1/auth/register", new RegisterRequest(Names.Unique(), Api.Password, email.ToUpperInvariant(), null));

        await response.AssertFieldErrorsAsync("email");
    }

    [Theory, AllDatabases]
    public async Task A_value_of_the_wrong_type_names_the_field(Db db)
    {
        var response = await apps[db].CreateBrowser().PostAsync(
            "/api/v1/auth/register",
            new StringContent("""{"username": 5, "password": "correct horse"}""", Encoding.UTF8, "application/json"));
        await response.AssertFieldErrorsAsync("username");
    }

    [Fact]
    public async Task A_body_over_one_megabyte_gets_413()
    {
        var body = new RegisterRequest(Names.Unique(), Api.Password, null, new string('x', 1_100_000));
        var response = await apps[Db.Sqlite].CreateBrowser().PostAsJsonAsync("/api/v1/auth/register", body);
        await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Registering_too_often_answers_429_with_retry_after()
    {
        await using var app = new ParleyApp(Db.Sqlite, new Dictionary<string, string?> { ["Parley:RateLimits:AuthPermitsPerMinute"] = "2" });
        var client = app.CreateBareClient();
        for (var i = 0; i < 2; i++)
        {
            await client.RegisterAsync();
        }

        var response = await client.PostAsJsonAsync("/api/v1/auth/register", new RegisterRequest(Names.Unique(), Api.Password, null, null));

        await response.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(int.Parse(response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
    }
}

public sealed class UsernameAvailabilityTests(ParleyApps apps) : IClassFixture<ParleyApps>
{
    [Theory, AllDatabases]
    public async Task A_free_username_is_available_without_suggestions(Db db)
    {
        var result = await apps[db].CreateBareClient().GetFromJsonAsync<UsernameAvailabilityResponse>($"/api/v1/auth/username-availability?username={Names.Unique()}");
        Assert.True(result!.Available);
        Assert.Empty(result.Suggestions);
    }

    [Theory, AllDatabases]
    public async Task A_taken_username_is_unavailable_in_any_case_with_suggestions(Db db)
    {
        var username = Names.Unique("dora");
        await apps[db].CreateBrowser().RegisterAsync(username);

        var result = await apps[db].CreateBareClient().GetFromJsonAsync<UsernameAvailabilityResponse>($"/api/v1/auth/username-availability?username={username.ToUpperInvariant()}");

        Assert.False(result!.Available);
        Assert.True(result.Suggestions.Count >= 3);
        Assert.DoesNotContain(result.Suggestions, s => string.Equals(s, username, StringComparison.OrdinalIgnoreCase));
    }

    [Theory, AllDatabases]
    public async Task A_malformed_username_is_a_validation_error(Db db)
    {
        var response = await apps[db].CreateBareClient().GetAsync("/api/v1/auth/username-availability?username=a%20b");
        await response.AssertFieldErrorsAsync("username");
    }
}
