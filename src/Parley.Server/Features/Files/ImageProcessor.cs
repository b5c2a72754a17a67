using SkiaSharp;

namespace Parley.Server.Features.Files;

/// <summary>
/// Decodes uploaded images, re-encodes them without metadata (EXIF, GPS above all, is not carried over), applies the
/// camera's orientation, and makes thumbnails and square avatars. Animated GIFs are kept byte for byte (GIF has no
/// EXIF) so they keep animating.
/// </summary>
public static class ImageProcessor
{
    public const int ThumbnailSize = 320;
    public static readonly int[] AvatarSizes = [64, 128, 256];
    public const int MaxPixels = 40_000_000;

    public sealed record Processed(byte[] Original, string ContentType, int Width, int Height, byte[] Thumbnail);

    /// <summary>Null when the bytes are not a decodable image (or too many pixels).</summary>
    public static Processed? Process(Stream input, string contentType)
    {
        using var data = SKData.Create(input);
        if (data is null)
        {
            return null;
        }

        using var codec = SKCodec.Create(data);
        if (codec is null || (long)codec.Info.Width * codec.Info.Height > MaxPixels)
        {
            return null;
        }

        using var decoded = SKBitmap.Decode(codec);
        if (decoded is null)
        {
            return null;
        }

        using var oriented = Orient(decoded, codec.EncodedOrigin);
        byte[] original;
        if (contentType == "image/gif")
        {
            original = data.ToArray();
        }
        else
        {
            var format = contentType switch
            {
                "image/png" => SKEncodedImageFormat.Png,
                "image/webp" => SKEncodedImageFormat.Webp,
                _ => SKEncodedImageFormat.Jpeg,
            };
            using var image = SKImage.FromBitmap(oriented);
            using var encoded = image.Encode(format, 90);
            original = encoded.ToArray();
        }

        return new Processed(original, contentType, oriented.Width, oriented.Height, Thumbnail(oriented, ThumbnailSize));
    }

    /// <summary>The centre square of the image, in each avatar size, as WebP.</summary>
    public static Dictionary<int, byte[]>? Avatar(Stream input)
    {
        using var data = SKData.Create(input);
        using var codec = data is null ? null : SKCodec.Create(data);
        if (codec is null || (long)codec.Info.Width * codec.Info.Height > MaxPixels)
        {
            return null;
        }

        using var decoded = SKBitmap.Decode(codec);
        if (decoded is null)
        {
            return null;
        }

        using var oriented = Orient(decoded, codec.EncodedOrigin);
        var side = Math.Min(oriented.Width, oriented.Height);
        using var square = new SKBitmap(side, side);
        oriented.ExtractSubset(square, SKRectI.Create((oriented.Width - side) / 2, (oriented.Height - side) / 2, side, side));
        return AvatarSizes.ToDictionary(size => size, size =>
        {
            using var resized = square.Resize(new SKImageInfo(size, size), new SKSamplingOptions(SKCubicResampler.Mitchell));
            using var image = SKImage.FromBitmap(resized);
            using var encoded = image.Encode(SKEncodedImageFormat.Webp, 85);
            return encoded.ToArray();
        });
    }

    private static byte[] Thumbnail(SKBitmap source, int max)
    {
        var scale = Math.Min(1.0, (double)max / Math.Max(source.Width, source.Height));
        var width = Math.Max(1, (int)Math.Round(source.Width * scale));
        var height = Math.Max(1, (int)Math.Round(source.Height * scale));
        using var resized = source.Resize(new SKImageInfo(width, height), new SKSamplingOptions(SKCubicResampler.Mitchell));
        using var image = SKImage.FromBitmap(resized);
        using var encoded = image.Encode(SKEncodedImageFormat.Webp, 80);
        return encoded.ToArray();
    }

    private static SKBitmap Orient(SKBitmap bitmap, SKEncodedOrigin origin)
    {
        if (origin == SKEncodedOrigin.TopLeft)
        {
            return bitmap.Copy();
        }

        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var result = new SKBitmap(swap ? bitmap.Height : bitmap.Width, swap ? bitmap.Width : bitmap.Height);
        using var canvas = new SKCanvas(result);
        var (w, h) = (result.Width, result.Height);
        switch (origin)
        {
            case SKEncodedOrigin.TopRight: canvas.Scale(-1, 1, w / 2f, 0); break;
            case SKEncodedOrigin.BottomRight: canvas.RotateDegrees(180, w / 2f, h / 2f); break;
            case SKEncodedOrigin.BottomLeft: canvas.Scale(1, -1, 0, h / 2f); break;
            case SKEncodedOrigin.LeftTop: canvas.Translate(w, 0); canvas.RotateDegrees(90); canvas.Scale(1, -1, 0, w / 2f); break;
            case SKEncodedOrigin.RightTop: canvas.Translate(w, 0); canvas.RotateDegrees(90); break;
            case SKEncodedOrigin.RightBottom: canvas.Translate(w, 0); canvas.RotateDegrees(90); canvas.Scale(-1, -1, h / 2f, w / 2f); break;
            case SKEncodedOrigin.LeftBottom: canvas.Translate(0, h); canvas.RotateDegrees(270); break;
        }

        canvas.DrawBitmap(bitmap, 0, 0);
        return result;
    }
}
