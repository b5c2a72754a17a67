using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Parley.Contracts.Accounts;
using Parley.Contracts.Users;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Features.Accounts;

/// <summary>A browser's hub connection, signed in with its session cookie, that notes SessionRevoked and its closing.</summary>
internal sealed class CookieHub : IAsyncDisposable
{
    private static readonly Uri HubUri = new("http://localhost/hub");
    private readonly TaskCompletionSource _revoked = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private CookieHub(HubConnection connection)
    {
        Connection = connection;
        connection.On("SessionRevoked", _revoked.SetResult);
        connection.Closed += _ =>
        {
            _closed.TrySetResult();
            return Task.CompletedTask;
        };
    }

    public HubConnection Connection { get; }

    public static async Task<CookieHub> ConnectAsync(ParleyApp app, BrowserCookies cookies)
    {
        var cookie = cookies.Cookies.GetCookieHeader(HubUri);
        var server = app.Server;
        var connection = new HubConnectionBuilder()
            .WithUrl(HubUri, options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.WebSocketFactory = async (context, cancellationToken) =>
                {
                    var client = server.CreateWebSocketClient();
                    client.ConfigureRequest = request => request.Headers.Cookie = cookie;
                    return await client.ConnectAsync(context.Uri, cancellationToken);
                };
            })
            .Build();
        var hub = new CookieHub(connection);
        await connection.StartAsync();
        await connection.InvokeAsync("Heartbeat");
        return hub;
    }

    /// <summary>Waits until the server said SessionRevoked and closed the connection.</summary>
    public async Task RevokedAndClosedAsync()
    {
        await _revoked.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await _closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HubConnectionState.Disconnected, Connection.State);
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}

public sealed class ChangePasswordTests(ParleyApps apps) : IClassFixture<ParleyApps>
{
    private const string NewPassword = "a brand new passphrase";

    [Theory, AllDatabases]
    public async Task After_a_change_the_old_password_fails_and_the_new_one_works(Db db)
    {
        var username = Names.Unique();
        var browser = apps[db].CreateBrowser();
        await browser.RegisterAsync(username);

        var response = await browser.PostAsJsonAsync("/api/v1/auth/password", new ChangePasswordRequest(Api.Password, NewPassword));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/users/me")).StatusCode);
        await (await apps[db].CreateBrowser().LoginAsync(username)).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await apps[db].CreateBrowser().LoginAsync(username, NewPassword)).StatusCode);
        await (await apps[db].CreateBareClient().PostAsJsonAsync("/api/v1/auth/tokens", new CreateTokenRequest(username, Api.Password, "x")))
            .ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory, AllDatabases]
    public async Task The_other_sessions_are_signed_out_and_their_hub_connections_closed_while_tokens_stay(Db db)
    {
        var app = apps[db];
        var username = Names.Unique();
        var laptop = app.CreateBrowser();
        await laptop.RegisterAsync(username);
        var phone = app.CreateBrowser(out var phoneCookies);
        (await phone.LoginAsync(username)).EnsureSuccessStatusCode();
        var token = await app.CreateBareClient().CreateTokenAsync(username);
        await using var phoneHub = await CookieHub.ConnectAsync(app, phoneCookies);
        await using var tokenHub = await HubClient.ConnectAsync(app, token);

        var response = await laptop.PostAsJsonAsync("/api/v1/auth/password", new ChangePasswordRequest(Api.Password, NewPassword));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await phoneHub.RevokedAndClosedAsync();
        await (await phone.GetAsync("/api/v1/users/me")).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/api/v1/users/me")).StatusCode);
        Assert.True(Assert.Single((await laptop.GetFromJsonAsync<List<SessionResponse>>("/api/v1/auth/sessions"))!).Current);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateBareClient().WithBearer(token).GetAsync("/api/v1/users/me")).StatusCode);
        Assert.Equal(HubConnectionState.Connected, tokenHub.Connection.State);
        Assert.Empty(tokenHub.All("SessionRevoked"));
    }

    [Theory, AllDatabases]
    public async Task RevokeTokens_also_revokes_the_personal_tokens_and_closes_their_hub_connections(Db db)
    {
        var app = apps[db];
        var username = Names.Unique();
        var browser = app.CreateBrowser();
        await browser.RegisterAsync(username);
        var token = await app.CreateBareClient().CreateTokenAsync(username);
        await using var tokenHub = await HubClient.ConnectAsync(app, token);

        var response = await browser.PostAsJsonAsync("/api/v1/auth/password", new ChangePasswordRequest(Api.Password, NewPassword, RevokeTokens: true));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await tokenHub.WaitForAsync("SessionRevoked");
        await (await app.CreateBareClient().WithBearer(token).GetAsync("/api/v1/users/me")).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Empty((await browser.GetFromJsonAsync<List<TokenResponse>>("/api/v1/auth/tokens"))!);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/users/me")).StatusCode);
    }

    [Theory, AllDatabases]
    public async Task With_a_token_every_session_is_signed_out_and_only_the_calling_token_is_kept(Db db)
    {
        var app = apps[db];
        var username = Names.Unique();
        var browser = app.CreateBrowser();
        await browser.RegisterAsync(username);
        var cli = await app.CreateBareClient().CreateTokenAsync(username, "cli");
        var bot = await app.CreateBareClient().CreateTokenAsync(username, "bot");
        var client = app.CreateBareClient().WithBearer(cli);

        var response = await client.PostAsJsonAsync("/api/v1/auth/password", new ChangePasswordRequest(Api.Password, NewPassword, RevokeTokens: true));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await (await browser.GetAsync("/api/v1/users/me")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await app.CreateBareClient().WithBearer(bot).GetAsync("/api/v1/users/me")).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("cli", Assert.Single((await client.GetFromJsonAsync<List<TokenResponse>>("/api/v1/auth/tokens"))!).Name);
    }

    [Theory, AllDatabases]
    public async Task A_wrong_current_password_or_a_new_one_that_breaks_the_rules_is_refused_naming_the_field(Db db)
    {
        var username = Names.Unique();
        var browser = apps[db].CreateBrowser();
        await browser.RegisterAsync(username);

        async Task<HttpResponseMessage> Change(string? current, string? next) =>
            await browser.PostAsJsonAsync("/api/v1/auth/password", new ChangePasswordRequest(current, next));

        await (await Change("not my password", NewPassword)).AssertFieldErrorsAsync("currentPassword");
        await (await Change(null, null)).AssertFieldErrorsAsync("currentPassword", "newPassword");
        await (await Change(Api.Password, "short")).AssertFieldErrorsAsync("newPassword");
        await (await Change(Api.Password, "aaaaaaaaaa")).AssertFieldErrorsAsync("newPassword");
        await (await Change(Api.Password, username)).AssertFieldErrorsAsync("newPassword");
        await (await Change(Api.Password, new string('x', 60) + new string('y', 69))).AssertFieldErrorsAsync("newPassword");
        await (await Change(Api.Password, Api.Password)).AssertFieldErrorsAsync("newPassword");

        // Nothing changed: the old password still signs in.
        Assert.Equal(HttpStatusCode.OK, (await apps[db].CreateBrowser().LoginAsync(username)).StatusCode);
    }

    [Theory, AllDatabases]
    public async Task Changing_the_password_needs_a_signed_in_user_and_from_a_browser_the_antiforgery_header(Db db)
    {
        var username = Names.Unique();
        var browser = apps[db].CreateBrowser(out var jar);
        await browser.RegisterAsync(username);
        jar.SendAntiforgeryHeader = false;

        var forged = await browser.PostAsJsonAsync("/api/v1/auth/password", new ChangePasswordRequest(Api.Password, NewPassword));

        var problem = await forged.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("antiforgery", problem.GetProperty("title").GetString()!, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await apps[db].CreateBrowser().LoginAsync(username)).StatusCode);
        await (await apps[db].CreateBrowser().PostAsJsonAsync("/api/v1/auth/password", new ChangePasswordRequest(Api.Password, NewPassword)))
            .ProblemAsync(HttpStatusCode.Unauthorized);
    }
}

public sealed class SignOutOthersTests(ParleyApps apps) : IClassFixture<ParleyApps>
{
    [Theory, AllDatabases]
    public async Task Every_other_device_is_signed_out_and_its_hub_connection_closed_while_this_one_and_tokens_stay(Db db)
    {
        var app = apps[db];
        var username = Names.Unique();
        var laptop = app.CreateBrowser();
        await laptop.RegisterAsync(username);
        var phone = app.CreateBrowser(out var phoneCookies);
        (await phone.LoginAsync(username)).EnsureSuccessStatusCode();
        var tablet = app.CreateBrowser();
        (await tablet.LoginAsync(username)).EnsureSuccessStatusCode();
        var token = await app.CreateBareClient().CreateTokenAsync(username);
        await using var phoneHub = await CookieHub.ConnectAsync(app, phoneCookies);

        var response = await laptop.PostAsync("/api/v1/auth/sessions/sign-out-others", null);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await phoneHub.RevokedAndClosedAsync();
        await (await phone.GetAsync("/api/v1/users/me")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await tablet.GetAsync("/api/v1/users/me")).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.True(Assert.Single((await laptop.GetFromJsonAsync<List<SessionResponse>>("/api/v1/auth/sessions"))!).Current);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateBareClient().WithBearer(token).GetAsync("/api/v1/users/me")).StatusCode);
        // With no other device it is still fine.
        Assert.Equal(HttpStatusCode.NoContent, (await laptop.PostAsync("/api/v1/auth/sessions/sign-out-others", null)).StatusCode);
    }

    [Theory, AllDatabases]
    public async Task Someone_elses_sessions_are_not_touched(Db db)
    {
        var alice = apps[db].CreateBrowser();
        await alice.RegisterAsync();
        var bob = apps[db].CreateBrowser();
        var bobMe = await bob.RegisterAsync();

        Assert.Equal(HttpStatusCode.NoContent, (await alice.PostAsync("/api/v1/auth/sessions/sign-out-others", null)).StatusCode);

        Assert.Equal(bobMe.Id, (await bob.GetFromJsonAsync<MeResponse>("/api/v1/users/me"))!.Id);
    }

    [Theory, AllDatabases]
    public async Task Signing_out_others_needs_a_signed_in_user_and_from_a_browser_the_antiforgery_header(Db db)
    {
        var username = Names.Unique();
        var laptop = apps[db].CreateBrowser(out var jar);
        await laptop.RegisterAsync(username);
        var phone = apps[db].CreateBrowser();
        (await phone.LoginAsync(username)).EnsureSuccessStatusCode();
        jar.SendAntiforgeryHeader = false;

        await (await laptop.PostAsync("/api/v1/auth/sessions/sign-out-others", null)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/api/v1/users/me")).StatusCode);
        await (await apps[db].CreateBrowser().PostAsync("/api/v1/auth/sessions/sign-out-others", null)).ProblemAsync(HttpStatusCode.Unauthorized);
    }
}
