using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Parley.Contracts.Accounts;
using Parley.Contracts.Users;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Features.Accounts;

/// <summary>The bearer token is looked up on every request: a revoked token or a deleted account stops at once.</summary>
public sealed class BearerTokenTests(ParleyApps apps) : IClassFixture<ParleyApps>
{
    [Theory, AllDatabases]
    public async Task A_token_in_use_stops_on_the_very_next_request_after_it_is_revoked(Db db)
    {
        var username = Names.Unique("bot");
        var browser = apps[db].CreateBrowser();
        await browser.RegisterAsync(username);
        var keep = await apps[db].CreateBareClient().CreateTokenAsync(username, "keep");
        var revoke = await apps[db].CreateBareClient().CreateTokenAsync(username, "revoke");
        var kept = apps[db].CreateBareClient().WithBearer(keep);
        var revoked = apps[db].CreateBareClient().WithBearer(revoke);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(username, (await revoked.GetFromJsonAsync<MeResponse>("/api/v1/users/me"))!.Username);
        }

        var id = (await browser.GetFromJsonAsync<List<TokenResponse>>("/api/v1/auth/tokens"))!.Single(t => t.Name == "revoke").Id;
        Assert.Equal(HttpStatusCode.NoContent, (await browser.DeleteAsync($"/api/v1/auth/tokens/{id}")).StatusCode);

        await (await revoked.GetAsync("/api/v1/users/me")).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(username, (await kept.GetFromJsonAsync<MeResponse>("/api/v1/users/me"))!.Username);
        var tokens = await browser.GetFromJsonAsync<List<TokenResponse>>("/api/v1/auth/tokens");
        Assert.NotNull(Assert.Single(tokens!).LastUsedAt);
    }

    [Theory, AllDatabases]
    public async Task A_token_whose_row_is_gone_is_refused_and_another_users_token_is_that_user(Db db)
    {
        var anna = Names.Unique("anna");
        var boris = Names.Unique("boris");
        await apps[db].CreateBrowser().RegisterAsync(anna);
        await apps[db].CreateBrowser().RegisterAsync(boris);
        var annaToken = await apps[db].CreateBareClient().CreateTokenAsync(anna);
        var borisClient = apps[db].CreateBareClient().WithBearer(await apps[db].CreateBareClient().CreateTokenAsync(boris));
        var annaClient = apps[db].CreateBareClient().WithBearer(annaToken);

        Assert.Equal(anna, (await annaClient.GetFromJsonAsync<MeResponse>("/api/v1/users/me"))!.Username);
        Assert.Equal(boris, (await borisClient.GetFromJsonAsync<MeResponse>("/api/v1/users/me"))!.Username);

        var annaId = await apps[db].WithDbAsync(d => d.Users.Where(u => u.UserName == anna).Select(u => u.Id).SingleAsync());
        await apps[db].WithDbAsync(d => d.PersonalAccessTokens.Where(t => t.UserId == annaId).ExecuteDeleteAsync());

        await (await annaClient.GetAsync("/api/v1/users/me")).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(boris, (await borisClient.GetFromJsonAsync<MeResponse>("/api/v1/users/me"))!.Username);
    }
}
