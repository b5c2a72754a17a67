using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;
using Parley.Server.Infrastructure;

namespace Parley.Server.Realtime;

public static class RealtimeSetup
{
    public const string HubPath = "/hub";

    public static IServiceCollection AddParleySignalR(this IServiceCollection services, ParleyOptions options)
    {
        var signalR = services.AddSignalR(hub =>
        {
            hub.MaximumReceiveMessageSize = 32 * 1024;
            hub.EnableDetailedErrors = false;
        });
        if (!string.IsNullOrWhiteSpace(options.Redis))
        {
            // Scale-out: every node publishes hub messages through Redis, so a group spans all nodes.
            signalR.AddStackExchangeRedis(options.Redis, redis => redis.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal(options.RedisPrefix));
            services.AddHostedService(provider => provider.GetRequiredService<OtherNodes>());
            services.AddHostedService<PresenceSync>();
        }

        services.AddSingleton<OtherNodes>();
        services.AddSingleton<RemoteOnlineUsers>();
        services.AddSingleton<OnlineUsers>();

        return services;
    }

    /// <summary>
    /// The hub's WebSocket request (an HTTP/1.1 upgrade, an HTTP/2 extended CONNECT, or a server's own WebSocket
    /// request such as the test server's): it lasts as long as the connection, so the pipeline keeps it away from the
    /// middleware it does not need.
    /// </summary>
    public static bool IsHubWebSocket(HttpContext context) =>
        context.Request.Path.StartsWithSegments(HubPath)
        && (context.Features.Get<IHttpUpgradeFeature>()?.IsUpgradableRequest == true
            || context.Features.Get<IHttpExtendedConnectFeature>()?.IsExtendedConnect == true
            || context.Features.Get<IHttpWebSocketFeature>()?.IsWebSocketRequest == true);

    /// <summary>
    /// <c>UseAuthentication</c>, except for the hub's WebSocket request: that request lasts as long as its connection,
    /// and the authentication middleware would keep, for that long, the handlers it used and the result they gave. The
    /// hub's request authenticates with the same default scheme (the same handlers, so the same tokens, cookies and
    /// refusals) and keeps only the principal. Authorization stays with <c>UseAuthorization</c> for every request.
    /// (Parley has no remote sign-in schemes, the other thing the authentication middleware serves.)
    /// </summary>
    public static IApplicationBuilder UseAuthenticationKeepingHubLight(this IApplicationBuilder app)
    {
        app.UseWhen(context => !IsHubWebSocket(context), web =>
        {
            web.UseAuthentication();
            // A branch has properties of its own, and the application looks in its own for the mark UseAuthentication
            // leaves: without the mark it would put another authentication middleware in front of the whole pipeline.
            foreach (var (key, value) in web.Properties)
            {
                app.Properties.TryAdd(key, value);
            }
        });
        return app.Use((context, next) => IsHubWebSocket(context) ? SignInToHubAsync(context, next) : next(context));
    }

    private static async Task SignInToHubAsync(HttpContext context, RequestDelegate next)
    {
        if (await AuthenticateAsync(context) is { } user)
        {
            context.User = user;
        }

        await next(context);
    }

    /// <summary>Apart from <see cref="SignInToHubAsync"/>, so that its frame, which waits out the connection, holds none of this.</summary>
    private static async Task<ClaimsPrincipal?> AuthenticateAsync(HttpContext context) =>
        (await context.AuthenticateAsync()).Principal;

    /// <summary>
    /// Lets go of what the hub's WebSocket request still holds once its connection is up. The request lasts as long as
    /// the connection, so without this every idle connection would keep, for its whole life: the request headers (a
    /// browser's cookies and user agent), the query string (the client's access token), the authentication result
    /// beside the principal (its ticket and properties), the request's items, and the request's service scope with the
    /// authentication and authorization services resolved while signing in. The principal stays (the hub's
    /// <c>Context.User</c> is the same object), and so do the connection's features (remote address and the like).
    /// Nothing reads the rest afterwards: hub methods get their services from SignalR's scope for each invocation.
    /// </summary>
    public static async ValueTask ReleaseHandshakeAsync(HttpContext context)
    {
        var request = context.Request;
        // Copied out rather than enumerated: Kestrel keeps an enumerator for the headers once they are enumerated.
        var headers = new KeyValuePair<string, StringValues>[request.Headers.Count];
        request.Headers.CopyTo(headers, 0);
        foreach (var (name, _) in headers)
        {
            request.Headers.Remove(name);
        }

        request.Query = QueryCollection.Empty;
        if (context.Features.Get<IHttpRequestFeature>() is { } line)
        {
            line.RawTarget = line.PathBase + line.Path;
        }

        if (context.Features.Get<IAuthenticateResultFeature>() is { AuthenticateResult: not null } authentication)
        {
            var user = context.User;
            authentication.AuthenticateResult = null;
            context.User = user;
        }

        // The items are read while the request finds its way to the hub (e.g. by the endpoint middleware); a later
        // reader would get new, empty ones.
        context.Features.Set<IItemsFeature>(null);

        // Disposing the feature disposes the scope and drops it; the disposal registered at the request's end then
        // has nothing left to do.
        if (context.Features.Get<IServiceProvidersFeature>() is RequestServicesFeature services)
        {
            await services.DisposeAsync();
        }
    }

    /// <summary>A browser may open the hub only from Parley's own pages (or configured origins): no cross-site WebSocket hijacking.</summary>
    public static IApplicationBuilder UseHubOriginCheck(this IApplicationBuilder app, ParleyOptions options) =>
        // Not async: a middleware that awaits the rest of the pipeline keeps its state for as long as a hub connection lasts.
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(HubPath)
                && context.Request.Headers.Origin.ToString() is { Length: > 0 } origin
                && !IsAllowed(origin, context.Request, options))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            }

            return next(context);
        });

    internal static bool IsAllowed(string origin, HttpRequest request, ParleyOptions options) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && (string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)
            || options.AllowedOrigins.Any(allowed => string.Equals(allowed.TrimEnd('/'), origin.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)));
}
