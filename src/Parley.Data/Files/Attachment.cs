namespace Parley.Data.Files;

/// <summary>An uploaded file. Unattached (no message) until sent; unattached uploads are removed after a day.</summary>
public sealed class Attachment
{
    public long Id { get; set; }
    public long UploaderId { get; set; }
    public long? ChannelId { get; set; }
    public long? MessageId { get; set; }
    public required string FileName { get; set; }

    /// <summary>Decided from the file's own bytes, never from the name or the uploader's claim.</summary>
    public required string ContentType { get; set; }

    public long Size { get; set; }
    public int? Width { get; set; }
    public int? Height { get; set; }
    public required string StorageKey { get; set; }
    public string? ThumbnailKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
