using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Parley.Contracts.Servers;
using Parley.Data;
using Parley.Data.Servers;
using Parley.Server.Infrastructure;
using Parley.Server.Realtime;

namespace Parley.Server.Features.Servers;

/// <summary>Small shared pieces of the server feature: the audit log, permission strings, re-syncing real-time groups.</summary>
public sealed class ServerSupport(ParleyDbContext db, IdGenerator ids, RealtimePublisher realtime)
{
    public void Audit(long serverId, long actorId, string action, long? targetId = null, string? reason = null, string? details = null) =>
        db.AuditLog.Add(new AuditLogEntry
        {
            Id = ids.NextId(),
            ServerId = serverId,
            ActorId = actorId,
            Action = action,
            TargetId = targetId,
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim()[..Math.Min(reason.Trim().Length, 512)],
            Details = details,
        });

    /// <summary>Moves every online member's connections to exactly the channels they may now see.</summary>
    public async Task ResyncAsync(long serverId, CancellationToken cancellationToken, params long[] extraUserIds)
    {
        var channelIds = await db.Channels.Where(c => c.ServerId == serverId).Select(c => c.Id).ToListAsync(cancellationToken);
        var members = await db.ServerMembers.Where(m => m.ServerId == serverId).Select(m => m.UserId).ToListAsync(cancellationToken);
        await realtime.ResyncServerAsync(serverId, channelIds, members.Concat(extraUserIds).Distinct().ToList(), cancellationToken);
    }

    public static string Format(Permission permissions) => ((long)permissions).ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses a decimal permission mask; unknown bits are refused.</summary>
    public static bool TryParsePermissions(string? value, out Permission permissions)
    {
        permissions = Permission.None;
        if (value is null || !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var bits) || (bits & ~(long)Permissions.All) != 0)
        {
            return false;
        }

        permissions = (Permission)bits;
        return true;
    }

    public static string? IconUrl(Parley.Data.Servers.Server server) =>
        server.IconKey is null ? null : $"/api/v1/servers/{Ids.Format(server.Id)}/icon?v={server.IconKey[(server.IconKey.LastIndexOf('/') + 1)..]}";
}
