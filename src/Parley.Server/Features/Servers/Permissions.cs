using Parley.Contracts.Servers;

namespace Parley.Server.Features.Servers;

/// <summary>
/// The one place that computes what a member may do, Discord's way: the @everyone role and the member's roles give
/// base permissions; the owner and Administrator get everything; then the channel's overwrites apply in order:
/// @everyone (deny, then allow), the member's roles together (deny, then allow), the member (deny, then allow).
/// Without ViewChannel a member has nothing in that channel. Pure, so it is unit-tested without a database.
/// </summary>
public static class Permissions
{
    public const Permission All = (Permission)((1L << 17) - 1);

    public const Permission EveryoneDefault =
        Permission.ViewChannel | Permission.SendMessages | Permission.ReadMessageHistory | Permission.AddReactions
        | Permission.AttachFiles | Permission.CreateInvites;

    /// <summary>What a direct or group chat member may do (the group's owner also manages the group).</summary>
    public const Permission PrivateChat =
        Permission.ViewChannel | Permission.SendMessages | Permission.ReadMessageHistory | Permission.AddReactions
        | Permission.AttachFiles | Permission.PinMessages;

    public readonly record struct Overwrite(long TargetId, bool IsRole, Permission Allow, Permission Deny);

    public static Permission ForServer(bool isOwner, Permission everyone, IEnumerable<Permission> memberRoles)
    {
        if (isOwner)
        {
            return All;
        }

        var permissions = memberRoles.Aggregate(everyone, (all, role) => all | role);
        return permissions.HasFlag(Permission.Administrator) ? All : permissions;
    }

    public static Permission ForChannel(
        Permission serverPermissions,
        long serverId,
        long userId,
        IReadOnlyCollection<long> memberRoleIds,
        IEnumerable<Overwrite> overwrites)
    {
        if (serverPermissions.HasFlag(Permission.Administrator))
        {
            return All;
        }

        var list = overwrites as IReadOnlyCollection<Overwrite> ?? overwrites.ToList();
        var permissions = serverPermissions;
        foreach (var everyone in list.Where(o => o.IsRole && o.TargetId == serverId))
        {
            permissions = (permissions & ~everyone.Deny) | everyone.Allow;
        }

        var roleDeny = Permission.None;
        var roleAllow = Permission.None;
        foreach (var role in list.Where(o => o.IsRole && o.TargetId != serverId && memberRoleIds.Contains(o.TargetId)))
        {
            roleDeny |= role.Deny;
            roleAllow |= role.Allow;
        }

        permissions = (permissions & ~roleDeny) | roleAllow;
        foreach (var member in list.Where(o => !o.IsRole && o.TargetId == userId))
        {
            permissions = (permissions & ~member.Deny) | member.Allow;
        }

        return permissions.HasFlag(Permission.ViewChannel) ? permissions : Permission.None;
    }

    /// <summary>Role hierarchy: you manage only roles strictly below your highest; the owner manages all.</summary>
    public static bool MayManageRole(bool isOwner, int actorHighestPosition, int rolePosition) =>
        isOwner || rolePosition < actorHighestPosition;

    public static bool Has(this Permission granted, Permission needed) => (granted & needed) == needed;
}
