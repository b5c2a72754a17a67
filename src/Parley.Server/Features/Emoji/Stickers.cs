using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Parley.Contracts.Messages;
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

/// <summary>A server's stickers: members list and send them; Manage Emoji uploads, renames and deletes them.</summary>
public static class Stickers
{
    public const long MaxBytes = 512 * 1024;
    public const int Box = 320;
    public const int MaxPerServer = 20;

    public static async Task<Results<Ok<List<StickerResponse>>, NotFound>> List(
        long id, HttpContext context, ParleyDbContext db, ChannelAccess access, CancellationToken cancellationToken)
    {
        if (await access.MemberAsync(id, context.User.UserId(), cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        var sticker = await db.Stickers.AsNoTracking().Where(e => e.ServerId == id).ToListAsync(cancellationToken);
        return TypedResults.Ok(sticker.OrderBy(e => e.Name, StringComparer.OrdinalIgnoreCase).Select(ToResponse).ToList());
    }

    public static async Task<Results<Created<StickerResponse>, ValidationProblem, NotFound, ProblemHttpResult>> Create(
        long id, HttpContext context, ParleyDbContext db, ChannelAccess access, ServerSupport support, IFileStore store,
        IdGenerator ids, TimeProvider time, RealtimePublisher realtime, CancellationToken cancellationToken)
    {
        var me = context.User.UserId();
        switch (await ManageAccess.CheckAsync(id, me, access, cancellationToken))
        {
            case ManageAccess.NotMember: return TypedResults.NotFound();
            case ManageAccess.Forbidden: return ManageAccess.Refuse();
        }

        var upload = await ServerAssets.ReadAsync(context, MaxBytes, Box, withDescription: true, cancellationToken);
        if (upload.Invalid is { } invalid)
        {
            return invalid;
        }

        if (upload.TooLarge is { } tooLarge)
        {
            return tooLarge;
        }

        var (name, description, image) = upload.Value!;
        var existing = await db.Stickers.Where(e => e.ServerId == id).Select(e => e.Name).ToListAsync(cancellationToken);
        if (existing.Count >= MaxPerServer)
        {
            return TypedResults.Problem(title: $"A server can have at most {MaxPerServer} sticker.", statusCode: StatusCodes.Status409Conflict);
        }

        if (existing.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            return NameTaken();
        }

        var sticker = new Sticker
        {
            Id = ids.NextId(),
            ServerId = id,
            Name = name,
            ContentType = image.ContentType,
            Description = description,
            Width = image.Width,
            Height = image.Height,
            StorageKey = "",
            CreatedById = me,
            CreatedAt = time.GetUtcNow(),
        };
        sticker.StorageKey = $"stickers/{Ids.Format(id)}/{Ids.Format(sticker.Id)}.{ServerAssets.Extension(image.ContentType)}";
        await store.PutAsync(sticker.StorageKey, new MemoryStream(image.Bytes), image.ContentType, cancellationToken);
        db.Stickers.Add(sticker);
        support.Audit(id, me, "sticker.create", sticker.Id, details: name);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            await store.DeleteAsync(sticker.StorageKey, cancellationToken);
            return NameTaken(); // the same name, uploaded twice at once
        }

        await realtime.Server(id).EmojiChanged(new ServerRef(Ids.Format(id)));
        var response = ToResponse(sticker);
        return TypedResults.Created(response.Url, response);
    }

    public static async Task<Results<Ok<StickerResponse>, ValidationProblem, NotFound, ProblemHttpResult>> Rename(
        long id, long stickerId, RenameAssetRequest request, HttpContext context, ParleyDbContext db, ChannelAccess access,
        ServerSupport support, RealtimePublisher realtime, CancellationToken cancellationToken)
    {
        var me = context.User.UserId();
        switch (await ManageAccess.CheckAsync(id, me, access, cancellationToken))
        {
            case ManageAccess.NotMember: return TypedResults.NotFound();
            case ManageAccess.Forbidden: return ManageAccess.Refuse();
        }

        var sticker = await db.Stickers.FirstOrDefaultAsync(e => e.Id == stickerId && e.ServerId == id, cancellationToken);
        if (sticker is null)
        {
            return TypedResults.NotFound();
        }

        var name = request.Name?.Trim();
        if (!ServerAssets.IsValidName(name))
        {
            return new FieldErrors().Add("name", ServerAssets.NameRule).ToProblem();
        }

        if (name == sticker.Name)
        {
            return TypedResults.Ok(ToResponse(sticker));
        }

        var others = await db.Stickers.Where(e => e.ServerId == id && e.Id != stickerId).Select(e => e.Name).ToListAsync(cancellationToken);
        if (others.Contains(name!, StringComparer.OrdinalIgnoreCase))
        {
            return NameTaken();
        }

        support.Audit(id, me, "sticker.rename", sticker.Id, details: $"{sticker.Name} -> {name}");
        sticker.Name = name!;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return NameTaken();
        }

        await realtime.Server(id).EmojiChanged(new ServerRef(Ids.Format(id)));
        return TypedResults.Ok(ToResponse(sticker));
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Delete(
        long id, long stickerId, HttpContext context, ParleyDbContext db, ChannelAccess access, ServerSupport support,
        IFileStore store, RealtimePublisher realtime, CancellationToken cancellationToken)
    {
        var me = context.User.UserId();
        switch (await ManageAccess.CheckAsync(id, me, access, cancellationToken))
        {
            case ManageAccess.NotMember: return TypedResults.NotFound();
            case ManageAccess.Forbidden: return ManageAccess.Refuse();
        }

        var sticker = await db.Stickers.FirstOrDefaultAsync(e => e.Id == stickerId && e.ServerId == id, cancellationToken);
        if (sticker is null)
        {
            return TypedResults.NotFound();
        }

        db.Stickers.Remove(sticker);
        support.Audit(id, me, "sticker.delete", sticker.Id, details: sticker.Name);
        await db.SaveChangesAsync(cancellationToken);
        await store.DeleteAsync(sticker.StorageKey, cancellationToken);
        await realtime.Server(id).EmojiChanged(new ServerRef(Ids.Format(id)));
        return TypedResults.NoContent();
    }

    /// <summary>GET /api/v1/stickers/{id}/image: the picture, for anyone signed in (sticker messages travel to direct chats).</summary>
    public static async Task<IResult> Image(long id, HttpContext context, ParleyDbContext db, IFileStore store, CancellationToken cancellationToken)
    {
        var sticker = await db.Stickers.AsNoTracking().Where(e => e.Id == id)
            .Select(e => new { e.Name, e.StorageKey, e.ContentType })
            .FirstOrDefaultAsync(cancellationToken);
        return sticker is null
            ? TypedResults.NotFound()
            : await ServerAssets.ServeAsync(context, store, sticker.StorageKey, sticker.ContentType, $"{sticker.Name}.{ServerAssets.Extension(sticker.ContentType)}", cancellationToken);
    }

    public static string Url(long id) => $"/api/v1/stickers/{Ids.Format(id)}/image";

    public static StickerResponse ToResponse(Sticker s) => new(Ids.Format(s.Id), Ids.Format(s.ServerId), s.Name, s.Description, Url(s.Id), s.Width, s.Height);

    private static ValidationProblem NameTaken() =>
        new FieldErrors().Add("name", "This server already has a sticker with that name.").ToProblem();
}
