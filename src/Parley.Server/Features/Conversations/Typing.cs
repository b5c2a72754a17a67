using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Contracts.Realtime;
using Parley.Server.Features.Accounts;
using Parley.Server.Infrastructure;
using Parley.Server.Realtime;

namespace Parley.Server.Features.Conversations;

/// <summary>
/// "Anna is typing...": clients show it for about 6 seconds after the last event and send one at most every few
/// seconds while typing; the server drops events that come faster than that.
/// </summary>
public sealed class Typing(ChannelAccess access, RealtimePublisher realtime, TimeProvider time, TypingThrottle throttle)
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(2);

    /// <summary>False when the channel is not readable by the user.</summary>
    public async Task<bool> StartAsync(long userId, string username, long channelId, string? exceptConnectionId, CancellationToken cancellationToken)
    {
        var grant = await access.GetAsync(channelId, userId, cancellationToken);
        if (grant is null)
        {
            return false;
        }

        if (!throttle.TryPass(userId, channelId, time.GetUtcNow()) || await access.WhyCannotSendAsync(grant, userId, cancellationToken) is not null)
        {
            return true;
        }

        var typing = new TypingEvent(Ids.Format(channelId), Ids.Format(userId), username);
        var clients = exceptConnectionId is null ? realtime.Channel(channelId) : realtime.ChannelExcept(channelId, exceptConnectionId);
        await clients.TypingStarted(typing);
        return true;
    }

    public static async Task<Results<NoContent, NotFound>> Handle(long id, HttpContext context, Typing typing, CancellationToken cancellationToken) =>
        await typing.StartAsync(context.User.UserId(), context.User.Identity!.Name!, id, null, cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.NotFound();
}

public sealed class TypingThrottle
{
    private readonly ConcurrentDictionary<(long User, long Channel), DateTimeOffset> _last = new();

    public bool TryPass(long userId, long channelId, DateTimeOffset now)
    {
        var key = (userId, channelId);
        if (_last.TryGetValue(key, out var last) && now - last < Typing.MinInterval)
        {
            return false;
        }

        _last[key] = now;
        if (_last.Count > 100_000)
        {
            foreach (var stale in _last.Where(e => now - e.Value > TimeSpan.FromMinutes(1)).Select(e => e.Key).ToList())
            {
                _last.TryRemove(stale, out _);
            }
        }

        return true;
    }
}
