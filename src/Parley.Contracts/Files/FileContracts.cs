namespace Parley.Contracts.Files;

/// <summary>An uploaded file. <see cref="Url"/> downloads it (for people who may read its chat).</summary>
public sealed record AttachmentResponse(
    string Id,
    string FileName,
    string ContentType,
    long Size,
    int? Width,
    int? Height,
    string Url,
    string? ThumbnailUrl);
