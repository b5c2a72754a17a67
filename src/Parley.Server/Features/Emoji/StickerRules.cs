using Microsoft.EntityFrameworkCore;
using Parley.Data;
using Parley.Data.Conversations;

namespace Parley.Server.Features.Emoji;

/// <summary>Which stickers may be sent where.</summary>
public static class StickerRules
{
    /// <summary>
    /// In a server channel, a sticker of that server; in a direct or group chat, a sticker of any server the sender is in.
    /// </summary>
    public static async Task<bool> MaySendAsync(ParleyDbContext db, Channel channel, long stickerId, long senderId, CancellationToken cancellationToken)
    {
        var serverId = await db.Stickers.Where(s => s.Id == stickerId).Select(s => (long?)s.ServerId).FirstOrDefaultAsync(cancellationToken);
        if (serverId is null)
        {
            return false;
        }

        return channel.ServerId is { } channelServer
            ? channelServer == serverId
            : await db.ServerMembers.AnyAsync(m => m.ServerId == serverId && m.UserId == senderId, cancellationToken);
    }
}
