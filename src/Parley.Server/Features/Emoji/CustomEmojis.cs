using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Parley.Contracts.Realtime;
using Parley.Contracts.Servers;
using Parley.Data;
using Parley.Data.Servers;
using Parley.Server.Features.Accounts;
using Parley.Server.Features.Conversations;
using Parley.Server.Features.Servers;
using Parley.Server.Infrastructure;
using Parley.Server.Infrastructure.Storage;
using Parley.Server.Realtime;

namespace Parley.Server.Features.Emoji;

/// <summary>A server's custom emoji: members list and use them; Manage Emoji uploads, renames and deletes them.</summary>
public static class CustomEmojis
{
    public const long MaxBytes = 256 * 1024;
    public const int Box = 128;
    public const int MaxPerServer = 50;

    public static async Task<Results<Ok<List<CustomEmojiResponse>>, NotFound>> List(
        long id, HttpContext context, ParleyDbContext db, ChannelAccess access, CancellationToken cancellationToken)
    {
        if (await access.MemberAsync(id, context.User.UserId(), cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        var emoji = await db.CustomEmoji.AsNoTracking().Where(e => e.ServerId == id).ToListAsync(cancellationToken);
        return TypedResults.Ok(emoji.OrderBy(e => e.Name, StringComparer.OrdinalIgnoreCase).Select(ToResponse).ToList());
    }

    public static async Task<Results<Created<CustomEmojiResponse>, ValidationProblem, NotFound, ProblemHttpResult>> Create(
        long id, HttpContext context, ParleyDbContext db, ChannelAccess access, ServerSupport support, IFileStore store,
        IdGenerator ids, TimeProvider time, RealtimePublisher realtime, CancellationToken cancellationToken)
    {
        var me = context.User.UserId();
        switch (await ManageAccess.CheckAsync(id, me, access, cancellationToken))
        {
            case ManageAccess.NotMember: return TypedResults.NotFound();
            case ManageAccess.Forbidden: return ManageAccess.Refuse();
        }

        var upload = await ServerAssets.ReadAsync(context, MaxBytes, Box, withDescription: false, cancellationToken);
        if (upload.Invalid is { } invalid)
        {
            return invalid;
        }

        if (upload.TooLarge is { } tooLarge)
        {
            return tooLarge;
        }

        var (name, _, image) = upload.Value!;
        var existing = await db.CustomEmoji.Where(e => e.ServerId == id).Select(e => e.Name).ToListAsync(cancellationToken);
        if (existing.Count >= MaxPerServer)
        {
            return TypedResults.Problem(title: $"A server can have at most {MaxPerServer} emoji.", statusCode: StatusCodes.Status409Conflict);
        }

        if (existing.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            return NameTaken();
        }

        var emoji = new CustomEmoji
        {
            Id = ids.NextId(),
            ServerId = id,
            Name = name,
            ContentType = image.ContentType,
            Animated = image.Animated,
            StorageKey = "",
            CreatedById = me,
            CreatedAt = time.GetUtcNow(),
        };
        emoji.StorageKey = $"emoji/{Ids.Format(id)}/{Ids.Format(emoji.Id)}.{ServerAssets.Extension(image.ContentType)}";
        await store.PutAsync(emoji.StorageKey, new MemoryStream(image.Bytes), image.ContentType, cancellationToken);
        db.CustomEmoji.Add(emoji);
        support.Audit(id, me, "emoji.create", emoji.Id, details: name);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            await store.DeleteAsync(emoji.StorageKey, cancellationToken);
            return NameTaken(); // the same name, uploaded twice at once
        }

        await realtime.Server(id).EmojiChanged(new ServerRef(Ids.Format(id)));
        var response = ToResponse(emoji);
        return TypedResults.Created(response.Url, response);
    }

    public static async Task<Results<Ok<CustomEmojiResponse>, ValidationProblem, NotFound, ProblemHttpResult>> Rename(
        long id, long emojiId, RenameAssetRequest request, HttpContext context, ParleyDbContext db, ChannelAccess access,
        ServerSupport support, RealtimePublisher realtime, CancellationToken cancellationToken)
    {
        var me = context.User.UserId();
        switch (await ManageAccess.CheckAsync(id, me, access, cancellationToken))
        {
            case ManageAccess.NotMember: return TypedResults.NotFound();
            case ManageAccess.Forbidden: return ManageAccess.Refuse();
        }

        var emoji = await db.CustomEmoji.FirstOrDefaultAsync(e => e.Id == emojiId && e.ServerId == id, cancellationToken);
        if (emoji is null)
        {
            return TypedResults.NotFound();
        }

        var name = request.Name?.Trim();
        if (!ServerAssets.IsValidName(name))
        {
            return new FieldErrors().Add("name", ServerAssets.NameRule).ToProblem();
        }

        if (name == emoji.Name)
        {
            return TypedResults.Ok(ToResponse(emoji));
        }

        var others = await db.CustomEmoji.Where(e => e.ServerId == id && e.Id != emojiId).Select(e => e.Name).ToListAsync(cancellationToken);
        if (others.Contains(name!, StringComparer.OrdinalIgnoreCase))
        {
            return NameTaken();
        }

        support.Audit(id, me, "emoji.rename", emoji.Id, details: $"{emoji.Name} -> {name}");
        emoji.Name = name!;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return NameTaken();
        }

        await realtime.Server(id).EmojiChanged(new ServerRef(Ids.Format(id)));
        return TypedResults.Ok(ToResponse(emoji));
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Delete(
        long id, long emojiId, HttpContext context, ParleyDbContext db, ChannelAccess access, ServerSupport support,
        IFileStore store, RealtimePublisher realtime, CancellationToken cancellationToken)
    {
        var me = context.User.UserId();
        switch (await ManageAccess.CheckAsync(id, me, access, cancellationToken))
        {
            case ManageAccess.NotMember: return TypedResults.NotFound();
            case ManageAccess.Forbidden: return ManageAccess.Refuse();
        }

        var emoji = await db.CustomEmoji.FirstOrDefaultAsync(e => e.Id == emojiId && e.ServerId == id, cancellationToken);
        if (emoji is null)
        {
            return TypedResults.NotFound();
        }

        db.CustomEmoji.Remove(emoji);
        support.Audit(id, me, "emoji.delete", emoji.Id, details: emoji.Name);
        await db.SaveChangesAsync(cancellationToken);
        await store.DeleteAsync(emoji.StorageKey, cancellationToken);
        await realtime.Server(id).EmojiChanged(new ServerRef(Ids.Format(id)));
        return TypedResults.NoContent();
    }

    /// <summary>GET /api/v1/emoji/{id}: the picture, for anyone signed in (messages quote emoji across servers).</summary>
    public static async Task<IResult> Image(long id, HttpContext context, ParleyDbContext db, IFileStore store, CancellationToken cancellationToken)
    {
        var emoji = await db.CustomEmoji.AsNoTracking().Where(e => e.Id == id)
            .Select(e => new { e.Name, e.StorageKey, e.ContentType })
            .FirstOrDefaultAsync(cancellationToken);
        return emoji is null
            ? TypedResults.NotFound()
            : await ServerAssets.ServeAsync(context, store, emoji.StorageKey, emoji.ContentType, $"{emoji.Name}.{ServerAssets.Extension(emoji.ContentType)}", cancellationToken);
    }

    public static string Url(long id) => $"/api/v1/emoji/{Ids.Format(id)}";

    public static CustomEmojiResponse ToResponse(CustomEmoji e) => new(Ids.Format(e.Id), Ids.Format(e.ServerId), e.Name, e.Animated, Url(e.Id));

    private static ValidationProblem NameTaken() =>
        new FieldErrors().Add("name", "This server already has an emoji with that name.").ToProblem();
}

/// <summary>Whether someone may upload, rename and delete a server's emoji and stickers (Manage Emoji).</summary>
public static class ManageAccess
{
    public const int Allowed = 0;
    public const int NotMember = 404;
    public const int Forbidden = 403;

    public static async Task<int> CheckAsync(long serverId, long userId, ChannelAccess access, CancellationToken cancellationToken)
    {
        var member = await access.MemberAsync(serverId, userId, cancellationToken);
        return member is null ? NotMember : member.Has(Permission.ManageEmoji) ? Allowed : Forbidden;
    }

    public static ProblemHttpResult Refuse() =>
        TypedResults.Problem(title: "You need the Manage Emoji permission.", statusCode: StatusCodes.Status403Forbidden);
}
