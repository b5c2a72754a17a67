using Parley.Server.Features.Files;
using SkiaSharp;

namespace Parley.Server.Features.Emoji;

/// <summary>
/// Emoji and sticker pictures: PNG, GIF or WebP by their bytes, re-encoded without metadata and shrunk to fit a box.
/// Animated pictures (GIF or WebP with more than one frame) are kept byte for byte, as Files does, so they keep moving.
/// </summary>
public static class AssetImages
{
    public sealed record Processed(byte[] Bytes, string ContentType, bool Animated, int Width, int Height);

    public static bool IsAllowed(string contentType) => contentType is "image/png" or "image/gif" or "image/webp";

    /// <summary>Null when the bytes are not a decodable PNG, GIF or WebP image.</summary>
    public static Processed? Process(byte[] bytes, int box)
    {
        var contentType = FileTypes.Sniff(bytes.AsSpan(0, Math.Min(bytes.Length, FileTypes.SniffLength)));
        if (!IsAllowed(contentType))
        {
            return null;
        }

        using var data = SKData.CreateCopy(bytes);
        using var codec = data is null ? null : SKCodec.Create(data);
        if (codec is null || (long)codec.Info.Width * codec.Info.Height > ImageProcessor.MaxPixels)
        {
            return null;
        }

        using var decoded = SKBitmap.Decode(codec);
        if (decoded is null)
        {
            return null;
        }

        var (width, height) = Fit(decoded.Width, decoded.Height, box);
        if (codec.FrameCount > 1)
        {
            return new Processed(bytes, contentType, true, width, height);
        }

        using var resized = width == decoded.Width && height == decoded.Height
            ? decoded.Copy()
            : decoded.Resize(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul), new SKSamplingOptions(SKCubicResampler.Mitchell));
        using var image = SKImage.FromBitmap(resized);
        var webp = contentType == "image/webp";
        using var encoded = image.Encode(webp ? SKEncodedImageFormat.Webp : SKEncodedImageFormat.Png, 90);
        return new Processed(encoded.ToArray(), webp ? "image/webp" : "image/png", false, width, height);
    }

    /// <summary>The size that fits inside a box of <paramref name="box"/> pixels, never enlarged.</summary>
    public static (int Width, int Height) Fit(int width, int height, int box)
    {
        var scale = Math.Min(1.0, (double)box / Math.Max(width, height));
        return (Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)));
    }
}
