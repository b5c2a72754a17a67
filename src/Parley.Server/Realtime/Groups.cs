using System.Globalization;

namespace Parley.Server.Realtime;

/// <summary>SignalR group names. A channel's events go to its group; personal events to the user's group.</summary>
public static class HubGroups
{
    public static string Channel(long channelId) => "c:" + channelId.ToString(CultureInfo.InvariantCulture);

    public static string Server(long serverId) => "s:" + serverId.ToString(CultureInfo.InvariantCulture);

    public static string User(long userId) => "u:" + userId.ToString(CultureInfo.InvariantCulture);
}
