using System.Net;
using System.Net.Http.Json;
using Parley.Contracts.Accounts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Features.Accounts;

public sealed class SessionsTests(ParleyApps apps) : IClassFixture<ParleyApps>
{
    [Theory, AllDatabases]
    public async Task Each_signed_in_device_is_listed_and_the_current_one_is_marked(Db db)
    {
        var username = Names.Unique();
        var laptop = apps[db].CreateBrowser();
        laptop.DefaultRequestHeaders.UserAgent.ParseAdd("Laptop/1.0");
        await laptop.RegisterAsync(username);
        var phone = apps[db].CreateBrowser();
        phone.DefaultRequestHeaders.UserAgent.ParseAdd("Phone/2.0");
        (await phone.LoginAsync(username)).EnsureSuccessStatusCode();

        var sessions = await laptop.GetFromJsonAsync<List<SessionResponse>>("/api/v1/auth/sessions");

        Assert.Equal(2, sessions!.Count);
        Assert.Equal("Laptop/1.0", Assert.Single(sessions, s => s.Current).UserAgent);
        Assert.Equal("Phone/2.0", Assert.Single(sessions, s => !s.Current).UserAgent);
    }

    [Theory, AllDatabases]
    public async Task A_revoked_session_stops_working_at_once(Db db)
    {
        var username = Names.Unique();
        var laptop = apps[db].CreateBrowser();
        await laptop.RegisterAsync(username);
        var phone = apps[db].CreateBrowser();
        (await phone.LoginAsync(username)).EnsureSuccessStatusCode();
        var other = (await laptop.GetFromJsonAsync<List<SessionResponse>>("/api/v1/auth/sessions"))!.Single(s => !s.Current);

        Assert.Equal(HttpStatusCode.NoContent, (await laptop.DeleteAsync($"/api/v1/auth/sessions/{other.Id}")).StatusCode);

        await (await phone.GetAsync("/api/v1/users/me")).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/api/v1/users/me")).StatusCode);
    }

    [Theory, AllDatabases]
    public async Task Revoking_the_current_session_signs_this_browser_out(Db db)
    {
        var client = apps[db].CreateBrowser();
        await client.RegisterAsync();
        var current = (await client.GetFromJsonAsync<List<SessionResponse>>("/api/v1/auth/sessions"))!.Single();

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/auth/sessions/{current.Id}")).StatusCode);

        await (await client.GetAsync("/api/v1/users/me")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory, AllDatabases]
    public async Task Someone_elses_session_is_not_found(Db db)
    {
        var alice = apps[db].CreateBrowser();
        await alice.RegisterAsync();
        var bob = apps[db].CreateBrowser();
        await bob.RegisterAsync();
        var bobs = (await bob.GetFromJsonAsync<List<SessionResponse>>("/api/v1/auth/sessions"))!.Single();

        await (await alice.DeleteAsync($"/api/v1/auth/sessions/{bobs.Id}")).ProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal(HttpStatusCode.OK, (await bob.GetAsync("/api/v1/users/me")).StatusCode);
    }

    [Theory, AllDatabases]
    public async Task Sessions_need_a_signed_in_user(Db db)
    {
        await (await apps[db].CreateBrowser().GetAsync("/api/v1/auth/sessions")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await apps[db].CreateBrowser().DeleteAsync("/api/v1/auth/sessions/1")).ProblemAsync(HttpStatusCode.Unauthorized);
    }
}
