using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Parley.Contracts.Messages;
using Parley.Contracts.Users;
using Parley.Server.Realtime;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Realtime;

/// <summary>
/// The hub's WebSocket request lasts as long as its connection: it signs in without the authentication middleware and,
/// once the connection is up, lets go of its headers, query string, authentication result, items and request
/// services (see <see cref="RealtimeSetup.ReleaseHandshakeAsync"/>). These check what it keeps, that nothing is
/// authenticated twice, and that the connection still does everything it did.
/// </summary>
public sealed class HubHandshakeTests
{
    private static readonly Uri HubUri = new("http://localhost/hub");

    [Theory, AllDatabases]
    public async Task A_connected_hub_keeps_only_the_principal_of_its_handshake_request_and_still_works(Db db)
    {
        await using var parley = new ParleyApp(db);
        var probe = new HandshakeProbe();
        await using var app = parley.WithWebHostBuilder(web => web.ConfigureTestServices(services =>
            services.Configure<HubOptions>(hub => hub.AddFilter(probe))));
        var alice = app.CreateDefaultClient(new Uri("http://localhost"), new BrowserCookies());
        var aliceMe = await alice.RegisterAsync(Names.Unique("alice"));
        var bobCookies = new BrowserCookies();
        var bob = app.CreateDefaultClient(new Uri("http://localhost"), bobCookies);
        var bobMe = await bob.RegisterAsync(Names.Unique("bob"));
        var token = await app.CreateDefaultClient(new Uri("http://localhost")).CreateTokenAsync(aliceMe.Username);
        var chat = await (await alice.PostAsJsonAsync("/api/v1/users/me/channels", new Contracts.Channels.CreateChannelRequest([bobMe.Id], null)))
            .ReadAsync<Contracts.Channels.ChannelResponse>();

        await using var aliceHub = await ConnectAsync(app.Server, new Uri(HubUri, "?access_token=" + Uri.EscapeDataString(token)), cookie: null);
        await using var bobHub = await ConnectAsync(app.Server, HubUri, cookie: bobCookies.Cookies.GetCookieHeader(HubUri));

        Assert.Equal(2, probe.Seen.Count);
        foreach (var (seen, me) in probe.Seen.Zip([aliceMe, bobMe]))
        {
            Assert.Equal(0, seen.HeaderCount);
            Assert.Equal("", seen.QueryString);
            Assert.DoesNotContain("access_token", seen.RawTarget, StringComparison.Ordinal);
            Assert.False(seen.HasAuthenticateResult);
            Assert.False(seen.HasRequestServices);
            Assert.False(seen.HasItems);
            // Signed in by the hub's own step, not by the authentication middleware (which sets this feature).
            Assert.False(seen.PassedAuthenticationMiddleware);
            Assert.True(seen.SamePrincipalAsTheHub);
            Assert.Equal(me.Id, seen.UserId);
        }

        // The principal still serves the hub's methods: a send through the hub, typing, and delivery to the other side.
        var bobGot = Next(bobHub, "MessageCreated");
        var typing = Next(bobHub, "TypingStarted");
        await aliceHub.InvokeAsync("Typing", chat.Id);
        var sent = await aliceHub.InvokeAsync<MessageResponse>("SendMessage", chat.Id, new SendMessageRequest("after the handshake", Guid.NewGuid().ToString("N"), null));
        Assert.Equal("after the handshake", sent.Content);
        Assert.Equal(aliceMe.Id, (await typing.WaitAsync(TimeSpan.FromSeconds(10))).GetProperty("userId").GetString());
        Assert.Equal("after the handshake", (await bobGot.WaitAsync(TimeSpan.FromSeconds(10))).GetProperty("content").GetString());
    }

    [Theory, AllDatabases]
    public async Task Each_request_is_authenticated_once_the_hubs_included(Db db)
    {
        await using var parley = new ParleyApp(db);
        var counter = new AuthenticationCounter();
        await using var app = parley.WithWebHostBuilder(web => web.ConfigureTestServices(services => counter.Wrap(services)));
        var cookies = new BrowserCookies();
        var browser = app.CreateDefaultClient(new Uri("http://localhost"), cookies);
        var me = await browser.RegisterAsync(Names.Unique());
        var token = await app.CreateDefaultClient(new Uri("http://localhost")).CreateTokenAsync(me.Username);
        var bearer = app.CreateDefaultClient(new Uri("http://localhost")).WithBearer(token);

        counter.Reset();
        Assert.Equal(me.Id, (await browser.GetFromJsonAsync<MeResponse>("/api/v1/users/me"))!.Id);
        Assert.Equal(me.Id, (await bearer.GetFromJsonAsync<MeResponse>("/api/v1/users/me"))!.Id);
        Assert.Equal(["/api/v1/users/me Cookies", "/api/v1/users/me Bearer"], counter.Calls);

        counter.Reset();
        await using (await ConnectAsync(app.Server, new Uri(HubUri, "?access_token=" + Uri.EscapeDataString(token)), cookie: null))
        {
        }

        await using (await ConnectAsync(app.Server, HubUri, cookie: cookies.Cookies.GetCookieHeader(HubUri)))
        {
        }

        Assert.Equal(["/hub Bearer", "/hub Cookies"], counter.Calls);
    }

    private static async Task<HubConnection> ConnectAsync(TestServer server, Uri uri, string? cookie)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(uri, options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.WebSocketFactory = async (context, cancellationToken) =>
                {
                    var client = server.CreateWebSocketClient();
                    client.ConfigureRequest = request =>
                    {
                        request.Headers["X-Extra"] = "kept until the connection is up";
                        if (cookie is not null)
                        {
                            request.Headers.Cookie = cookie;
                        }
                    };
                    return await client.ConnectAsync(context.Uri, cancellationToken);
                };
            })
            .Build();
        await connection.StartAsync();
        // Served only after OnConnectedAsync (and the probe after it) has finished.
        await connection.InvokeAsync("Heartbeat");
        return connection;
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

    private sealed record Seen(
        int HeaderCount,
        string QueryString,
        string RawTarget,
        bool HasAuthenticateResult,
        bool HasRequestServices,
        bool HasItems,
        bool PassedAuthenticationMiddleware,
        bool SamePrincipalAsTheHub,
        string? UserId);

    /// <summary>Looks at the handshake request right after the hub's OnConnectedAsync.</summary>
    private sealed class HandshakeProbe : IHubFilter
    {
        private readonly ConcurrentQueue<Seen> _seen = new();

        public IReadOnlyList<Seen> Seen => [.. _seen];

        public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
        {
            await next(context);
            var http = context.Context.GetHttpContext()!;
            _seen.Enqueue(new Seen(
                http.Request.Headers.Count,
                http.Request.QueryString.Value ?? "",
                http.Features.Get<IHttpRequestFeature>()!.RawTarget,
                http.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult is not null,
                http.RequestServices is not null,
                http.Features.Get<IItemsFeature>() is not null,
                http.Features.Get<IAuthenticationFeature>() is not null,
                ReferenceEquals(http.User, context.Context.User),
                http.User.FindFirstValue(ClaimTypes.NameIdentifier)));
        }
    }

    /// <summary>Counts the authentications that reach a sign-in handler (cookie or token), by request path.</summary>
    private sealed class AuthenticationCounter
    {
        private readonly ConcurrentQueue<string> _calls = new();

        public IReadOnlyList<string> Calls => [.. _calls];

        public void Reset() => _calls.Clear();

        public void Wrap(IServiceCollection services)
        {
            var original = services.Single(d => d.ServiceType == typeof(IAuthenticationService));
            services.Remove(original);
            services.Add(new ServiceDescriptor(typeof(IAuthenticationService), provider => new Counting(
                (IAuthenticationService)ActivatorUtilities.CreateInstance(provider, original.ImplementationType!), this), original.Lifetime));
        }

        private sealed class Counting(IAuthenticationService inner, AuthenticationCounter counter) : IAuthenticationService
        {
            public Task<AuthenticateResult> AuthenticateAsync(HttpContext context, string? scheme)
            {
                if (scheme is "Cookies" or "Bearer")
                {
                    counter._calls.Enqueue(string.Create(CultureInfo.InvariantCulture, $"{context.Request.Path} {scheme}"));
                }

                return inner.AuthenticateAsync(context, scheme);
            }

            public Task ChallengeAsync(HttpContext context, string? scheme, AuthenticationProperties? properties) => inner.ChallengeAsync(context, scheme, properties);

            public Task ForbidAsync(HttpContext context, string? scheme, AuthenticationProperties? properties) => inner.ForbidAsync(context, scheme, properties);

            public Task SignInAsync(HttpContext context, string? scheme, ClaimsPrincipal principal, AuthenticationProperties? properties) =>
                inner.SignInAsync(context, scheme, principal, properties);

            public Task SignOutAsync(HttpContext context, string? scheme, AuthenticationProperties? properties) => inner.SignOutAsync(context, scheme, properties);
        }
    }
}
