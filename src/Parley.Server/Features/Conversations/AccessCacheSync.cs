using Microsoft.Extensions.Options;
using Parley.Server.Infrastructure;
using StackExchange.Redis;

namespace Parley.Server.Features.Conversations;

/// <summary>
/// Several nodes (Redis configured): each committed access change is published on a Redis channel, and every other node
/// drops its cached grants when it hears it. The cache serves nothing until this node has heard its own probe come back
/// through the subscription, and again from the moment the Redis connection fails until a probe returns after it is
/// restored, so a node that might have missed a change never answers from its cache.
/// </summary>
public sealed partial class AccessCacheSync(AccessCache cache, IOptions<ParleyOptions> options, TimeProvider time, ILogger<AccessCacheSync> logger) : BackgroundService
{
    private readonly RedisChannel _channel = RedisChannel.Literal(options.Value.RedisPrefix + ":access-cache");
    private readonly string _node = Guid.NewGuid().ToString("N");
    private ConnectionMultiplexer? _redis;
    private volatile string? _probe;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        cache.Enabled = false;
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var configuration = ConfigurationOptions.Parse(options.Value.Redis);
        configuration.AbortOnConnectFail = false;
        _redis = await ConnectionMultiplexer.ConnectAsync(configuration);
        _redis.ConnectionFailed += (_, _) => Distrust();
        _redis.ConnectionRestored += (_, _) => Distrust();
        var subscriber = _redis.GetSubscriber();
        await subscriber.SubscribeAsync(_channel, (_, message) => Received(message));
        cache.Published = PublishAsync;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (!cache.Enabled)
            {
                var probe = $"probe:{_node}:{Guid.NewGuid():N}";
                _probe = probe;
                try
                {
                    await subscriber.PublishAsync(_channel, probe);
                }
                catch (Exception e) when (e is RedisException or TimeoutException)
                {
                    ProbeFailed(logger, e);
                }
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        cache.Published = null;
        await base.StopAsync(cancellationToken);
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    private void Distrust()
    {
        _probe = null;
        cache.Enabled = false;
    }

    private void Received(RedisValue message)
    {
        var text = (string?)message;
        if (text is null)
        {
            return;
        }

        if (text.StartsWith("probe:", StringComparison.Ordinal))
        {
            if (text == _probe)
            {
                _probe = null;
                cache.Enabled = true;
            }
        }
        else if (text != _node)
        {
            cache.Invalidate();
        }
    }

    private async Task PublishAsync()
    {
        if (_redis is not { IsConnected: true })
        {
            // Not waited for: while the connection is down the other nodes' caches are usually off too (theirs fails
            // as well); a node whose own link is fine meanwhile keeps its grants until a later change reaches it.
            NotPublished(logger, null);
            return;
        }

        try
        {
            await _redis.GetSubscriber().PublishAsync(_channel, _node);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
        {
            // The other nodes may keep a stale grant until their own connection fails or a later change reaches them.
            NotPublished(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Probing the access cache's Redis channel failed.")]
    private static partial void ProbeFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell the other nodes through Redis that channel access changed.")]
    private static partial void NotPublished(ILogger logger, Exception? exception);
}
