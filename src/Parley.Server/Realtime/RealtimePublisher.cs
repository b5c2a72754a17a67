using Microsoft.AspNetCore.SignalR;
using Parley.Contracts.Realtime;

namespace Parley.Server.Realtime;

/// <summary>
/// How features send events, always after their changes are committed. One send per channel group: the payload is
/// serialised once, not copied per recipient.
/// </summary>
public sealed class RealtimePublisher(IHubContext<ChatHub, IChatClient> hub, ConnectionRegistry connections)
{
    public IChatClient Channel(long channelId) => hub.Clients.Group(HubGroups.Channel(channelId));

    public IChatClient ChannelExcept(long channelId, string connectionId) =>
        hub.Clients.GroupExcept(HubGroups.Channel(channelId), connectionId);

    public IChatClient User(long userId) => hub.Clients.Group(HubGroups.User(userId));

    public IChatClient Users(IEnumerable<long> userIds) => hub.Clients.Groups(userIds.Select(HubGroups.User).ToList());

    /// <summary>Puts the user's live connections into the channel's group, so they get its events from now on.</summary>
    public async Task JoinChannelAsync(long userId, long channelId, CancellationToken cancellationToken = default)
    {
        foreach (var connection in connections.ConnectionsOf(userId))
        {
            await hub.Groups.AddToGroupAsync(connection.Id, HubGroups.Channel(channelId), cancellationToken);
        }
    }

    /// <summary>Takes the user's live connections out of the channel's group at once.</summary>
    public async Task LeaveChannelAsync(long userId, long channelId, CancellationToken cancellationToken = default)
    {
        foreach (var connection in connections.ConnectionsOf(userId))
        {
            await hub.Groups.RemoveFromGroupAsync(connection.Id, HubGroups.Channel(channelId), cancellationToken);
        }
    }

    public IChatClient Server(long serverId) => hub.Clients.Group(HubGroups.Server(serverId));

    /// <summary>
    /// After roles, overwrites or membership change: puts each member's live connections into exactly the groups of
    /// the server's channels they may now see, so a member who loses ViewChannel stops receiving at once.
    /// </summary>
    public async Task ResyncServerAsync(long serverId, Features.Conversations.ChannelAccess access, IReadOnlyCollection<long> allChannelIds, IEnumerable<long> memberIds, CancellationToken cancellationToken)
    {
        foreach (var userId in memberIds)
        {
            var live = connections.ConnectionsOf(userId);
            if (live.Count == 0)
            {
                continue;
            }

            var visible = (await access.VisibleServerChannelIdsAsync(serverId, userId, cancellationToken)).ToHashSet();
            foreach (var connection in live)
            {
                if (visible.Count > 0 || await access.MemberAsync(serverId, userId, cancellationToken) is not null)
                {
                    await hub.Groups.AddToGroupAsync(connection.Id, HubGroups.Server(serverId), cancellationToken);
                }
                else
                {
                    await hub.Groups.RemoveFromGroupAsync(connection.Id, HubGroups.Server(serverId), cancellationToken);
                }

                foreach (var channelId in allChannelIds)
                {
                    if (visible.Contains(channelId))
                    {
                        await hub.Groups.AddToGroupAsync(connection.Id, HubGroups.Channel(channelId), cancellationToken);
                    }
                    else
                    {
                        await hub.Groups.RemoveFromGroupAsync(connection.Id, HubGroups.Channel(channelId), cancellationToken);
                    }
                }
            }
        }
    }

    /// <summary>Tells a revoked session's live connections and closes them.</summary>
    public async Task CloseSessionAsync(long userId, long sessionId)
    {
        foreach (var connection in connections.ConnectionsOf(userId).Where(c => c.SessionId == sessionId))
        {
            await hub.Clients.Client(connection.Id).SessionRevoked();
            connection.Context.Abort();
        }
    }
}
