using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Parley.Contracts.Accounts;
using Parley.Contracts.Users;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Features.Accounts;

public sealed class TokensTests(ParleyApps apps) : IClassFixture<ParleyApps>
{
    [Theory, AllDatabases]
    public async Task A_created_token_authenticates_a_client_without_cookies_or_antiforgery(Db db)
    {
        var username = Names.Unique("bot");
        await apps[db].CreateBrowser().RegisterAsync(username);
        var token = await apps[db].CreateBareClient().CreateTokenAsync(username, "my bot");
        Assert.StartsWith("pat_", token, StringComparison.Ordinal);

        var bot = apps[db].CreateBareClient().WithBearer(token);
        var me = await bot.GetFromJsonAsync<MeResponse>("/api/v1/users/me");
        var patched = await bot.PatchAsJsonAsync("/api/v1/users/me", new { statusText = "beep" });

        Assert.Equal(username, me!.Username);
        Assert.Equal("beep", (await patched.ReadAsync<MeResponse>()).StatusText);
    }

    [Theory, AllDatabases]
    public async Task Tokens_are_listed_without_their_secret_and_stored_only_as_a_hash(Db db)
    {
        var username = Names.Unique();
        var browser = apps[db].CreateBrowser();
        await browser.RegisterAsync(username);
        var token = await apps[db].CreateBareClient().CreateTokenAsync(username, "laptop cli");

        var body = await browser.GetStringAsync("/api/v1/auth/tokens");
        var listed = await browser.GetFromJsonAsync<List<TokenResponse>>("/api/v1/auth/tokens");

        Assert.Equal("laptop cli", Assert.Single(listed!).Name);
        Assert.DoesNotContain(token, body, StringComparison.Ordinal);
        Assert.False(await apps[db].WithDbAsync(d => d.PersonalAccessTokens.AnyAsync(t => t.TokenHash == token)));
    }

    [Theory, AllDatabases]
    public async Task A_revoked_token_stops_working(Db db)
    {
        var username = Names.Unique();
        var browser = apps[db].CreateBrowser();
        await browser.RegisterAsync(username);
        var token = await apps[db].CreateBareClient().CreateTokenAsync(username);
        var id = (await browser.GetFromJsonAsync<List<TokenResponse>>("/api/v1/auth/tokens"))!.Single().Id;

        Assert.Equal(HttpStatusCode.NoContent, (await browser.DeleteAsync($"/api/v1/auth/tokens/{id}")).StatusCode);

        await (await apps[db].CreateBareClient().WithBearer(token).GetAsync("/api/v1/users/me")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory, AllDatabases]
    public async Task Revoking_a_token_closes_the_hub_connections_opened_with_it_and_no_other(Db db)
    {
        var username = Names.Unique();
        var browser = apps[db].CreateBrowser();
        await browser.RegisterAsync(username);
        var revoked = await apps[db].CreateBareClient().CreateTokenAsync(username, "old laptop");
        var kept = await apps[db].CreateBareClient().CreateTokenAsync(username, "phone");
        await using var revokedHub = await HubClient.ConnectAsync(apps[db], revoked);
        await using var keptHub = await HubClient.ConnectAsync(apps[db], kept);
        var id = (await browser.GetFromJsonAsync<List<TokenResponse>>("/api/v1/auth/tokens"))!.Single(t => t.Name == "old laptop").Id;

        Assert.Equal(HttpStatusCode.NoContent, (await browser.DeleteAsync($"/api/v1/auth/tokens/{id}")).StatusCode);

        await revokedHub.WaitForAsync("SessionRevoked");
        await keptHub.Connection.InvokeAsync("Heartbeat");
        Assert.Empty(keptHub.All("SessionRevoked"));
    }

    [Theory, AllDatabases]
    public async Task Creating_a_token_needs_the_right_password_and_a_name(Db db)
    {
        var username = Names.Unique();
        await apps[db].CreateBrowser().RegisterAsync(username);
        var client = apps[db].CreateBareClient();

        await (await client.PostAsJsonAsync("/api/v1/auth/tokens", new CreateTokenRequest(username, "wrong password", "x"))).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await client.PostAsJsonAsync("/api/v1/auth/tokens", new CreateTokenRequest(username, Api.Password, ""))).AssertFieldErrorsAsync("name");
        await (await client.PostAsJsonAsync("/api/v1/auth/tokens", new CreateTokenRequest(username, Api.Password, new string('n', 65)))).AssertFieldErrorsAsync("name");
        await (await client.PostAsJsonAsync("/api/v1/auth/tokens", new CreateTokenRequest(null, null, "x"))).AssertFieldErrorsAsync("login", "password");
    }

    [Theory, AllDatabases]
    public async Task Someone_elses_token_cannot_be_revoked(Db db)
    {
        var owner = Names.Unique();
        var ownerBrowser = apps[db].CreateBrowser();
        await ownerBrowser.RegisterAsync(owner);
        var token = await apps[db].CreateBareClient().CreateTokenAsync(owner);
        var id = (await ownerBrowser.GetFromJsonAsync<List<TokenResponse>>("/api/v1/auth/tokens"))!.Single().Id;
        var stranger = apps[db].CreateBrowser();
        await stranger.RegisterAsync();

        await (await stranger.DeleteAsync($"/api/v1/auth/tokens/{id}")).ProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal(HttpStatusCode.OK, (await apps[db].CreateBareClient().WithBearer(token).GetAsync("/api/v1/users/me")).StatusCode);
    }

    [Theory, AllDatabases]
    public async Task An_unknown_bearer_token_and_no_credentials_are_refused(Db db)
    {
        await (await apps[db].CreateBareClient().WithBearer("pat_nonsense").GetAsync("/api/v1/users/me")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await apps[db].CreateBareClient().GetAsync("/api/v1/auth/tokens")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await apps[db].CreateBareClient().DeleteAsync("/api/v1/auth/tokens/1")).ProblemAsync(HttpStatusCode.Unauthorized);
    }
}
