using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Parley.Data;

namespace Parley.Server.Features.Emoji;

/// <summary>
/// Reactions with a custom emoji are written <c>name:id</c>. The emoji must exist and the reactor must be a member of
/// its server; the stored text uses the name the message's existing reaction already has (or the current name), so a
/// rename does not split one reaction in two.
/// </summary>
public static class EmojiReactions
{
    public static bool TryParse(string? value, out long emojiId)
    {
        emojiId = 0;
        var colon = value?.LastIndexOf(':') ?? -1;
        return colon > 0
            && ServerAssets.IsValidName(value![..colon])
            && long.TryParse(value.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out emojiId)
            && emojiId > 0;
    }

    /// <summary>The text to store for the reaction, or null when the emoji is unknown or from a server the user is not in.</summary>
    public static async Task<string?> ResolveAsync(ParleyDbContext db, long messageId, long emojiId, long userId, CancellationToken cancellationToken)
    {
        var emoji = await db.CustomEmoji.AsNoTracking().Where(e => e.Id == emojiId)
            .Select(e => new { e.Name, e.ServerId })
            .FirstOrDefaultAsync(cancellationToken);
        if (emoji is null || !await db.ServerMembers.AnyAsync(m => m.ServerId == emoji.ServerId && m.UserId == userId, cancellationToken))
        {
            return null;
        }

        var suffix = ":" + emojiId.ToString(CultureInfo.InvariantCulture);
        var existing = await db.Reactions.Where(r => r.MessageId == messageId && r.Emoji.EndsWith(suffix)).Select(r => r.Emoji).FirstOrDefaultAsync(cancellationToken);
        return existing ?? emoji.Name + suffix;
    }
}
