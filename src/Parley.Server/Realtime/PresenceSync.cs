using System.Text.Json;
using Microsoft.Extensions.Options;
using Parley.Server.Infrastructure;
using StackExchange.Redis;

namespace Parley.Server.Realtime;

/// <summary>
/// Several nodes (Redis configured): each node says on Redis who comes online and goes offline on it, sends its whole
/// list every <see cref="SnapshotEvery"/> (which also repairs anything missed), answers a starting node's hello with
/// its list, and says goodbye when it stops. The others keep it in <see cref="RemoteOnlineUsers"/>.
/// </summary>
public sealed partial class PresenceSync(
    ConnectionRegistry local,
    RemoteOnlineUsers remote,
    IOptions<ParleyOptions> options,
    TimeProvider time,
    ILogger<PresenceSync> logger) : BackgroundService
{
    public static readonly TimeSpan SnapshotEvery = TimeSpan.FromSeconds(20);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly string _node = Guid.NewGuid().ToString("N");
    private readonly RedisChannel _channel = RedisChannel.Literal(options.Value.RedisPrefix + ":presence");
    private ConnectionMultiplexer? _redis;

    private enum Kind
    {
        Hello,
        Snapshot,
        Online,
        Offline,
        Bye,
    }

    private sealed record Note(string Node, Kind Kind, long UserId = 0, IReadOnlyCollection<long>? UserIds = null);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var configuration = ConfigurationOptions.Parse(options.Value.Redis);
        configuration.AbortOnConnectFail = false;
        _redis = await ConnectionMultiplexer.ConnectAsync(configuration);
        var queue = await _redis.GetSubscriber().SubscribeAsync(_channel);
        queue.OnMessage(Received);
        local.OnlineChanged += LocalChanged;
        await PublishAsync(new Note(_node, Kind.Hello));
        while (!stoppingToken.IsCancellationRequested)
        {
            await PublishAsync(new Note(_node, Kind.Snapshot, UserIds: local.OnlineUserIds()));
            try
            {
                await Task.Delay(SnapshotEvery, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        local.OnlineChanged -= LocalChanged;
        await base.StopAsync(cancellationToken);
        if (_redis is not null)
        {
            await PublishAsync(new Note(_node, Kind.Bye));
            await _redis.DisposeAsync();
        }
    }

    private void LocalChanged(long userId, bool online) =>
        _ = PublishAsync(new Note(_node, online ? Kind.Online : Kind.Offline, userId));

    private void Received(ChannelMessage message)
    {
        Note? note;
        try
        {
            note = JsonSerializer.Deserialize<Note>((string)message.Message!, Json);
        }
        catch (JsonException e)
        {
            Unreadable(logger, e);
            return;
        }

        if (note is null || note.Node == _node)
        {
            return;
        }

        var now = time.GetUtcNow();
        switch (note.Kind)
        {
            case Kind.Hello:
                _ = PublishAsync(new Note(_node, Kind.Snapshot, UserIds: local.OnlineUserIds()));
                break;
            case Kind.Snapshot:
                remote.Snapshot(note.Node, note.UserIds ?? [], now);
                break;
            case Kind.Online:
                remote.Online(note.Node, note.UserId, now);
                break;
            case Kind.Offline:
                remote.Offline(note.Node, note.UserId, now);
                break;
            case Kind.Bye:
                remote.Forget(note.Node);
                break;
        }
    }

    private async Task PublishAsync(Note note)
    {
        if (_redis is not { IsConnected: true })
        {
            return;
        }

        try
        {
            await _redis.GetSubscriber().PublishAsync(_channel, JsonSerializer.Serialize(note, Json));
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
        {
            // The next snapshot repairs what the other nodes missed.
            NotPublished(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not tell the other nodes through Redis who is online here.")]
    private static partial void NotPublished(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An unreadable presence note arrived through Redis.")]
    private static partial void Unreadable(ILogger logger, Exception exception);
}
