using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Parley.Contracts.Accounts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Realtime;

/// <summary>
/// How a hub connection is opened and closed: the hub's WebSocket request skips the page and API middleware, so
/// every way of signing in to it, every refusal and the closing on revocation are checked here.
/// </summary>
public sealed class HubConnectionTests(ParleyApps apps) : IClassFixture<ParleyApps>
{
    private static readonly Uri HubUri = new("http://localhost/hub");

    [Theory, AllDatabases]
    public async Task The_hub_accepts_a_token_in_the_query_string_and_a_session_cookie(Db db)
    {
        var app = apps[db];
        var alice = await Person.RegisterAsync(app);
        var bob = app.CreateBrowser(out var bobCookies);
        var bobMe = await bob.RegisterAsync(Names.Unique());
        var token = await app.CreateBareClient().CreateTokenAsync(alice.Me.Username);
        var chat = await alice.StartChatAsync(new Person(bob, bobMe));

        await using var byQuery = await ConnectAsync(app, new Uri(HubUri, "?access_token=" + Uri.EscapeDataString(token)));
        await using var byCookie = await ConnectAsync(app, HubUri, cookie: bobCookies.Cookies.GetCookieHeader(HubUri));
        var aliceGot = Next(byQuery, "MessageCreated");
        var bobGot = Next(byCookie, "MessageCreated");
        await alice.SendAsync(chat.Id, "hello over both");

        Assert.Equal("hello over both", (await aliceGot.WaitAsync(TimeSpan.FromSeconds(10))).GetProperty("content").GetString());
        Assert.Equal("hello over both", (await bobGot.WaitAsync(TimeSpan.FromSeconds(10))).GetProperty("content").GetString());
    }

    [Theory, AllDatabases]
    public async Task The_hub_refuses_a_connection_without_valid_credentials_or_from_a_foreign_origin(Db db)
    {
        var app = apps[db];
        var browser = app.CreateBrowser(out var cookies);
        await browser.RegisterAsync(Names.Unique());
        var cookie = cookies.Cookies.GetCookieHeader(HubUri);

        Assert.Equal(HttpStatusCode.Unauthorized, await UpgradeStatusAsync(app, HubUri));
        Assert.Equal(HttpStatusCode.Unauthorized, await UpgradeStatusAsync(app, new Uri(HubUri, "?access_token=pat_wrong")));
        Assert.Equal(HttpStatusCode.Unauthorized, await UpgradeStatusAsync(app, HubUri, authorization: "Bearer pat_wrong"));
        Assert.Equal(HttpStatusCode.Forbidden, await UpgradeStatusAsync(app, HubUri, cookie: cookie, origin: "https://evil.example"));
        await using var sameOrigin = await ConnectAsync(app, HubUri, cookie: cookie, origin: "http://localhost");
        Assert.Equal(HubConnectionState.Connected, sameOrigin.State);
    }

    [Theory, AllDatabases]
    public async Task Revoking_a_session_closes_its_hub_connection_and_it_cannot_reconnect(Db db)
    {
        var app = apps[db];
        var username = Names.Unique();
        var laptop = app.CreateBrowser();
        await laptop.RegisterAsync(username);
        var phone = app.CreateBrowser(out var phoneCookies);
        (await phone.LoginAsync(username)).EnsureSuccessStatusCode();
        var phoneCookie = phoneCookies.Cookies.GetCookieHeader(HubUri);
        await using var phoneHub = await ConnectAsync(app, HubUri, cookie: phoneCookie);
        var revoked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        phoneHub.On("SessionRevoked", revoked.SetResult);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        phoneHub.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        var other = (await laptop.GetFromJsonAsync<List<SessionResponse>>("/api/v1/auth/sessions"))!.Single(s => !s.Current);

        Assert.Equal(HttpStatusCode.NoContent, (await laptop.DeleteAsync($"/api/v1/auth/sessions/{other.Id}")).StatusCode);

        await revoked.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HubConnectionState.Disconnected, phoneHub.State);
        Assert.Equal(HttpStatusCode.Unauthorized, await UpgradeStatusAsync(app, HubUri, cookie: phoneCookie));
    }

    /// <summary>A hub connection over the in-memory server's WebSockets, signed in however the arguments say.</summary>
    private static async Task<HubConnection> ConnectAsync(ParleyApp app, Uri uri, string? cookie = null, string? origin = null)
    {
        var server = app.Server;
        var connection = new HubConnectionBuilder()
            .WithUrl(uri, options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.WebSocketFactory = async (context, cancellationToken) =>
                {
                    var client = server.CreateWebSocketClient();
                    client.ConfigureRequest = request => Configure(request, cookie, origin, authorization: null);
                    return await client.ConnectAsync(context.Uri, cancellationToken);
                };
            })
            .Build();
        await connection.StartAsync();
        // An invocation is served only after OnConnectedAsync, so from here on the connection is in its groups.
        await connection.InvokeAsync("Heartbeat");
        return connection;
    }

    /// <summary>The status of a refused WebSocket upgrade to the hub (TestServer reports it in the exception).</summary>
    private static async Task<HttpStatusCode> UpgradeStatusAsync(
        ParleyApp app, Uri uri, string? cookie = null, string? origin = null, string? authorization = null)
    {
        var client = app.Server.CreateWebSocketClient();
        client.ConfigureRequest = request => Configure(request, cookie, origin, authorization);
        var ws = new UriBuilder(uri) { Scheme = "ws" }.Uri;
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => client.ConnectAsync(ws, CancellationToken.None));
        return (HttpStatusCode)int.Parse(refused.Message[(refused.Message.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
    }

    private static void Configure(Microsoft.AspNetCore.Http.HttpRequest request, string? cookie, string? origin, string? authorization)
    {
        if (cookie is { Length: > 0 })
        {
            request.Headers.Cookie = cookie;
        }

        if (origin is not null)
        {
            request.Headers.Origin = origin;
        }

        if (authorization is not null)
        {
            request.Headers.Authorization = authorization;
        }
    }

    private static Task<JsonElement> Next(HubConnection connection, string name)
    {
        var arrived = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On(name, [typeof(JsonElement)], args =>
        {
            arrived.TrySetResult((JsonElement)args[0]!);
            return Task.CompletedTask;
        });
        return arrived.Task;
    }
}
