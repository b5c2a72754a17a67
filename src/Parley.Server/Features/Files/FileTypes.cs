namespace Parley.Server.Features.Files;

/// <summary>
/// What a file really is, from its first bytes. Names and declared types are never trusted: a ".png" that is HTML is
/// application/octet-stream here, and HTML or SVG are never recognised, so they can never render inline.
/// </summary>
public static class FileTypes
{
    public const string Binary = "application/octet-stream";
    public const int SniffLength = 16;

    private static readonly HashSet<string> InlineSafe = new(StringComparer.Ordinal)
    {
        "image/jpeg", "image/png", "image/gif", "image/webp",
        "video/mp4", "video/webm", "audio/mpeg", "audio/ogg", "audio/wav",
    };

    public static string Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }

        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
        {
            return "image/gif";
        }

        if (head.Length >= 12 && head.StartsWith("RIFF"u8))
        {
            var kind = head.Slice(8, 4);
            if (kind.SequenceEqual("WEBP"u8))
            {
                return "image/webp";
            }

            if (kind.SequenceEqual("WAVE"u8))
            {
                return "audio/wav";
            }
        }

        if (head.Length >= 12 && head.Slice(4, 4).SequenceEqual("ftyp"u8))
        {
            return "video/mp4";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]))
        {
            return "video/webm";
        }

        if (head.StartsWith("OggS"u8))
        {
            return "audio/ogg";
        }

        if (head.StartsWith("ID3"u8) || head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFB]) || head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xF3]))
        {
            return "audio/mpeg";
        }

        if (head.StartsWith("%PDF-"u8))
        {
            return "application/pdf";
        }

        if (head.StartsWith("PK\u0003\u0004"u8))
        {
            return "application/zip";
        }

        return Binary;
    }

    public static bool IsImage(string contentType) => contentType is "image/jpeg" or "image/png" or "image/gif" or "image/webp";

    /// <summary>Shown in the page (an img, video or audio element); everything else downloads.</summary>
    public static bool MayShowInline(string contentType) => InlineSafe.Contains(contentType);

    /// <summary>A file name safe to echo back: no path, no control characters, at most 255 characters.</summary>
    public static string CleanFileName(string? name)
    {
        var bare = Path.GetFileName((name ?? "").Replace('\\', '/').Split('/')[^1]);
        var clean = new string(bare.Where(c => !char.IsControl(c) && c is not ('"' or '<' or '>' or '|' or ':' or '*' or '?')).ToArray()).Trim();
        if (clean.Length == 0)
        {
            clean = "file";
        }

        return clean.Length <= 255 ? clean : clean[^255..];
    }
}
