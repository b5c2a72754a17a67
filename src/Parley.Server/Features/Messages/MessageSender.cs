using System.Data.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Parley.Contracts.Messages;
using Parley.Contracts.Users;
using Parley.Data;
using Parley.Data.Files;
using Parley.Data.Messages;
using Parley.Data.Polls;
using Parley.Server.Features.Conversations;
using Parley.Server.Infrastructure;
using Parley.Server.Realtime;

namespace Parley.Server.Features.Messages;

/// <summary>What became of a send.</summary>
public enum SendStatus
{
    /// <summary>A new message: stored, and MessageCreated sent to the channel.</summary>
    Created,

    /// <summary>The author already sent a message with this nonce: that one, unchanged, and no event.</summary>
    Existing,

    /// <summary>Bad input; <see cref="SendResult.Invalid"/> names the fields.</summary>
    Invalid,

    /// <summary>No such channel, or one the user may not see.</summary>
    NotFound,

    /// <summary>The user sees the channel but may not post (or attach) there; <see cref="SendResult.Refusal"/> says why.</summary>
    Forbidden,
}

public sealed record SendResult(SendStatus Status, MessageResponse? Message = null, ValidationProblem? Invalid = null, string? Refusal = null)
{
    public static SendResult BadInput(FieldErrors errors) => new(SendStatus.Invalid, Invalid: errors.ToProblem());
}

/// <summary>
/// Sending a message, the one code path for REST (<see cref="SendMessage"/>) and the hub (ChatHub.SendMessage): the
/// rules, the nonce de-duplication, the write and the MessageCreated event. The payload is built from what the send
/// already holds (the author, the reply, the mentions it added, the attachments, the poll, the sticker) through
/// <see cref="MessageMapper.Compose"/>, the same function that maps messages read back, so no query re-reads a
/// message that was just created. Rate limiting is the caller's: the "send" policy on REST, the same per-user bucket
/// taken by hand in the hub (<see cref="SendRateLimiter"/>).
/// </summary>
public sealed class MessageSender(
    ParleyDbContext db,
    ChannelAccess access,
    MessageMapper mapper,
    IdGenerator ids,
    RealtimePublisher realtime,
    Mentions mentions,
    MessageWriter writer,
    Users.AuthorCache authors,
    TimeProvider time)
{
    public async Task<SendResult> SendAsync(long me, long channelId, SendMessageRequest request, CancellationToken cancellationToken)
    {
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
            return SendResult.BadInput(errors);
        }

        var grant = await access.GetAsync(channelId, me, cancellationToken);
        if (grant is null)
        {
            return new SendResult(SendStatus.NotFound);
        }

        var channel = grant.Channel;
        if (await access.WhyCannotSendAsync(grant, me, cancellationToken) is { } reason)
        {
            return new SendResult(SendStatus.Forbidden, Refusal: reason);
        }

        if (attachmentIds.Count > 0 && !grant.Has(Contracts.Servers.Permission.AttachFiles))
        {
            return new SendResult(SendStatus.Forbidden, Refusal: "You cannot attach files in this channel.");
        }

        // A retried send (same author and nonce) gives back the original. Without attachments the unique index on
        // (author, nonce) finds it when the insert fails (StoreAsync), so the common send skips this look-up; with
        // attachments it must come first, as the retry's files are already attached to the original.
        var nonce = string.IsNullOrEmpty(request.Nonce) ? null : request.Nonce;
        if (nonce is not null && attachmentIds.Count > 0
            && await db.Messages.Where(m => m.AuthorId == me && m.Nonce == nonce).Select(m => (long?)m.Id).FirstOrDefaultAsync(cancellationToken) is { } originalId)
        {
            return new SendResult(SendStatus.Existing, (await mapper.LoadByIdsAsync(me, [originalId], cancellationToken))[0]);
        }

        var repliedTo = replyToId == 0
            ? null
            : await db.Messages.AsNoTracking().Where(m => m.Id == replyToId && m.ChannelId == channelId)
                .Select(m => new RepliedTo(m.AuthorId, m.Content))
                .FirstOrDefaultAsync(cancellationToken);
        if (replyToId != 0 && repliedTo is null)
        {
            return SendResult.BadInput(new FieldErrors().Add("replyToId", "The message you reply to is not in this chat."));
        }

        var attachments = attachmentIds.Count == 0
            ? []
            : await db.Attachments.Where(a => attachmentIds.Contains(a.Id) && a.UploaderId == me && a.MessageId == null).ToListAsync(cancellationToken);
        if (attachments.Count != attachmentIds.Count)
        {
            return SendResult.BadInput(new FieldErrors().Add("attachmentIds", "Some files are not yours to send, or were already sent."));
        }

        StickerResponse? sticker = null;
        if (stickerId != 0)
        {
            if (!await Emoji.StickerRules.MaySendAsync(db, channel, stickerId, me, cancellationToken))
            {
                return SendResult.BadInput(new FieldErrors().Add("stickerId", "That sticker is not from this server, or from a server you are in."));
            }

            sticker = await db.Stickers.AsNoTracking().Where(s => s.Id == stickerId).Select(s => Emoji.Stickers.ToResponse(s)).FirstOrDefaultAsync(cancellationToken);
        }

        var content = request.Content?.Trim() ?? "";
        var message = new Message
        {
            Id = ids.NextId(),
            ChannelId = channelId,
            AuthorId = me,
            Content = content,
            SearchText = Search.SearchQuery.Fold(content),
            Nonce = nonce,
            ReplyToId = replyToId == 0 ? null : replyToId,
            StickerId = stickerId == 0 ? null : stickerId,
        };
        if (poll is not null)
        {
            Polls.PollRules.AddTo(db, ids, message, poll);
        }

        foreach (var attachment in attachments)
        {
            attachment.MessageId = message.Id;
            attachment.ChannelId = channelId;
            message.Extras |= MessageExtras.Attachments;
        }

        message.Extras |= await mentions.AddAsync(message, grant, cancellationToken);
        if (await StoreAsync(message, cancellationToken) is { } winner)
        {
            // The same send arrived twice at once; the other one won.
            return new SendResult(SendStatus.Existing, (await mapper.LoadByIdsAsync(me, [winner], cancellationToken))[0]);
        }

        var response = await ComposeAsync(message, await authors.GetAsync(db, me, cancellationToken), repliedTo, attachments, sticker, cancellationToken);
        await realtime.Channel(channelId).MessageCreated(response);
        return new SendResult(SendStatus.Created, response);
    }

    private sealed record RepliedTo(long AuthorId, string Content);

    /// <summary>
    /// Writes the message, moves the channel's LastMessageId and marks it read for the author, atomically. A message
    /// with nothing but mentions besides goes through <see cref="MessageWriter"/>, which commits concurrent sends
    /// together; one with a poll or attachments is written here, its insert and the tracked changes in one
    /// transaction. Null once stored; the id of the message that took the author's nonce meanwhile, if one did.
    /// </summary>
    private async Task<long?> StoreAsync(Message message, CancellationToken cancellationToken)
    {
        var tracked = db.ChangeTracker.Entries().Where(e => e.State != EntityState.Unchanged).ToList();
        try
        {
            if (tracked.All(e => e.Entity is Mention or RoleMention))
            {
                await writer.WriteAsync(new NewMessage(
                    message,
                    tracked.Select(e => e.Entity).OfType<Mention>().ToList(),
                    tracked.Select(e => e.Entity).OfType<RoleMention>().ToList()));
                db.ChangeTracker.AcceptAllChanges();
                return null;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var (sql, arguments) = MessageWriter.InsertSql([new NewMessage(message, [], [])]);
            await db.Database.ExecuteSqlRawAsync(sql, arguments, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return null;
        }
        catch (Exception e) when (message.Nonce is not null && e is DbException or DbUpdateException)
        {
            db.ChangeTracker.Clear();
            var winner = await db.Messages.AsNoTracking().Where(m => m.AuthorId == message.AuthorId && m.Nonce == message.Nonce)
                .Select(m => (long?)m.Id)
                .FirstOrDefaultAsync(cancellationToken);
            if (winner is null)
            {
                throw;
            }

            return winner;
        }
    }

    /// <summary>
    /// The payload of a message just created, from what the send holds: a new message has no reactions, its poll no
    /// votes, and the mentions are the rows <see cref="Mentions"/> added. One query at most, for the names of the
    /// people mentioned and of the replied-to author (none for a plain message).
    /// </summary>
    private async Task<MessageResponse> ComposeAsync(
        Message message, UserSummary? author, RepliedTo? repliedTo, List<Attachment> attachments, StickerResponse? sticker, CancellationToken cancellationToken)
    {
        var mentioned = db.ChangeTracker.Entries<Mention>().Select(e => e.Entity).Where(m => m.MessageId == message.Id).Select(m => m.UserId).ToList();
        var roles = db.ChangeTracker.Entries<RoleMention>().Select(e => e.Entity).Where(m => m.MessageId == message.Id).Select(m => m.RoleId).ToList();
        var others = mentioned.Concat(repliedTo is null ? [] : [repliedTo.AuthorId]).Where(id => id != message.AuthorId).ToList();
        var users = others.Count == 0 ? [] : await Users.UserSummaries.LoadAsync(db, others, cancellationToken);
        if (author is not null)
        {
            users[message.AuthorId] = author;
        }

        PollResponse? poll = null;
        if (db.ChangeTracker.Entries<Poll>().Select(e => e.Entity).FirstOrDefault(p => p.MessageId == message.Id) is { } created)
        {
            poll = new PollResponse(
                created.Question,
                db.ChangeTracker.Entries<PollOption>().Select(e => e.Entity).Where(o => o.MessageId == message.Id)
                    .OrderBy(o => o.Position)
                    .Select(o => new PollOptionResponse(Ids.Format(o.Id), o.Text, 0))
                    .ToList(),
                created.AllowMultiple,
                created.ExpiresAt,
                Polls.PollRules.IsClosed(created, time.GetUtcNow()),
                0,
                []);
        }

        return MessageMapper.Compose(
            message,
            users,
            repliedTo is null ? null : MessageMapper.Reply(message.ReplyToId!.Value, users.GetValueOrDefault(repliedTo.AuthorId), repliedTo.Content),
            mentioned,
            [],
            attachments,
            poll,
            sticker,
            roles);
    }
}
