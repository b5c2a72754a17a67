using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using Parley.Contracts.Files;
using Parley.Server.Tests.Infrastructure;
using SkiaSharp;
using Xunit.Sdk;

namespace Parley.Server.Tests.Features.Files;

public enum Storage
{
    Disk,
    S3,
}

/// <summary>Runs a theory on disk storage and, when PARLEY_TEST_S3 (an S3 endpoint URL) is set, on S3 too.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AllStoragesAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod)
    {
        yield return [Storage.Disk];
        if (StorageApps.S3Endpoint is not null)
        {
            yield return [Storage.S3];
        }
    }
}

/// <summary>One server per storage kind, with small limits so limits are testable: 256 KiB per file, 600 KiB per user.</summary>
public sealed class StorageApps : IAsyncLifetime
{
    public const long MaxUpload = 256 * 1024;
    public const long Quota = 600 * 1024;
    private readonly Dictionary<Storage, ParleyApp> _apps = [];
    private readonly Lock _gate = new();

    public static string? S3Endpoint => Environment.GetEnvironmentVariable("PARLEY_TEST_S3") is { Length: > 0 } url ? url : null;

    public ParleyApp this[Storage storage]
    {
        get
        {
            lock (_gate)
            {
                if (!_apps.TryGetValue(storage, out var app))
                {
                    var settings = new Dictionary<string, string?>
                    {
                        ["Parley:Files:MaxUploadBytes"] = MaxUpload.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        ["Parley:Files:QuotaBytesPerUser"] = Quota.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    };
                    if (storage == Storage.S3)
                    {
                        settings["Parley:Files:Storage"] = "S3";
                        settings["Parley:Files:S3:ServiceUrl"] = S3Endpoint;
                        settings["Parley:Files:S3:Bucket"] = "parley-test-" + Guid.NewGuid().ToString("N")[..8];
                        settings["Parley:Files:S3:AccessKey"] = "S3RVER";
                        settings["Parley:Files:S3:SecretKey"] = "S3RVER";
                    }

                    _apps[storage] = app = new ParleyApp(Db.Sqlite, settings);
                    _ = app.Server;
                }

                return app;
            }
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var app in _apps.Values)
        {
            await app.DisposeAsync();
        }
    }
}

public static class Uploads
{
    public static Task<HttpResponseMessage> UploadAsync(this Person person, byte[] bytes, string fileName, string declaredType = "application/octet-stream", string url = "/api/v1/attachments", HttpMethod? method = null)
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(declaredType);
        content.Add(file, "file", fileName);
        return person.Client.SendAsync(new HttpRequestMessage(method ?? HttpMethod.Post, url) { Content = content });
    }

    public static async Task<AttachmentResponse> UploadOkAsync(this Person person, byte[] bytes, string fileName) =>
        await (await person.UploadAsync(bytes, fileName)).ReadAsync<AttachmentResponse>();

    public static byte[] Png(int width = 40, int height = 30) => Encode(width, height, SKEncodedImageFormat.Png);

    public static byte[] Encode(int width, int height, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.CornflowerBlue);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }

    /// <summary>A JPEG carrying an EXIF block with GPS coordinates and a recognisable text.</summary>
    public static byte[] JpegWithGps(string marker)
    {
        var jpeg = Encode(64, 48, SKEncodedImageFormat.Jpeg);
        var exif = ExifWithGps(marker);
        var segment = new List<byte> { 0xFF, 0xE1, (byte)((exif.Length + 2) >> 8), (byte)((exif.Length + 2) & 0xFF) };
        segment.AddRange(exif);
        return [.. jpeg.Take(2), .. segment, .. jpeg.Skip(2)];
    }

    private static byte[] ExifWithGps(string marker)
    {
        // Big-endian TIFF: IFD0 with ImageDescription (ASCII) and a GPS IFD pointer; the GPS IFD has GPSLatitudeRef 'N'.
        var text = System.Text.Encoding.ASCII.GetBytes(marker + "\0");
        var body = new List<byte>();
        void U16(int v) => body.AddRange([(byte)(v >> 8), (byte)v]);
        void U32(int v) => body.AddRange([(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v]);
        body.AddRange("MM"u8.ToArray());
        U16(42);
        U32(8);
        var ifd0Size = 2 + (2 * 12) + 4;
        var gpsOffset = 8 + ifd0Size;
        var gpsSize = 2 + 12 + 4;
        var textOffset = gpsOffset + gpsSize;
        U16(2);
        U16(0x010E); U16(2); U32(text.Length); U32(textOffset);
        U16(0x8825); U16(4); U32(1); U32(gpsOffset);
        U32(0);
        U16(1);
        U16(0x0001); U16(2); U32(2); body.AddRange("N\0\0\0"u8.ToArray());
        U32(0);
        body.AddRange(text);
        return [.. "Exif\0\0"u8.ToArray(), .. body];
    }
}
