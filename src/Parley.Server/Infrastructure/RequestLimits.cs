using Microsoft.AspNetCore.Http.Features;

namespace Parley.Server.Infrastructure;

public static class RequestLimits
{
    /// <summary>JSON bodies are small; uploads (their own endpoint) raise this for themselves.</summary>
    public const long JsonBodyLimitBytes = 1024 * 1024;

    /// <summary>Refuses an oversized body with 413 before anything reads it.</summary>
    public static IApplicationBuilder UseJsonBodyLimit(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var limitBytes = JsonBodyLimitBytes;
            if (context.GetEndpoint()?.Metadata.GetMetadata<RequestBodyLimit>() is { } custom)
            {
                limitBytes = custom.Bytes == RequestBodyLimit.Upload
                    ? context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<ParleyOptions>>().Value.Files.MaxUploadBytes + (64 * 1024)
                    : custom.Bytes;
            }

            if (context.Request.ContentLength > limitBytes)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status413PayloadTooLarge,
                        Title = "The request body is too large.",
                        Detail = $"This request's body is limited to {limitBytes} bytes.",
                    },
                });
                return;
            }

            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = limitBytes;
            }
            else if (context.Request.ContentLength is null)
            {
                context.Request.Body = new LimitedReadStream(context.Request.Body, limitBytes);
            }

            await next(context);
        });
}

/// <summary>Counts what a chunked body delivers and stops at the limit, for servers without Kestrel's own check.</summary>
internal sealed class LimitedReadStream(Stream inner, long limit) : Stream
{
    private long _read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Count(int read)
    {
        _read += read;
        if (_read > limit)
        {
            throw new BadHttpRequestException("The request body is too large.", StatusCodes.Status413PayloadTooLarge);
        }

        return read;
    }
}

/// <summary>Endpoint metadata that raises the body limit for that endpoint (uploads).</summary>
public sealed record RequestBodyLimit(long Bytes)
{
    /// <summary>A multipart upload: the file limit plus room for the multipart framing.</summary>
    public const long Upload = -1;
}
