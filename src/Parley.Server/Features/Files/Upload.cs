using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Parley.Contracts.Files;
using Parley.Data;
using Parley.Data.Files;
using Parley.Server.Features.Accounts;
using Parley.Server.Infrastructure;
using Parley.Server.Infrastructure.Storage;

namespace Parley.Server.Features.Files;

/// <summary>
/// POST /api/v1/attachments: the file streams to a temporary file (never whole in memory), its type is sniffed from
/// its bytes, images lose their metadata and get a thumbnail, then it goes to the file store.
/// </summary>
public static class Upload
{
    public static async Task<Results<Created<AttachmentResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        HttpContext context,
        ParleyDbContext db,
        IFileStore store,
        IdGenerator ids,
        TimeProvider time,
        IOptions<ParleyOptions> options,
        CancellationToken cancellationToken)
    {
        var limits = options.Value.Files;
        var me = context.User.UserId();
        var used = await db.Attachments.Where(a => a.UploaderId == me).SumAsync(a => (long?)a.Size, cancellationToken) ?? 0;
        if (used >= limits.QuotaBytesPerUser)
        {
            return QuotaExceeded(limits.QuotaBytesPerUser);
        }

        await using var received = await ReceiveAsync(context, limits.MaxUploadBytes, cancellationToken);
        if (received.Error is { } error)
        {
            return error;
        }

        if (used + received.Size > limits.QuotaBytesPerUser)
        {
            return QuotaExceeded(limits.QuotaBytesPerUser);
        }

        var id = ids.NextId();
        var attachment = new Attachment
        {
            Id = id,
            UploaderId = me,
            FileName = received.FileName,
            ContentType = received.ContentType,
            Size = received.Size,
            StorageKey = $"attachments/{id}/original",
            CreatedAt = time.GetUtcNow(),
        };

        ImageProcessor.Processed? image = null;
        if (FileTypes.IsImage(received.ContentType))
        {
            received.File!.Position = 0;
            image = ImageProcessor.Process(received.File, received.ContentType);
        }

        if (image is not null)
        {
            attachment.Size = image.Original.Length;
            attachment.Width = image.Width;
            attachment.Height = image.Height;
            attachment.ThumbnailKey = $"attachments/{id}/thumbnail";
            await store.PutAsync(attachment.StorageKey, new MemoryStream(image.Original), image.ContentType, cancellationToken);
            await store.PutAsync(attachment.ThumbnailKey, new MemoryStream(image.Thumbnail), "image/webp", cancellationToken);
        }
        else
        {
            if (FileTypes.IsImage(received.ContentType))
            {
                // Claims to be an image by its first bytes but does not decode: keep it, but only as a download.
                attachment.ContentType = FileTypes.Binary;
            }

            received.File!.Position = 0;
            await store.PutAsync(attachment.StorageKey, received.File, attachment.ContentType, cancellationToken);
        }

        db.Attachments.Add(attachment);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created(AttachmentMapping.Url(attachment), attachment.ToResponse());
    }

    private static ProblemHttpResult QuotaExceeded(long quota) => TypedResults.Problem(
        title: "You have used all your file storage.",
        detail: $"Each person may store {quota / (1024 * 1024)} MiB of files. Delete some messages with files to make room.",
        statusCode: StatusCodes.Status413PayloadTooLarge);

    private sealed class Received : IAsyncDisposable
    {
        public FileStream? File { get; init; }
        public string FileName { get; init; } = "";
        public string ContentType { get; init; } = FileTypes.Binary;
        public long Size { get; init; }
        public Results<Created<AttachmentResponse>, ValidationProblem, ProblemHttpResult>? Error { get; init; }

        public async ValueTask DisposeAsync()
        {
            if (File is not null)
            {
                await File.DisposeAsync();
            }
        }
    }

    /// <summary>Reads the multipart body up to the "file" part and streams it to a temporary file that deletes itself.</summary>
    private static async Task<Received> ReceiveAsync(HttpContext context, long maxBytes, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 } boundary)
        {
            return new Received { Error = new FieldErrors().Add("file", "Send the file as multipart/form-data in a part named 'file'.").ToProblem() };
        }

        var reader = new MultipartReader(boundary, request.Body);
        for (var section = await reader.ReadNextSectionAsync(cancellationToken); section is not null; section = await reader.ReadNextSectionAsync(cancellationToken))
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                || !disposition.IsFileDisposition()
                || !string.Equals(HeaderUtilities.RemoveQuotes(disposition.Name).Value, "file", StringComparison.Ordinal))
            {
                continue;
            }

            var fileName = FileTypes.CleanFileName(HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value);
            var temporary = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            var buffer = new byte[81920];
            long size = 0;
            int read;
            while ((read = await section.Body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                size += read;
                if (size > maxBytes)
                {
                    await temporary.DisposeAsync();
                    return new Received
                    {
                        Error = TypedResults.Problem(
                            title: "The file is too large.",
                            detail: $"Files may be at most {maxBytes / (1024 * 1024)} MiB.",
                            statusCode: StatusCodes.Status413PayloadTooLarge),
                    };
                }

                await temporary.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            if (size == 0)
            {
                await temporary.DisposeAsync();
                return new Received { Error = new FieldErrors().Add("file", "The file is empty.").ToProblem() };
            }

            temporary.Position = 0;
            var head = new byte[FileTypes.SniffLength];
            var headLength = await temporary.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
            return new Received { File = temporary, FileName = fileName, ContentType = FileTypes.Sniff(head.AsSpan(0, headLength)), Size = size };
        }

        return new Received { Error = new FieldErrors().Add("file", "No part named 'file' was sent.").ToProblem() };
    }
}
