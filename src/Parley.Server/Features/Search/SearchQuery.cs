using System.Globalization;
using System.Text;

namespace Parley.Server.Features.Search;

/// <summary>
/// A parsed search: free-text terms plus the filters that may be typed inline (<c>from:anna has:image in:123
/// mentions:boris pinned:true before:2026-01-31 after:2026-01-01 cats</c>). Quoted phrases stay together.
/// </summary>
public sealed record SearchQuery(
    IReadOnlyList<string> Terms,
    string? From,
    string? In,
    string? Has,
    string? Mentions,
    bool? Pinned,
    DateTimeOffset? Before,
    DateTimeOffset? After)
{
    public static SearchQuery Parse(string? text)
    {
        var terms = new List<string>();
        string? from = null, @in = null, has = null, mentions = null;
        bool? pinned = null;
        DateTimeOffset? before = null, after = null;
        foreach (var token in Tokenize(text ?? ""))
        {
            var colon = token.IndexOf(':', StringComparison.Ordinal);
            var key = colon > 0 ? token[..colon].ToLowerInvariant() : "";
            var value = colon > 0 ? token[(colon + 1)..].Trim('@') : "";
            switch (key)
            {
                case "from" when value.Length > 0: from = value; break;
                case "in" when value.Length > 0: @in = value.TrimStart('#'); break;
                case "has" when value.Length > 0: has = value.ToLowerInvariant(); break;
                case "mentions" when value.Length > 0: mentions = value; break;
                case "pinned" when bool.TryParse(value, out var p): pinned = p; break;
                case "before" when TryDate(value, out var b): before = b; break;
                case "after" when TryDate(value, out var a): after = a; break;
                default: terms.Add(token); break;
            }
        }

        return new SearchQuery(terms, from, @in, has, mentions, pinned, before, after);
    }

    /// <summary>Folds case and, where the script has them, diacritics (é → e, but й and ё stay Russian letters).</summary>
    public static string Fold(string text)
    {
        var decomposed = text.ToUpperInvariant().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark && builder.Length > 0 && builder[^1] < 0x0250)
            {
                continue; // a Latin letter's accent
            }

            builder.Append(c);
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    private static bool TryDate(string value, out DateTimeOffset date) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date);

    private static IEnumerable<string> Tokenize(string text)
    {
        var current = new StringBuilder();
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
                continue;
            }

            if (char.IsWhiteSpace(c) && !quoted)
            {
                if (current.Length > 0)
                {
                    yield return current.ToString();
                    current.Clear();
                }

                continue;
            }

            current.Append(c);
        }

        if (current.Length > 0)
        {
            yield return current.ToString();
        }
    }
}
