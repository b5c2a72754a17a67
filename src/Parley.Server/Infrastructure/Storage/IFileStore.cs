namespace Parley.Server.Infrastructure.Storage;

/// <summary>Where file bytes live: local disk (the default) or S3-compatible storage. Keys are '/'-separated paths.</summary>
public interface IFileStore
{
    Task PutAsync(string key, Stream content, string contentType, CancellationToken cancellationToken);

    /// <summary>A seekable stream (range requests need one), or null when the key does not exist.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken);

    Task DeleteAsync(string key, CancellationToken cancellationToken);
}

public sealed class FileStorageOptions
{
    public StorageProvider Storage { get; set; } = StorageProvider.Disk;

    /// <summary>The largest upload, in bytes (16 MiB by default).</summary>
    public long MaxUploadBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>How much one user may store in all, in bytes (1 GiB by default).</summary>
    public long QuotaBytesPerUser { get; set; } = 1024L * 1024 * 1024;

    public S3Options S3 { get; set; } = new();
}

public enum StorageProvider
{
    Disk,
    S3,
}

public sealed class S3Options
{
    public string ServiceUrl { get; set; } = "";
    public string Bucket { get; set; } = "parley";
    public string AccessKey { get; set; } = "";
    public string SecretKey { get; set; } = "";
    public string Region { get; set; } = "us-east-1";

    /// <summary>MinIO and most self-hosted S3 servers want path-style addressing.</summary>
    public bool ForcePathStyle { get; set; } = true;
}
