using System.Text.Json;
using Microsoft.Extensions.Options;
using Parley.Server.Features.Conversations;
using Parley.Server.Infrastructure;
using StackExchange.Redis;

namespace Parley.Server.Realtime;

/// <summary>What a <see cref="ConnectionCommand"/> does to the live connections a node holds.</summary>
public enum ConnectionCommandKind
{
    /// <summary>The user's connections join the channel's group.</summary>
    JoinChannel,

    /// <summary>The user's connections leave the channel's group.</summary>
    LeaveChannel,

    /// <summary>Each listed user's connections move to exactly the server's channels they may now see.</summary>
    ResyncServer,

    /// <summary>The session's connections are told and closed.</summary>
    CloseSession,

    /// <summary>The connections opened with one of the listed personal tokens are told and closed.</summary>
    CloseTokens,

    /// <summary>All of the user's connections are told and closed.</summary>
    CloseUser,
}

/// <summary>A change to live hub connections, decided on one node, that every node applies to the connections it holds.</summary>
public sealed record ConnectionCommand(
    ConnectionCommandKind Kind,
    long UserId = 0,
    long ChannelId = 0,
    long SessionId = 0,
    long ServerId = 0,
    IReadOnlyList<long>? UserIds = null,
    IReadOnlyList<long>? ChannelIds = null,
    IReadOnlyList<long>? TokenIds = null);

/// <summary>
/// Several nodes (Redis configured): a user's hub connections may be on any node, but only the node holding a connection
/// can put it into a group or close it. So the node that commits a membership change or a sign-out applies it to its
/// own connections (<see cref="RealtimePublisher"/>) and publishes it here; every other node applies it to its own.
/// Without this, someone added to a group through another node would not get its messages live, and a member removed,
/// kicked or signed out through another node would go on receiving.
/// </summary>
public sealed partial class OtherNodes(
    IOptions<ParleyOptions> options, IServiceScopeFactory scopes, ParleyMetrics metrics, ILogger<OtherNodes> logger) : BackgroundService
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly string _node = Guid.NewGuid().ToString("N");
    private readonly RedisChannel _channel = RedisChannel.Literal(options.Value.RedisPrefix + ":connections");
    private ConnectionMultiplexer? _redis;

    private sealed record Envelope(string Node, ConnectionCommand Command);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var configuration = ConfigurationOptions.Parse(options.Value.Redis);
        configuration.AbortOnConnectFail = false;
        _redis = await ConnectionMultiplexer.ConnectAsync(configuration);
        // In order, one at a time: a join and the leave that follows it must not swap.
        var queue = await _redis.GetSubscriber().SubscribeAsync(_channel);
        queue.OnMessage(ReceivedAsync);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    /// <summary>Tells the other nodes; does nothing on a single node. A failure is logged, not thrown: the change is committed.</summary>
    public async Task PublishAsync(ConnectionCommand command)
    {
        if (_redis is null)
        {
            return;
        }

        try
        {
            await _redis.GetSubscriber().PublishAsync(_channel, JsonSerializer.Serialize(new Envelope(_node, command), Json));
            metrics.ConnectionCommand(sent: true);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
        {
            NotPublished(logger, e, command.Kind);
        }
    }

    private async Task ReceivedAsync(ChannelMessage message)
    {
        try
        {
            if (JsonSerializer.Deserialize<Envelope>((string)message.Message!, Json) is not { } envelope || envelope.Node == _node)
            {
                return;
            }

            await using var scope = scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            if (envelope.Command.Kind == ConnectionCommandKind.ResyncServer)
            {
                // The access change behind a resync reaches this node's access cache on another Redis channel, maybe
                // later than this: drop the cache first, so the resync reads the committed change.
                services.GetRequiredService<AccessCache>().Invalidate();
            }

            await services.GetRequiredService<RealtimePublisher>().ApplyHereAsync(envelope.Command, CancellationToken.None);
            metrics.ConnectionCommand(sent: false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            NotApplied(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell the other nodes through Redis to apply {Kind} to their connections.")]
    private static partial void NotPublished(ILogger logger, Exception exception, ConnectionCommandKind kind);

    [LoggerMessage(Level = LogLevel.Error, Message = "A connection command from another node could not be applied.")]
    private static partial void NotApplied(ILogger logger, Exception exception);
}
