using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Parley.Server.Features.Messages;

/// <summary>What a message, a mention and a reaction may be.</summary>
public static partial class MessageRules
{
    public const int MaxContentLength = 4000;
    public const int MaxNonceLength = 64;
    public const int MaxDistinctReactions = 20;
    public const int MaxPins = 50;
    public const int MaxAttachments = 10;

    /// <summary>The usernames written as @name in the text (case kept; matched ignoring case).</summary>
    public static IReadOnlyList<string> MentionedUsernames(string content) =>
        MentionPattern().Matches(content)
            .SelectMany(m => new[] { m.Groups[1].Value, m.Groups[1].Value.TrimEnd('.') })
            .Where(name => name.Length >= 3)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

    /// <summary>A unicode emoji: one grapheme made of pictographs, modifiers, joiners, flags or keycaps.</summary>
    public static bool IsUnicodeEmoji(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 32)
        {
            return false;
        }

        if (StringInfo.GetNextTextElementLength(value) != value.Length)
        {
            return false;
        }

        var hasPictograph = false;
        foreach (var rune in value.EnumerateRunes())
        {
            var v = rune.Value;
            if (v is 0x200D or 0xFE0F or 0x20E3 || (v >= 0x1F3FB && v <= 0x1F3FF) || (v >= 0xE0020 && v <= 0xE007F))
            {
                continue; // joiner, variation selector, keycap, skin tone, tag characters
            }

            if (rune.IsAscii && (char.IsAsciiDigit((char)v) || v is '#' or '*'))
            {
                continue; // keycap bases
            }

            if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.OtherSymbol || (v >= 0x1F1E6 && v <= 0x1F1FF))
            {
                hasPictograph = true;
                continue;
            }

            return false;
        }

        return hasPictograph || value.Contains('\u20E3', StringComparison.Ordinal);
    }

    [GeneratedRegex(@"(?<![\p{L}\p{Nd}_.@-])@([\p{L}\p{Nd}_.\-]{3,32})(?![\p{L}\p{Nd}_\-]|\.[\p{L}\p{Nd}_\-])")]
    private static partial Regex MentionPattern();
}
