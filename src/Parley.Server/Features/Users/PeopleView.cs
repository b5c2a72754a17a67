using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Parley.Contracts.Users;
using Parley.Data;
using Parley.Server.Realtime;

namespace Parley.Server.Features.Users;

/// <summary>Builds <see cref="PublicUser"/>s as one viewer may see them, for any number of people in three queries.</summary>
public sealed class PeopleView(ParleyDbContext db, OnlineUsers online)
{
    public async Task<Dictionary<long, PublicUser>> LoadAsync(long viewerId, IEnumerable<long> userIds, CancellationToken cancellationToken)
    {
        var ids = userIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        var people = await db.Users
            .Where(u => ids.Contains(u.Id))
            .Select(u => new
            {
                u.Id,
                u.UserName,
                u.DisplayName,
                u.Bio,
                u.StatusText,
                u.Presence,
                u.LastSeenAt,
                u.AvatarKey,
                OnlineAudience = u.Settings == null ? Audience.Everyone : u.Settings.OnlineStatusVisibility,
                LastSeenAudience = u.Settings == null ? Audience.Everyone : u.Settings.LastSeenVisibility,
            })
            .ToListAsync(cancellationToken);
        var relations = await RelationsAsync(viewerId, ids, cancellationToken);
        return people.ToDictionary(p => p.Id, p =>
        {
            var relation = relations[p.Id];
            return new PublicUser(
                p.Id.ToString(CultureInfo.InvariantCulture),
                p.UserName!,
                p.DisplayName,
                p.Bio,
                p.StatusText,
                PrivacyRules.VisiblePresence(p.Presence, online.IsOnline(p.Id), p.OnlineAudience, relation),
                PrivacyRules.VisibleLastSeen(p.LastSeenAt, p.LastSeenAudience, relation),
                relation.AreFriends,
                relation.BlockedByViewer,
                Files.Avatars.UrlForUser(p.Id, p.AvatarKey));
        });
    }

    public async Task<Dictionary<long, PrivacyRules.Relation>> RelationsAsync(long viewerId, IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        var friends = await db.Friendships
            .Where(f => f.UserId == viewerId && ids.Contains(f.FriendId))
            .Select(f => f.FriendId)
            .ToListAsync(cancellationToken);
        var blocks = await db.Blocks
            .Where(b => (b.UserId == viewerId && ids.Contains(b.BlockedUserId)) || (b.BlockedUserId == viewerId && ids.Contains(b.UserId)))
            .Select(b => new { b.UserId, b.BlockedUserId })
            .ToListAsync(cancellationToken);
        var friendSet = friends.ToHashSet();
        var blockedByViewer = blocks.Where(b => b.UserId == viewerId).Select(b => b.BlockedUserId).ToHashSet();
        var blockedViewer = blocks.Where(b => b.BlockedUserId == viewerId).Select(b => b.UserId).ToHashSet();
        return ids.ToDictionary(id => id, id => new PrivacyRules.Relation(
            id == viewerId, friendSet.Contains(id), blockedByViewer.Contains(id), blockedViewer.Contains(id)));
    }

    public async Task<PrivacyRules.Relation> RelationAsync(long viewerId, long userId, CancellationToken cancellationToken) =>
        (await RelationsAsync(viewerId, [userId], cancellationToken))[userId];
}
