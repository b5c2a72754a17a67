using Amazon.S3;
using Amazon.S3.Model;

namespace Parley.Server.Infrastructure.Storage;

/// <summary>S3-compatible storage (AWS S3, MinIO, ...), for several nodes sharing files.</summary>
public sealed class S3FileStore(IAmazonS3 s3, string bucket) : IFileStore, IDisposable
{
    private readonly SemaphoreSlim _bucketCheck = new(1, 1);
    private bool _bucketReady;

    public async Task PutAsync(string key, Stream content, string contentType, CancellationToken cancellationToken)
    {
        await EnsureBucketAsync(cancellationToken);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, InputStream = content, ContentType = contentType, AutoCloseStream = false, UseChunkEncoding = false }, cancellationToken);
    }

    public async Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var head = await s3.GetObjectMetadataAsync(bucket, key, cancellationToken);
            return new S3RangeStream(s3, bucket, key, head.ContentLength);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        await s3.DeleteObjectAsync(bucket, key, cancellationToken);

    public void Dispose() => _bucketCheck.Dispose();

    private async Task EnsureBucketAsync(CancellationToken cancellationToken)
    {
        if (_bucketReady)
        {
            return;
        }

        await _bucketCheck.WaitAsync(cancellationToken);
        try
        {
            if (!_bucketReady)
            {
                try
                {
                    await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket }, cancellationToken);
                }
                catch (AmazonS3Exception e) when (e.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
                {
                    // Already there: fine.
                }

                _bucketReady = true;
            }
        }
        finally
        {
            _bucketCheck.Release();
        }
    }
}

/// <summary>
/// A seekable, read-only view of an S3 object that fetches what is read with ranged GETs (1 MiB at a time), so
/// range requests for audio and video work without downloading the whole object.
/// </summary>
internal sealed class S3RangeStream(IAmazonS3 s3, string bucket, string key, long length) : Stream
{
    private const int ChunkSize = 1024 * 1024;
    private byte[] _buffer = [];
    private long _bufferStart = -1;

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => length;
    public override long Position { get; set; }

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        if (Position >= length || destination.Length == 0)
        {
            return 0;
        }

        if (_bufferStart < 0 || Position < _bufferStart || Position >= _bufferStart + _buffer.Length)
        {
            var end = Math.Min(length, Position + ChunkSize) - 1;
            using var response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key, ByteRange = new ByteRange(Position, end) }, cancellationToken);
            using var chunk = new MemoryStream();
            await response.ResponseStream.CopyToAsync(chunk, cancellationToken);
            _buffer = chunk.ToArray();
            _bufferStart = Position;
        }

        var available = (int)Math.Min(destination.Length, _bufferStart + _buffer.Length - Position);
        _buffer.AsMemory((int)(Position - _bufferStart), available).CopyTo(destination);
        Position += available;
        return available;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => Position + offset,
        _ => length + offset,
    };

    public override void Flush() { }
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
