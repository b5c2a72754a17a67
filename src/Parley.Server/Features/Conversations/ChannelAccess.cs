using Microsoft.EntityFrameworkCore;
using Parley.Contracts.Channels;
using Parley.Data;
using Parley.Data.Conversations;

namespace Parley.Server.Features.Conversations;

/// <summary>
/// The one gatekeeper for channels: every endpoint and hub method asks it first. A channel you may not read does not
/// exist for you (404); one you may read but not change answers 403.
/// </summary>
public sealed class ChannelAccess(ParleyDbContext db)
{
    public const int MaxGroupMembers = 100;

    /// <summary>The channel if the user may read it, else null.</summary>
    public Task<Channel?> FindReadableAsync(long channelId, long userId, CancellationToken cancellationToken) =>
        db.Channels
            .Where(c => c.Id == channelId && db.ChannelRecipients.Any(r => r.ChannelId == c.Id && r.UserId == userId))
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Null when the user may post; otherwise why not. A direct chat with someone who blocked you, or whom you blocked, is read-only.</summary>
    public async Task<string?> WhyCannotSendAsync(Channel channel, long userId, CancellationToken cancellationToken)
    {
        if (channel.Type != ChannelType.Direct)
        {
            return null;
        }

        var blocked = await db.ChannelRecipients
            .Where(r => r.ChannelId == channel.Id && r.UserId != userId)
            .AnyAsync(r => db.Blocks.Any(b => (b.UserId == r.UserId && b.BlockedUserId == userId) || (b.UserId == userId && b.BlockedUserId == r.UserId)), cancellationToken);
        return blocked ? "You cannot send messages in this chat." : null;
    }

    /// <summary>Renaming, adding and removing others: the group's owner.</summary>
    public static bool MayManage(Channel channel, long userId) =>
        channel.Type == ChannelType.Group && channel.OwnerId == userId;

    /// <summary>Deleting someone else's message: the group's owner.</summary>
    public static bool MayDeleteOthersMessages(Channel channel, long userId) => MayManage(channel, userId);

    /// <summary>The channel ids the user may read, for joining hub groups on connect.</summary>
    public Task<List<long>> ReadableChannelIdsAsync(long userId, CancellationToken cancellationToken) =>
        db.ChannelRecipients.Where(r => r.UserId == userId).Select(r => r.ChannelId).ToListAsync(cancellationToken);
}
