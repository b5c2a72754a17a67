
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Parley.Contracts.Files;
using Parley.Data;
using Parley.Data.Files;
using Parley.Server.Features.Accounts;
using Parley.Server.Features.Conversations;
using Parley.Server.Infrastructure;
using Parley.Server.Infrastructure.Storage;

namespace Parley.Server.Features.Files;

/// <summary>
/// Serving files safely: only to people who may read the chat (anyone else: 404), with the sniffed type, nosniff,
/// a sandbox policy, and as a download unless the type is a safe image, audio or video type. Ranges work.
/// </summary>
public static class Download
{
    public const string SandboxPolicy = "sandbox; default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'";

    public static Task<IResult> Original(long id, HttpContext context, ParleyDbContext db, ChannelAccess access, IFileStore store, CancellationToken cancellationToken) =>
        ServeAsync(id, thumbnail: false, context, db, access, store, cancellationToken);

    public static Task<IResult> Thumbnail(long id, HttpContext context, ParleyDbContext db, ChannelAccess access, IFileStore store, CancellationToken cancellationToken) =>
        ServeAsync(id, thumbnail: true, context, db, access, store, cancellationToken);

    private static async Task<IResult> ServeAsync(long id, bool thumbnail, HttpContext context, ParleyDbContext db, ChannelAccess access, IFileStore store, CancellationToken cancellationToken)
    {
        var me = context.User.UserId();
        var attachment = await db.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (attachment is null || !await MayReadAsync(attachment, me, access, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var key = thumbnail ? attachment.ThumbnailKey : attachment.StorageKey;
        var stream = key is null ? null : await store.OpenReadAsync(key, cancellationToken);
        if (stream is null)
        {
            return TypedResults.NotFound();
        }

        var contentType = thumbnail ? "image/webp" : attachment.ContentType;
        WriteSafetyHeaders(context.Response, contentType, attachment.FileName);
        context.Response.Headers.CacheControl = "private, max-age=31536000, immutable";
        return TypedResults.Stream(stream, contentType, enableRangeProcessing: true);
    }

    public static void WriteSafetyHeaders(HttpResponse response, string contentType, string fileName)
    {
        response.Headers.ContentSecurityPolicy = SandboxPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        var disposition = new ContentDispositionHeaderValue(FileTypes.MayShowInline(contentType) ? "inline" : "attachment");
        disposition.SetHttpFileName(fileName);
        response.Headers.ContentDisposition = disposition.ToString();
    }

    private static async Task<bool> MayReadAsync(Attachment attachment, long userId, ChannelAccess access, CancellationToken cancellationToken) =>
        attachment.ChannelId is { } channelId
            ? await access.FindReadableAsync(channelId, userId, cancellationToken) is not null
            : attachment.UploaderId == userId;
}

public static class AttachmentMapping
{
    public static string Url(Attachment a) => $"/api/v1/attachments/{Ids.Format(a.Id)}";

    public static AttachmentResponse ToResponse(this Attachment a) => new(
        Ids.Format(a.Id),
        a.FileName,
        a.ContentType,
        a.Size,
        a.Width,
        a.Height,
        Url(a),
        a.ThumbnailKey is null ? null : Url(a) + "/thumbnail");

}
