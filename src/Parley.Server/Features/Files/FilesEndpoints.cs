using Parley.Server.Infrastructure;

namespace Parley.Server.Features.Files;

public static class FilesEndpoints
{
    public static IEndpointRouteBuilder MapFiles(this IEndpointRouteBuilder app)
    {
        var attachments = app.MapGroup("/api/v1/attachments").WithTags("Files");
        attachments.MapPost("", Upload.Handle).WithMetadata(new RequestBodyLimit(RequestBodyLimit.Upload)).RequireRateLimiting(RateLimits.Send)
            .DisableAntiforgery()
            .WithSummary("Upload a file (multipart, part 'file'); send it with a message in attachmentIds.");
        attachments.MapGet("/{id:long}", Download.Original).WithSummary("Download a file (for people who may read its chat).");
        attachments.MapGet("/{id:long}/thumbnail", Download.Thumbnail).WithSummary("An image's thumbnail (WebP).");

        app.MapPut("/api/v1/users/me/avatar", Avatars.UploadMine).WithMetadata(new RequestBodyLimit(Avatars.MaxAvatarBytes + 64 * 1024))
            .DisableAntiforgery().WithTags("Users").WithSummary("Set your picture (cropped to a square).");
        app.MapDelete("/api/v1/users/me/avatar", Avatars.DeleteMine).WithTags("Users").WithSummary("Remove your picture.");
        app.MapGet("/api/v1/users/{id:long}/avatar", Avatars.GetUser).WithTags("Users").WithSummary("Someone's picture (size 64, 128 or 256).");
        app.MapPut("/api/v1/channels/{id:long}/icon", Avatars.UploadGroupIcon).WithMetadata(new RequestBodyLimit(Avatars.MaxAvatarBytes + 64 * 1024))
            .DisableAntiforgery().WithTags("Channels").WithSummary("Set a group's picture (its owner).");
        app.MapDelete("/api/v1/channels/{id:long}/icon", Avatars.DeleteGroupIcon).WithTags("Channels").WithSummary("Remove a group's picture (its owner).");
        app.MapGet("/api/v1/channels/{id:long}/icon", Avatars.GetGroupIcon).WithTags("Channels").WithSummary("A group's picture.");
        return app;
    }
}
