using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Parley.Contracts.Messages;
using Parley.Contracts.Realtime;
using Parley.Contracts.Users;
using Parley.Data;
using Parley.Server.Features.Accounts;
using Parley.Server.Features.Conversations;
using Parley.Server.Features.Messages;
using Parley.Server.Features.Users;
using Parley.Server.Infrastructure;

namespace Parley.Server.Realtime;

/// <summary>
/// The real-time connection. Thin on purpose: it keeps track of connections, joins the groups of the channels the
/// user may read, and relays typing and presence. It can also send a message, through the same
/// <see cref="MessageSender"/> as REST (same rules, same rate limit, same events); everything else goes through REST.
/// </summary>
[Authorize]
public sealed class ChatHub(
    ConnectionRegistry connections,
    ChannelAccess access,
    Typing typing,
    Presences presences) : Hub<IChatClient>
{
    public override async Task OnConnectedAsync()
    {
        if (Context.Features.Get<IHttpTransportFeature>()?.TransportType == HttpTransportType.WebSockets
            && Context.GetHttpContext() is { } handshake)
        {
            await RealtimeSetup.ReleaseHandshakeAsync(handshake);
        }

        var userId = Context.User!.UserId();
        await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.User(userId));
        foreach (var channelId in await access.ReadableChannelIdsAsync(userId, Context.ConnectionAborted))
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.Channel(channelId));
        }

        foreach (var serverId in await access.ServerIdsAsync(userId, Context.ConnectionAborted))
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.Server(serverId));
        }

        var first = connections.Add(new ConnectionRegistry.Connection(Context.ConnectionId, userId, Context.User!.SessionId(), Context));
        if (first)
        {
            await presences.AnnounceAsync(userId, CancellationToken.None);
        }

        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        var userId = Context.User!.UserId();
        if (connections.Remove(userId, Context.ConnectionId))
        {
            await presences.WentOfflineAsync(userId, CancellationToken.None);
        }

        await base.OnDisconnectedAsync(exception);
    }

    /// <summary>"I am typing in this channel." Ignored for channels the user cannot read.</summary>
    public async Task Typing(string channelId)
    {
        if (Ids.TryParse(channelId, out var id))
        {
            await typing.StartAsync(Context.User!.UserId(), Context.User!.Identity!.Name!, id, Context.ConnectionId, Context.ConnectionAborted);
        }
    }

    /// <summary>Joins a channel's group after the client learns of a new channel (checked against membership).</summary>
    public async Task<bool> JoinChannel(string channelId)
    {
        if (!Ids.TryParse(channelId, out var id) || await access.FindReadableAsync(id, Context.User!.UserId(), Context.ConnectionAborted) is null)
        {
            return false;
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.Channel(id));
        return true;
    }

    public async Task SetPresence(Presence presence)
    {
        await presences.SetAsync(Context.User!.UserId(), presence, Context.ConnectionAborted);
    }

    /// <summary>Keeps the connection counted as active; the client calls it while the user is around.</summary>
    public Task Heartbeat() => Task.CompletedTask;

    /// <summary>
    /// Sends a message as POST /api/v1/channels/{channelId}/messages does, with the same rules (one
    /// <see cref="MessageSender"/>), the same per-user send bucket (<see cref="SendRateLimiter"/>) and the same
    /// MessageCreated event to the channel. Returns the message (the original one when the nonce was sent before).
    /// A refusal is a <see cref="HubException"/> whose message says why: the fields at fault, not found, not allowed,
    /// or too many messages.
    /// </summary>
    public async Task<MessageResponse> SendMessage(
        string channelId, SendMessageRequest request, [Microsoft.AspNetCore.Mvc.FromServices] MessageSender sender, [Microsoft.AspNetCore.Mvc.FromServices] SendRateLimiter limiter)
    {
        var user = Context.User!;
        using (var lease = limiter.AttemptAcquire(SendRateLimiter.KeyOf(user, Context.GetHttpContext())))
        {
            if (!lease.IsAcquired)
            {
                var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
                throw new HubException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Too many messages. Please wait {Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))} s before sending again."));
            }
        }

        if (!Ids.TryParse(channelId, out var id))
        {
            throw new HubException("Invalid message. channelId: The channelId must be a channel id.");
        }

        if (request is null)
        {
            throw new HubException("Invalid message. request: The message is required.");
        }

        var result = await sender.SendAsync(user.UserId(), id, request, Context.ConnectionAborted);
        return result.Status switch
        {
            SendStatus.Created or SendStatus.Existing => result.Message!,
            SendStatus.Invalid => throw new HubException("Invalid message. " + string.Join(" ", result.Invalid!.ProblemDetails.Errors
                .Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))),
            SendStatus.NotFound => throw new HubException("Channel not found."),
            _ => throw new HubException(result.Refusal),
        };
    }
}

/// <summary>Presence: who is connected, what they chose to show, and who may see it.</summary>
public sealed class Presences(ParleyDbContext db, PeopleView people, RealtimePublisher realtime, OnlineUsers online, TimeProvider time)
{
    public async Task SetAsync(long userId, Presence presence, CancellationToken cancellationToken)
    {
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(u => u.SetProperty(x => x.Presence, presence), cancellationToken);
        await AnnounceAsync(userId, cancellationToken);
    }

    public async Task WentOfflineAsync(long userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(u => u.SetProperty(x => x.LastSeenAt, now), cancellationToken);
        await AnnounceAsync(userId, cancellationToken);
    }

    /// <summary>
    /// Tells the people who know this user (friends, and members of shared direct and group chats) what they may see
    /// of the user's presence: one payload per distinct view, not one per person.
    /// </summary>
    public async Task AnnounceAsync(long userId, CancellationToken cancellationToken)
    {
        var audience = await db.Friendships.Where(f => f.UserId == userId).Select(f => f.FriendId)
            .Union(db.ChannelRecipients
                .Where(r => db.ChannelRecipients.Any(mine => mine.UserId == userId && mine.ChannelId == r.ChannelId) && r.UserId != userId)
                .Select(r => r.UserId))
            .ToListAsync(cancellationToken);
        audience.Add(userId);
        var user = await db.Users.Where(u => u.Id == userId)
            .Select(u => new
            {
                u.Presence,
                u.LastSeenAt,
                OnlineAudience = u.Settings == null ? Audience.Everyone : u.Settings.OnlineStatusVisibility,
                LastSeenAudience = u.Settings == null ? Audience.Everyone : u.Settings.LastSeenVisibility,
            })
            .FirstAsync(cancellationToken);
        var connected = online.IsOnline(userId);
        var relations = await people.RelationsAsync(userId, audience, cancellationToken);
        var views = new Dictionary<PresenceEvent, List<long>>();
        foreach (var viewer in audience.Distinct())
        {
            var relation = relations[viewer];
            if (relation.BlockedEitherWay)
            {
                continue;
            }

            // Friendship is symmetric, so the user's relation to the viewer is the viewer's relation to the user.
            var view = new PresenceEvent(
                Ids.Format(userId),
                PrivacyRules.VisiblePresence(user.Presence, connected, user.OnlineAudience, relation),
                PrivacyRules.VisibleLastSeen(user.LastSeenAt, user.LastSeenAudience, relation));
            if (!views.TryGetValue(view, out var viewers))
            {
                views[view] = viewers = [];
            }

            viewers.Add(viewer);
        }

        foreach (var (view, viewers) in views)
        {
            await realtime.Users(viewers).PresenceChanged(view);
        }
    }
}
