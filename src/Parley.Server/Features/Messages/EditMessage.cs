using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Parley.Contracts.Messages;
using Parley.Data;
using Parley.Data.Messages;
using Parley.Server.Features.Accounts;
using Parley.Server.Features.Conversations;
using Parley.Server.Infrastructure;
using Parley.Server.Realtime;

namespace Parley.Server.Features.Messages;

public static class EditMessage
{
    /// <summary>Only the author edits; the previous text is kept as edit history.</summary>
    public static async Task<Results<Ok<MessageResponse>, ValidationProblem, NotFound, ProblemHttpResult>> Handle(
        long channelId,
        long messageId,
        EditMessageRequest request,
        HttpContext context,
        ParleyDbContext db,
        ChannelAccess access,
        MessageMapper mapper,
        IdGenerator ids,
        TimeProvider time,
        RealtimePublisher realtime,
        Mentions mentions,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Require("content", request.Content).MaxLength("content", request.Content, MessageRules.MaxContentLength);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var me = context.User.UserId();
        var grant = await access.GetAsync(channelId, me, cancellationToken);
        var message = grant is null ? null : await db.Messages.FirstOrDefaultAsync(m => m.Id == messageId && m.ChannelId == channelId, cancellationToken);
        if (message is null)
        {
            return TypedResults.NotFound();
        }

        if (message.AuthorId != me)
        {
            return TypedResults.Problem(title: "Only the author can edit a message.", statusCode: StatusCodes.Status403Forbidden);
        }

        if (message.Content == request.Content)
        {
            return TypedResults.Ok((await mapper.MapAsync(me, [message], cancellationToken))[0]);
        }

        var now = time.GetUtcNow();
        db.MessageEdits.Add(new MessageEdit { Id = ids.NextId(), MessageId = message.Id, PreviousContent = message.Content, EditedAt = now });
        message.Content = request.Content!;
        message.SearchText = Search.SearchQuery.Fold(message.Content);
        message.EditedAt = now;
        await db.Mentions.Where(m => m.MessageId == message.Id).ExecuteDeleteAsync(cancellationToken);
        await db.RoleMentions.Where(m => m.MessageId == message.Id).ExecuteDeleteAsync(cancellationToken);
        var added = await mentions.AddAsync(message, grant!, cancellationToken);
        if ((message.Extras & added) != added)
        {
            // Bits are ORed in place, never written from the value read above (a reaction added meanwhile sets its own),
            // and before the rows go in. The tracked value follows for the response, but is not saved.
            await db.Database.ExecuteSqlAsync($"""UPDATE "Messages" SET "Extras" = "Extras" | {(int)added} WHERE "Id" = {message.Id}""", cancellationToken);
            var extras = db.Entry(message).Property(m => m.Extras);
            extras.CurrentValue |= added;
            extras.OriginalValue = extras.CurrentValue;
            extras.IsModified = false;
        }

        await db.SaveChangesAsync(cancellationToken);

        var shared = (await mapper.MapAsync(0, [message], cancellationToken))[0];
        await realtime.Channel(channelId).MessageUpdated(shared);
        return TypedResults.Ok((await mapper.MapAsync(me, [message], cancellationToken))[0]);
    }

    /// <summary>Every version, oldest first; the last one is the current text.</summary>
    public static async Task<Results<Ok<List<MessageVersion>>, NotFound>> History(
        long channelId,
        long messageId,
        HttpContext context,
        ParleyDbContext db,
        ChannelAccess access,
        CancellationToken cancellationToken)
    {
        var me = context.User.UserId();
        var message = await access.FindReadableAsync(channelId, me, cancellationToken) is null
            ? null
            : await db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == messageId && m.ChannelId == channelId, cancellationToken);
        if (message is null)
        {
            return TypedResults.NotFound();
        }

        var edits = await db.MessageEdits.AsNoTracking().Where(e => e.MessageId == messageId).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        var versions = new List<MessageVersion>();
        var at = IdGenerator.TimestampOf(message.Id);
        foreach (var edit in edits)
        {
            versions.Add(new MessageVersion(edit.PreviousContent, at));
            at = edit.EditedAt;
        }

        versions.Add(new MessageVersion(message.Content, at));
        return TypedResults.Ok(versions);
    }
}

public static class DeleteMessage
{
    /// <summary>The author deletes their own; a group's owner may delete any message in the group.</summary>
    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Handle(
        long channelId,
        long messageId,
        HttpContext context,
        ParleyDbContext db,
        ChannelAccess access,
        RealtimePublisher realtime,
        Infrastructure.Storage.IFileStore store,
        CancellationToken cancellationToken)
    {
        var me = context.User.UserId();
        var grant = await access.GetAsync(channelId, me, cancellationToken);
        var channel = grant?.Channel;
        var message = channel is null ? null : await db.Messages.FirstOrDefaultAsync(m => m.Id == messageId && m.ChannelId == channelId, cancellationToken);
        if (grant is null || channel is null || message is null)
        {
            return TypedResults.NotFound();
        }

        if (message.AuthorId != me && !grant.Has(Contracts.Servers.Permission.ManageMessages))
        {
            return TypedResults.Problem(title: "You can only delete your own messages.", statusCode: StatusCodes.Status403Forbidden);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var files = await db.Attachments.Where(a => a.MessageId == message.Id).ToListAsync(cancellationToken);
        db.Attachments.RemoveRange(files);
        db.Messages.Remove(message);
        await db.SaveChangesAsync(cancellationToken);

        // Set-based, not from grant.Channel: a cached grant's channel does not follow LastMessageId (see ChannelGrant).
        var deletedId = message.Id;
        await db.Channels.Where(c => c.Id == channelId && c.LastMessageId == deletedId)
            .ExecuteUpdateAsync(
                s => s.SetProperty(c => c.LastMessageId, c => db.Messages.Where(m => m.ChannelId == channelId && m.Id < deletedId).Max(m => (long?)m.Id)),
                cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await Files.AttachmentCleanup.DeleteFilesAsync(store, files, CancellationToken.None);
        await realtime.Channel(channelId).MessageDeleted(new Contracts.Realtime.MessageDeletedEvent(Ids.Format(channelId), Ids.Format(messageId)));
        return TypedResults.NoContent();
    }
}
