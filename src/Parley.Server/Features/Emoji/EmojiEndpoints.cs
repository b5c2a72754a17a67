using Parley.Server.Infrastructure;

namespace Parley.Server.Features.Emoji;

public static class EmojiEndpoints
{
    public static IEndpointRouteBuilder MapEmoji(this IEndpointRouteBuilder app)
    {
        var servers = app.MapGroup("/api/v1/servers/{id:long}").WithTags("Emoji");
        servers.MapGet("/emoji", CustomEmojis.List).WithSummary("The server's custom emoji (members).");
        servers.MapPost("/emoji", CustomEmojis.Create).WithMetadata(new RequestBodyLimit(CustomEmojis.MaxBytes + (64 * 1024)))
            .DisableAntiforgery().RequireRateLimiting(RateLimits.Send)
            .WithSummary("Upload an emoji (multipart: name, file; PNG, GIF or WebP up to 256 KiB) (Manage Emoji).");
        servers.MapPatch("/emoji/{emojiId:long}", CustomEmojis.Rename).WithSummary("Rename an emoji (Manage Emoji).");
        servers.MapDelete("/emoji/{emojiId:long}", CustomEmojis.Delete).WithSummary("Delete an emoji (Manage Emoji).");
        servers.MapGet("/stickers", Stickers.List).WithSummary("The server's stickers (members).");
        servers.MapPost("/stickers", Stickers.Create).WithMetadata(new RequestBodyLimit(Stickers.MaxBytes + (64 * 1024)))
            .DisableAntiforgery().RequireRateLimiting(RateLimits.Send)
            .WithSummary("Upload a sticker (multipart: name, optional description, file; PNG, GIF or WebP up to 512 KiB) (Manage Emoji).");
        servers.MapPatch("/stickers/{stickerId:long}", Stickers.Rename).WithSummary("Rename a sticker (Manage Emoji).");
        servers.MapDelete("/stickers/{stickerId:long}", Stickers.Delete).WithSummary("Delete a sticker (Manage Emoji).");

        app.MapGet("/api/v1/emoji/{id:long}", CustomEmojis.Image).WithTags("Emoji").WithSummary("An emoji's picture (anyone signed in).");
        app.MapGet("/api/v1/stickers/{id:long}/image", Stickers.Image).WithTags("Emoji").WithSummary("A sticker's picture (anyone signed in).");
        return app;
    }
}
