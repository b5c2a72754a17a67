using Microsoft.AspNetCore.Http.Features;
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
            signalR.AddStackExchangeRedis(options.Redis, redis => redis.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal("parley"));
        }

        return services;
    }

    /// <summary>
    /// The hub's WebSocket request (an HTTP/1.1 upgrade, or an HTTP/2 extended CONNECT): it lasts as long as the
    /// connection, so the pipeline keeps it away from the middleware it does not need.
    /// </summary>
    public static bool IsHubWebSocket(HttpContext context) =>
        context.Request.Path.StartsWithSegments(HubPath)
        && (context.Features.Get<IHttpUpgradeFeature>()?.IsUpgradableRequest == true
            || context.Features.Get<IHttpExtendedConnectFeature>()?.IsExtendedConnect == true);

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
