using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Parley.Contracts.Realtime;
using Parley.Contracts.Users;
using Parley.Data;
using Parley.Server.Features.Accounts;
using Parley.Server.Features.Conversations;
using Parley.Server.Features.Users;
using Parley.Server.Infrastructure;
using Parley.Server.Infrastructure.Storage;
using Parley.Server.Realtime;

namespace Parley.Server.Features.Files;

/// <summary>Pictures for people and groups: cropped to a square, stored in a few sizes, served to signed-in users.</summary>
public static class Avatars
{
    public const long MaxAvatarBytes = 8 * 1024 * 1024;

    public static async Task<Results<Ok<MeResponse>, ValidationProblem, ProblemHttpResult>> UploadMine(
        HttpContext context, ParleyDbContext db, IFileStore store, IdGenerator ids, AuthorCache authors, CancellationToken cancellationToken)
    {
        var sizes = await ReadSquareAsync(context, cancellationToken);
        if (sizes.Invalid is { } invalid)
        {
            return invalid;
        }

        if (sizes.Problem is { } problem)
        {
            return problem;
        }

        var user = await db.Users.FirstAsync(u => u.Id == context.User.UserId(), cancellationToken);
        var previous = user.AvatarKey;
        user.AvatarKey = await StoreAsync(store, $"avatars/users/{Ids.Format(user.Id)}/{Ids.Format(ids.NextId())}", sizes.Images!, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        authors.Forget(user.Id);
        await DeleteAsync(store, previous, cancellationToken);
        return TypedResults.Ok(user.ToMe());
    }

    public static async Task<Ok<MeResponse>> DeleteMine(HttpContext context, ParleyDbContext db, IFileStore store, AuthorCache authors, CancellationToken cancellationToken)
    {
        var user = await db.Users.FirstAsync(u => u.Id == context.User.UserId(), cancellationToken);
        var previous = user.AvatarKey;
        user.AvatarKey = null;
        await db.SaveChangesAsync(cancellationToken);
        authors.Forget(user.Id);
        await DeleteAsync(store, previous, cancellationToken);
        return TypedResults.Ok(user.ToMe());
    }

    public static async Task<IResult> GetUser(long id, int? size, ParleyDbContext db, IFileStore store, CancellationToken cancellationToken)
    {
        var key = await db.Users.Where(u => u.Id == id).Select(u => u.AvatarKey).FirstOrDefaultAsync(cancellationToken);
        return await ServeAsync(store, key, size, cancellationToken);
    }

    public static async Task<Results<NoContent, ValidationProblem, NotFound, ProblemHttpResult>> UploadGroupIcon(
        long id, HttpContext context, ParleyDbContext db, ChannelAccess access, IFileStore store, IdGenerator ids, RealtimePublisher realtime,
        CancellationToken cancellationToken)
    {
        var me = context.User.UserId();
        var channel = await access.FindReadableAsync(id, me, cancellationToken);
        if (channel is null)
        {
            return TypedResults.NotFound();
        }

        if (!ChannelAccess.MayManage(channel, me))
        {
            return TypedResults.Problem(title: "Only the group's owner can change its picture.", statusCode: StatusCodes.Status403Forbidden);
        }

        var sizes = await ReadSquareAsync(context, cancellationToken);
        if (sizes.Invalid is { } invalid)
        {
            return invalid;
        }

        if (sizes.Problem is { } problem)
        {
            return problem;
        }

        var previous = channel.IconKey;
        channel.IconKey = await StoreAsync(store, $"avatars/channels/{Ids.Format(id)}/{Ids.Format(ids.NextId())}", sizes.Images!, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await DeleteAsync(store, previous, cancellationToken);
        await realtime.Channel(id).ChannelUpdated(new ChannelRef(Ids.Format(id)));
        return TypedResults.NoContent();
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteGroupIcon(
        long id, HttpContext context, ParleyDbContext db, ChannelAccess access, IFileStore store, RealtimePublisher realtime, CancellationToken cancellationToken)
    {
        var me = context.User.UserId();
        var channel = await access.FindReadableAsync(id, me, cancellationToken);
        if (channel is null)
        {
            return TypedResults.NotFound();
        }

        if (!ChannelAccess.MayManage(channel, me))
        {
            return TypedResults.Problem(title: "Only the group's owner can change its picture.", statusCode: StatusCodes.Status403Forbidden);
        }

        var previous = channel.IconKey;
        if (previous is not null)
        {
            channel.IconKey = null;
            await db.SaveChangesAsync(cancellationToken);
            await DeleteAsync(store, previous, cancellationToken);
            await realtime.Channel(id).ChannelUpdated(new ChannelRef(Ids.Format(id)));
        }

        return TypedResults.NoContent();
    }

    public static async Task<IResult> GetGroupIcon(long id, int? size, HttpContext context, ChannelAccess access, IFileStore store, CancellationToken cancellationToken)
    {
        var channel = await access.FindReadableAsync(id, context.User.UserId(), cancellationToken);
        return channel is null ? TypedResults.NotFound() : await ServeAsync(store, channel.IconKey, size, cancellationToken);
    }

    public static string? UrlForChannel(long channelId, string? iconKey) =>
        iconKey is null ? null : $"/api/v1/channels/{Ids.Format(channelId)}/icon?v={iconKey[(iconKey.LastIndexOf('/') + 1)..]}";

    public static string? UrlForUser(long userId, string? avatarKey) =>
        avatarKey is null ? null : $"/api/v1/users/{Ids.Format(userId)}/avatar?v={avatarKey[(avatarKey.LastIndexOf('/') + 1)..]}";

    internal static async Task<IResult> ServeAsync(IFileStore store, string? key, int? size, CancellationToken cancellationToken)
    {
        if (key is null)
        {
            return TypedResults.NotFound();
        }

        var chosen = ImageProcessor.AvatarSizes.FirstOrDefault(s => s >= (size ?? 128), ImageProcessor.AvatarSizes[^1]);
        var stream = await store.OpenReadAsync($"{key}/{chosen}.webp", cancellationToken);
        return stream is null ? TypedResults.NotFound() : new CachedImage(stream);
    }

    private sealed class CachedImage(Stream stream) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.CacheControl = "private, max-age=86400";
            Download.WriteSafetyHeaders(httpContext.Response, "image/webp", "avatar.webp");
            return TypedResults.Stream(stream, "image/webp").ExecuteAsync(httpContext);
        }
    }

    internal sealed record SquareImages(Dictionary<int, byte[]>? Images, ValidationProblem? Invalid = null, ProblemHttpResult? Problem = null);

    internal static async Task<SquareImages> ReadSquareAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (!context.Request.HasFormContentType)
        {
            return new(null, Invalid: new FieldErrors().Add("file", "Send the picture as multipart/form-data in a part named 'file'.").ToProblem());
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0)
        {
            return new(null, Invalid: new FieldErrors().Add("file", "Choose a picture.").ToProblem());
        }

        if (file.Length > MaxAvatarBytes)
        {
            return new(null, Problem: TypedResults.Problem(title: "The picture is too large.", detail: $"Pictures may be at most {MaxAvatarBytes / (1024 * 1024)} MiB.", statusCode: StatusCodes.Status413PayloadTooLarge));
        }

        await using var stream = file.OpenReadStream();
        var head = new byte[FileTypes.SniffLength];
        var read = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        stream.Position = 0;
        var images = FileTypes.IsImage(FileTypes.Sniff(head.AsSpan(0, read))) ? ImageProcessor.Avatar(stream) : null;
        return images is null
            ? new(null, Invalid: new FieldErrors().Add("file", "The picture must be a JPEG, PNG, GIF or WebP image.").ToProblem())
            : new(images);
    }

    internal static async Task<string> StoreAsync(IFileStore store, string key, Dictionary<int, byte[]> images, CancellationToken cancellationToken)
    {
        foreach (var (size, bytes) in images)
        {
            await store.PutAsync($"{key}/{size}.webp", new MemoryStream(bytes), "image/webp", cancellationToken);
        }

        return key;
    }

    internal static async Task DeleteAsync(IFileStore store, string? key, CancellationToken cancellationToken)
    {
        if (key is null)
        {
            return;
        }

        foreach (var size in ImageProcessor.AvatarSizes)
        {
            await store.DeleteAsync($"{key}/{size}.webp", cancellationToken);
        }
    }
}
