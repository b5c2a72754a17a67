using System.Globalization;
using Microsoft.AspNetCore.SignalR;
using Parley.Contracts.Realtime;
using Parley.Server.Features.Accounts;

namespace Parley.Server.Realtime;

/// <summary>
/// How features send events, always after their changes are committed. One send per channel group: the payload is
/// serialised once, not copied per recipient.
/// </summary>
/// <remarks>
/// Changes to live connections (joining or leaving a group, closing a signed-out session) are applied here to this
/// node's connections and published to the <see cref="OtherNodes"/>, which apply them to theirs.
/// </remarks>
public sealed class RealtimePublisher(
    IHubContext<ChatHub, IChatClient> hub, ConnectionRegistry connections, OtherNodes otherNodes, Features.Conversations.ChannelAccess access)
{
    public IChatClient Channel(long channelId) => hub.Clients.Group(HubGroups.Channel(channelId));

    public IChatClient ChannelExcept(long channelId, string connectionId) =>
        hub.Clients.GroupExcept(HubGroups.Channel(channelId), connectionId);

    public IChatClient User(long userId) => hub.Clients.Group(HubGroups.User(userId));

    public IChatClient Users(IEnumerable<long> userIds) => hub.Clients.Groups(userIds.Select(HubGroups.User).ToList());

    /// <summary>Puts the user's live connections into the channel's group, so they get its events from now on.</summary>
    public Task JoinChannelAsync(long userId, long channelId, CancellationToken cancellationToken = default) =>
        ApplyEverywhereAsync(new ConnectionCommand(ConnectionCommandKind.JoinChannel, UserId: userId, ChannelId: channelId), cancellationToken);

    /// <summary>Takes the user's live connections out of the channel's group at once.</summary>
    public Task LeaveChannelAsync(long userId, long channelId, CancellationToken cancellationToken = default) =>
        ApplyEverywhereAsync(new ConnectionCommand(ConnectionCommandKind.LeaveChannel, UserId: userId, ChannelId: channelId), cancellationToken);

    public IChatClient Server(long serverId) => hub.Clients.Group(HubGroups.Server(serverId));

    /// <summary>
    /// After roles, overwrites or membership change: puts each member's live connections into exactly the groups of
    /// the server's channels they may now see, so a member who loses ViewChannel stops receiving at once.
    /// </summary>
    public Task ResyncServerAsync(long serverId, IReadOnlyCollection<long> allChannelIds, IEnumerable<long> memberIds, CancellationToken cancellationToken) =>
        ApplyEverywhereAsync(
            new ConnectionCommand(ConnectionCommandKind.ResyncServer, ServerId: serverId, UserIds: [.. memberIds], ChannelIds: [.. allChannelIds]),
            cancellationToken);

    /// <summary>Tells a revoked session's live connections and closes them.</summary>
    public Task CloseSessionAsync(long userId, long sessionId) =>
        ApplyEverywhereAsync(new ConnectionCommand(ConnectionCommandKind.CloseSession, UserId: userId, SessionId: sessionId), CancellationToken.None);

    /// <summary>Tells the live connections opened with one of these personal tokens and closes them.</summary>
    public Task CloseTokensAsync(long userId, IReadOnlyList<long> tokenIds) =>
        ApplyEverywhereAsync(new ConnectionCommand(ConnectionCommandKind.CloseTokens, UserId: userId, TokenIds: tokenIds), CancellationToken.None);

    /// <summary>Tells every live connection of the user and closes it.</summary>
    public Task CloseUserAsync(long userId) =>
        ApplyEverywhereAsync(new ConnectionCommand(ConnectionCommandKind.CloseUser, UserId: userId), CancellationToken.None);

    private async Task ApplyEverywhereAsync(ConnectionCommand command, CancellationToken cancellationToken)
    {
        await ApplyHereAsync(command, cancellationToken);
        await otherNodes.PublishAsync(command);
    }

    /// <summary>Applies the command to this node's connections.</summary>
    public async Task ApplyHereAsync(ConnectionCommand command, CancellationToken cancellationToken)
    {
        switch (command.Kind)
        {
            case ConnectionCommandKind.JoinChannel:
                foreach (var connection in connections.ConnectionsOf(command.UserId))
                {
                    await hub.Groups.AddToGroupAsync(connection.Id, HubGroups.Channel(command.ChannelId), cancellationToken);
                }

                break;
            case ConnectionCommandKind.LeaveChannel:
                foreach (var connection in connections.ConnectionsOf(command.UserId))
                {
                    await hub.Groups.RemoveFromGroupAsync(connection.Id, HubGroups.Channel(command.ChannelId), cancellationToken);
                }

                break;
            case ConnectionCommandKind.ResyncServer:
                await ResyncHereAsync(command.ServerId, command.ChannelIds ?? [], command.UserIds ?? [], cancellationToken);
                break;
            case ConnectionCommandKind.CloseSession:
                await CloseHereAsync(command.UserId, c => c.SessionId == command.SessionId);
                break;
            case ConnectionCommandKind.CloseTokens:
                var tokens = (command.TokenIds ?? []).Select(id => id.ToString(CultureInfo.InvariantCulture)).ToHashSet(StringComparer.Ordinal);
                await CloseHereAsync(command.UserId, c => c.Context.User?.FindFirst(AuthSetup.TokenIdClaim)?.Value is { } tokenId && tokens.Contains(tokenId));
                break;
            case ConnectionCommandKind.CloseUser:
                await CloseHereAsync(command.UserId, _ => true);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(command), command.Kind, "Unknown connection command.");
        }
    }

    private async Task ResyncHereAsync(long serverId, IReadOnlyCollection<long> allChannelIds, IEnumerable<long> memberIds, CancellationToken cancellationToken)
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

    private async Task CloseHereAsync(long userId, Func<ConnectionRegistry.Connection, bool> which)
    {
        foreach (var connection in connections.ConnectionsOf(userId).Where(which))
        {
            await hub.Clients.Client(connection.Id).SessionRevoked();
            connection.Context.Abort();
        }
    }
}
