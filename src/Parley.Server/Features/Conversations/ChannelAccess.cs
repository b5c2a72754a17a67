using Microsoft.EntityFrameworkCore;
using Parley.Contracts.Channels;
using Parley.Contracts.Servers;
using Parley.Data;
using Parley.Data.Conversations;
using Parley.Server.Features.Servers;

namespace Parley.Server.Features.Conversations;

/// <summary>
/// A channel and what the user may do in it. <see cref="Channel"/> is tracked by the request's context, as if queried,
/// but may come from <see cref="AccessCache"/>: every field is current except <see cref="Channel.LastMessageId"/>, which
/// each send moves without invalidating the cache. Read that one from the database.
/// </summary>
public sealed record ChannelGrant(Channel Channel, Permission Permissions)
{
    public bool Has(Permission needed) => Permissions.Has(needed);
}

/// <summary>
/// The one gatekeeper for channels: every endpoint and hub method asks it first. A channel you may not see does not
/// exist for you (404); one you may see but not change answers 403. Direct and group chats: members only. Server
/// channels: the permissions computed by <see cref="Servers.Permissions"/>. The channel, the member's standing and a
/// direct chat's block come from <see cref="AccessCache"/> when it has them, so a send or a history page usually makes no
/// query here at all.
/// </summary>
public sealed class ChannelAccess(ParleyDbContext db, AccessCache cache)
{
    public const int MaxGroupMembers = 100;

    /// <summary>
    /// The channel and the user's permissions in it, or null when the user may not see it. From the cache, or one query
    /// for a private chat and two for a server channel.
    /// </summary>
    public async Task<ChannelGrant?> GetAsync(long channelId, long userId, CancellationToken cancellationToken)
    {
        var found = await ChannelAsync(channelId, cancellationToken);
        if (found is null)
        {
            return null;
        }

        var channel = found.Row;
        Permission permissions;
        if (channel.ServerId is not { } serverId)
        {
            if (!found.RecipientIds.Contains(userId))
            {
                return null;
            }

            permissions = Permissions.PrivateChat;
            if (channel.Type == ChannelType.Group && channel.OwnerId == userId)
            {
                permissions |= Permission.ManageMessages | Permission.ManageChannels;
            }
        }
        else
        {
            var member = await MemberAsync(serverId, userId, cancellationToken);
            if (member is null)
            {
                return null;
            }

            permissions = Servers.Permissions.ForChannel(member.Permissions, serverId, userId, member.RoleIds, found.Overwrites);
            if (!permissions.Has(Permission.ViewChannel))
            {
                return null;
            }
        }

        return new ChannelGrant(Track(channel), permissions);
    }

    /// <summary>A channel (not a category) with its overwrites and, for a private chat, its members: cached, or one query.</summary>
    private async Task<CachedChannel?> ChannelAsync(long channelId, CancellationToken cancellationToken)
    {
        if (UseCache && cache.TryGetChannel(channelId, out var cached))
        {
            return cached;
        }

        var generation = cache.Generation;
        var found = await db.Channels
            .AsNoTracking()
            .Where(c => c.Id == channelId && c.Type != ChannelType.Category)
            .Select(c => new
            {
                Channel = c,
                RecipientIds = db.ChannelRecipients.Where(r => r.ChannelId == c.Id).Select(r => r.UserId).ToList(),
                Overwrites = db.PermissionOverwrites.Where(o => o.ChannelId == c.Id)
                    .Select(o => new Permissions.Overwrite(o.TargetId, o.IsRole, o.Allow, o.Deny))
                    .ToList(),
            })
            .AsSingleQuery()
            .FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        var channel = new CachedChannel(found.Channel, found.Overwrites, found.RecipientIds.ToHashSet());
        if (UseCache)
        {
            cache.StoreChannel(channelId, channel, generation);
        }

        return channel;
    }

    /// <summary>
    /// The request's own copy of a cached row, tracked as a tracking query would have left it (callers rename a group,
    /// hand it to an heir, delete it). If the context already tracks the channel, that instance, as a query would return.
    /// </summary>
    private Channel Track(Channel row)
    {
        if (db.Channels.Local.FindEntry(row.Id) is { } tracked)
        {
            return tracked.Entity;
        }

        var copy = Copy(row);
        db.Channels.Attach(copy);
        return copy;
    }

    internal static Channel Copy(Channel row) => new()
    {
        Id = row.Id,
        Type = row.Type,
        Name = row.Name,
        OwnerId = row.OwnerId,
        ServerId = row.ServerId,
        ParentId = row.ParentId,
        Topic = row.Topic,
        Position = row.Position,
        DirectKey = row.DirectKey,
        LastMessageId = row.LastMessageId,
        IconKey = row.IconKey,
        CreatedAt = row.CreatedAt,
    };

    /// <summary>
    /// Inside a transaction the cache is neither read nor filled: the request must see its own uncommitted writes, and
    /// others must not.
    /// </summary>
    private bool UseCache => db.Database.CurrentTransaction is null;

    /// <summary>The channel if the user may see it, else null.</summary>
    public async Task<Channel?> FindReadableAsync(long channelId, long userId, CancellationToken cancellationToken) =>
        (await GetAsync(channelId, userId, cancellationToken))?.Channel;

    /// <summary>A server member's server-wide permissions and roles, or null for a non-member. Cached, or one query.</summary>
    public async Task<ServerGrant?> MemberAsync(long serverId, long userId, CancellationToken cancellationToken)
    {
        if (UseCache && cache.TryGetMember(serverId, userId, out var cached))
        {
            return cached;
        }

        var generation = cache.Generation;

        // Every server has its @everyone role (id == server id), so a member always gets at least one row.
        var roles = await db.Roles
            .Where(r => r.ServerId == serverId
                && (r.Id == serverId || db.MemberRoles.Any(x => x.ServerId == serverId && x.UserId == userId && x.RoleId == r.Id))
                && db.ServerMembers.Any(m => m.ServerId == serverId && m.UserId == userId))
            .Select(r => new
            {
                Role = new HeldRole(r.Id, r.Permissions, r.Position),
                OwnerId = db.Servers.Where(s => s.Id == serverId).Select(s => s.OwnerId).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var grant = roles.Count == 0 ? null : ToGrant(serverId, userId, roles[0].OwnerId, roles.Select(r => r.Role));
        if (UseCache)
        {
            cache.StoreMember(serverId, userId, grant, generation);
        }

        return grant;
    }

    private static ServerGrant ToGrant(long serverId, long userId, long ownerId, IEnumerable<HeldRole> roles)
    {
        var held = roles.ToList();
        var everyone = held.FirstOrDefault(r => r.Id == serverId)?.Permissions ?? Permission.None;
        var own = held.Where(r => r.Id != serverId).ToList();
        var isOwner = ownerId == userId;
        return new ServerGrant(
            serverId,
            isOwner,
            Servers.Permissions.ForServer(isOwner, everyone, own.Select(r => r.Permissions)),
            own.Select(r => r.Id).ToList(),
            isOwner ? int.MaxValue : own.Select(r => r.Position).DefaultIfEmpty(0).Max());
    }

    private sealed record HeldRole(long Id, Permission Permissions, int Position);

    /// <summary>Null when the user may post; otherwise why not. A direct chat with someone who blocked you, or whom you blocked, is read-only.</summary>
    public async Task<string?> WhyCannotSendAsync(ChannelGrant grant, long userId, CancellationToken cancellationToken)
    {
        if (!grant.Has(Permission.SendMessages))
        {
            return "You cannot send messages in this channel.";
        }

        if (grant.Channel.Type != ChannelType.Direct)
        {
            return null;
        }

        // Whether either of the two blocked the other: the same answer for both, so one entry per chat.
        var channelId = grant.Channel.Id;
        if (!UseCache || !cache.TryGetDirectBlock(channelId, out var blocked))
        {
            var generation = cache.Generation;
            blocked = await db.ChannelRecipients
                .Where(r => r.ChannelId == channelId && r.UserId != userId)
                .AnyAsync(r => db.Blocks.Any(b => (b.UserId == r.UserId && b.BlockedUserId == userId) || (b.UserId == userId && b.BlockedUserId == r.UserId)), cancellationToken);
            if (UseCache)
            {
                cache.StoreDirectBlock(channelId, blocked, generation);
            }
        }

        return blocked ? "You cannot send messages in this chat." : null;
    }

    /// <summary>Renaming a group, adding and removing others: the group's owner.</summary>
    public static bool MayManage(Channel channel, long userId) =>
        channel.Type == ChannelType.Group && channel.OwnerId == userId;

    /// <summary>
    /// The channel ids whose events the user receives: private chats they are in, and server channels they can see.
    /// Five queries however many servers the user is in.
    /// </summary>
    public async Task<List<long>> ReadableChannelIdsAsync(long userId, CancellationToken cancellationToken)
    {
        var ids = await db.ChannelRecipients.Where(r => r.UserId == userId).Select(r => r.ChannelId).ToListAsync(cancellationToken);
        var memberships = await db.ServerMembers.Where(m => m.UserId == userId)
            .Select(m => new { m.ServerId, OwnerId = db.Servers.Where(s => s.Id == m.ServerId).Select(s => s.OwnerId).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        if (memberships.Count == 0)
        {
            return ids;
        }

        var serverIds = memberships.Select(m => m.ServerId).ToList();
        var roles = (await db.Roles
            .Where(r => serverIds.Contains(r.ServerId) && (r.Id == r.ServerId || db.MemberRoles.Any(x => x.UserId == userId && x.RoleId == r.Id)))
            .Select(r => new { r.ServerId, Role = new HeldRole(r.Id, r.Permissions, r.Position) })
            .ToListAsync(cancellationToken))
            .ToLookup(r => r.ServerId, r => r.Role);
        var channels = await db.Channels
            .Where(c => c.ServerId != null && serverIds.Contains(c.ServerId.Value) && c.Type != ChannelType.Category)
            .Select(c => new { c.Id, ServerId = c.ServerId!.Value })
            .ToListAsync(cancellationToken);
        var overwrites = (await db.PermissionOverwrites
            .Where(o => db.Channels.Any(c => c.Id == o.ChannelId && c.ServerId != null && serverIds.Contains(c.ServerId.Value)))
            .ToListAsync(cancellationToken))
            .ToLookup(o => o.ChannelId, o => new Permissions.Overwrite(o.TargetId, o.IsRole, o.Allow, o.Deny));
        var grants = memberships.ToDictionary(m => m.ServerId, m => ToGrant(m.ServerId, userId, m.OwnerId, roles[m.ServerId]));
        ids.AddRange(channels
            .Where(c => grants[c.ServerId] is var member
                && Servers.Permissions.ForChannel(member.Permissions, c.ServerId, userId, member.RoleIds, overwrites[c.Id]).Has(Permission.ViewChannel))
            .Select(c => c.Id));
        return ids;
    }

    public Task<List<long>> ServerIdsAsync(long userId, CancellationToken cancellationToken) =>
        db.ServerMembers.Where(m => m.UserId == userId).Select(m => m.ServerId).ToListAsync(cancellationToken);

    /// <summary>The text channels (and categories) of a server the member can see, in a fixed number of queries.</summary>
    public async Task<List<long>> VisibleServerChannelIdsAsync(long serverId, long userId, CancellationToken cancellationToken, bool includeCategories = false)
    {
        var member = await MemberAsync(serverId, userId, cancellationToken);
        if (member is null)
        {
            return [];
        }

        var channels = await db.Channels.Where(c => c.ServerId == serverId).Select(c => new { c.Id, c.Type }).ToListAsync(cancellationToken);
        var channelIds = channels.Select(c => c.Id).ToList();
        var overwrites = (await db.PermissionOverwrites.Where(o => channelIds.Contains(o.ChannelId)).ToListAsync(cancellationToken))
            .ToLookup(o => o.ChannelId, o => new Permissions.Overwrite(o.TargetId, o.IsRole, o.Allow, o.Deny));
        return channels
            .Where(c => includeCategories || c.Type != ChannelType.Category)
            .Where(c => Servers.Permissions.ForChannel(member.Permissions, serverId, userId, member.RoleIds, overwrites[c.Id]).Has(Permission.ViewChannel))
            .Select(c => c.Id)
            .ToList();
    }
}

/// <summary>A server member's standing: owner or not, server-wide permissions, roles and the highest role position.</summary>
public sealed record ServerGrant(long ServerId, bool IsOwner, Permission Permissions, IReadOnlyCollection<long> RoleIds, int HighestPosition)
{
    public bool Has(Permission needed) => Permissions.Has(needed);
}
