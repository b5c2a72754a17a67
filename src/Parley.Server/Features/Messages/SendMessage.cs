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

public static class SendMessage
{
    public static async Task<Results<Created<MessageResponse>, Ok<MessageResponse>, ValidationProblem, NotFound, ProblemHttpResult>> Handle(
        long channelId,
        SendMessageRequest request,
        HttpContext context,
        ParleyDbContext db,
        ChannelAccess access,
        MessageMapper mapper,
        IdGenerator ids,
        RealtimePublisher realtime,
        Mentions mentions,
        CancellationToken cancellationToken)
    {
        var me = context.User.UserId();
        var attachmentIds = new List<long>();
        var errors = new FieldErrors();
        foreach (var raw in request.AttachmentIds ?? [])
        {
            if (!Ids.TryParse(raw, out var attachmentId))
            {
                errors.Add("attachmentIds", $"'{raw}' is not an attachment id.");
            }
            else if (!attachmentIds.Contains(attachmentId))
            {
                attachmentIds.Add(attachmentId);
            }
        }

        if (attachmentIds.Count > MessageRules.MaxAttachments)
        {
            errors.Add("attachmentIds", $"A message can carry at most {MessageRules.MaxAttachments} files.");
        }

        if (attachmentIds.Count == 0 && request.Poll is null && request.StickerId is null)
        {
            errors.Require("content", request.Content);
        }

        var poll = request.Poll is null ? null : Polls.PollRules.Validate(request.Poll, errors);

        errors
            .MaxLength("content", request.Content, MessageRules.MaxContentLength)
            .MaxLength("nonce", request.Nonce, MessageRules.MaxNonceLength);
        long replyToId = 0;
        if (request.ReplyToId is not null && !Ids.TryParse(request.ReplyToId, out replyToId))
        {
            errors.Add("replyToId", "The replyToId field must be a message id.");
        }

        long stickerId = 0;
        if (request.StickerId is not null && !Ids.TryParse(request.StickerId, out stickerId))
        {
            errors.Add("stickerId", "The stickerId field must be a sticker id.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var grant = await access.GetAsync(channelId, me, cancellationToken);
        if (grant is null)
        {
            return TypedResults.NotFound();
        }

        var channel = grant.Channel;
        if (await access.WhyCannotSendAsync(grant, me, cancellationToken) is { } reason)
        {
            return TypedResults.Problem(title: reason, statusCode: StatusCodes.Status403Forbidden);
        }

        if (attachmentIds.Count > 0 && !grant.Has(Contracts.Servers.Permission.AttachFiles))
        {
            return TypedResults.Problem(title: "You cannot attach files in this channel.", statusCode: StatusCodes.Status403Forbidden);
        }

        var nonce = string.IsNullOrEmpty(request.Nonce) ? null : request.Nonce;
        if (nonce is not null && await FindByNonceAsync(db, me, nonce, cancellationToken) is { } original)
        {
            return TypedResults.Ok((await mapper.MapAsync(me, [original], cancellationToken))[0]);
        }

        if (replyToId != 0 && !await db.Messages.AnyAsync(m => m.Id == replyToId && m.ChannelId == channelId, cancellationToken))
        {
            return new FieldErrors().Add("replyToId", "The message you reply to is not in this chat.").ToProblem();
        }

        var attachments = attachmentIds.Count == 0
            ? []
            : await db.Attachments.Where(a => attachmentIds.Contains(a.Id) && a.UploaderId == me && a.MessageId == null).ToListAsync(cancellationToken);
        if (attachments.Count != attachmentIds.Count)
        {
            return new FieldErrors().Add("attachmentIds", "Some files are not yours to send, or were already sent.").ToProblem();
        }

        if (stickerId != 0 && !await Emoji.StickerRules.MaySendAsync(db, channel, stickerId, me, cancellationToken))
        {
            return new FieldErrors().Add("stickerId", "That sticker is not from this server, or from a server you are in.").ToProblem();
        }

        var message = new Message
        {
            Id = ids.NextId(),
            ChannelId = channelId,
            AuthorId = me,
            Content = request.Content?.Trim() ?? "",
            SearchText = Search.SearchQuery.Fold(request.Content?.Trim() ?? ""),
            Nonce = nonce,
            ReplyToId = replyToId == 0 ? null : replyToId,
            StickerId = stickerId == 0 ? null : stickerId,
        };
        db.Messages.Add(message);
        if (poll is not null)
        {
            Polls.PollRules.AddTo(db, ids, message, poll);
        }

        foreach (var attachment in attachments)
        {
            attachment.MessageId = message.Id;
            attachment.ChannelId = channelId;
        }

        await mentions.AddAsync(message, grant, cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            // Set-based updates, so simultaneous sends neither lose the newest id nor collide creating the read state.
            await db.Channels.Where(c => c.Id == channelId && (c.LastMessageId == null || c.LastMessageId < message.Id))
                .ExecuteUpdateAsync(c => c.SetProperty(x => x.LastMessageId, message.Id), cancellationToken);
            await MarkOwnMessageReadAsync(db, me, channelId, message.Id, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException) when (nonce is not null)
        {
            // The same send arrived twice at once; the other one won.
            db.ChangeTracker.Clear();
            var winner = await FindByNonceAsync(db, me, nonce, cancellationToken);
            if (winner is null)
            {
                throw;
            }

            return TypedResults.Ok((await mapper.MapAsync(me, [winner], cancellationToken))[0]);
        }

        var response = (await mapper.MapAsync(0, [message], cancellationToken))[0];
        await realtime.Channel(channelId).MessageCreated(response);
        return TypedResults.Created($"/api/v1/channels/{response.ChannelId}/messages/{response.Id}", response);
    }

    private static Task<Message?> FindByNonceAsync(ParleyDbContext db, long authorId, string nonce, CancellationToken cancellationToken) =>
        db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.AuthorId == authorId && m.Nonce == nonce, cancellationToken);

    /// <summary>The author has read their own message; sending also clears their draft. One upsert, valid on SQLite and PostgreSQL.</summary>
    private static Task<int> MarkOwnMessageReadAsync(ParleyDbContext db, long me, long channelId, long messageId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO "ChannelUserStates" ("UserId", "ChannelId", "LastReadMessageId", "MutedForever")
            VALUES ({me}, {channelId}, {messageId}, FALSE)
            ON CONFLICT ("UserId", "ChannelId") DO UPDATE SET
                "LastReadMessageId" = CASE WHEN excluded."LastReadMessageId" > "ChannelUserStates"."LastReadMessageId"
                    THEN excluded."LastReadMessageId" ELSE "ChannelUserStates"."LastReadMessageId" END,
                "Draft" = NULL,
                "DraftUpdatedAt" = NULL
            """,
            cancellationToken);
}
