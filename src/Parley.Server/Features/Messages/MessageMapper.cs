using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Parley.Contracts.Messages;
using Parley.Contracts.Users;
using Parley.Data;
using Parley.Data.Files;
using Parley.Data.Messages;
using Parley.Server.Features.Files;
using Parley.Server.Features.Users;
using Parley.Server.Infrastructure;

namespace Parley.Server.Features.Messages;

/// <summary>
/// Turns a page of messages into responses with a fixed number of batched queries, whatever the page size. Each
/// look-up runs only for the messages whose <see cref="Message.Extras"/> bit says they may have such rows (and the
/// reply previews and stickers only for messages that have them), so a page of plain messages costs at most one
/// query, for the names of authors not in the <see cref="AuthorCache"/>.
/// </summary>
public sealed class MessageMapper(ParleyDbContext db, TimeProvider time, AuthorCache authors)
{
    public const int ReplyPreviewLength = 120;
    public const int ReactionUserIdsShown = 20;

    // Every page of history runs these look-ups, so they are compiled once: a LINQ query otherwise rebuilds and
    // re-hashes its expression tree on every call, which costs more than the look-up itself on SQLite.
    private static readonly PerModelQuery<Func<ParleyDbContext, List<long>, IAsyncEnumerable<ReactionRow>>> ReactionsOf = new(() =>
        EF.CompileAsyncQuery((ParleyDbContext db, List<long> ids) => db.Reactions.AsNoTracking()
            .Where(r => ids.Contains(r.MessageId))
            .Select(r => new ReactionRow(r.MessageId, r.Emoji, r.UserId))));

    private static readonly PerModelQuery<Func<ParleyDbContext, List<long>, IAsyncEnumerable<MessageLink>>> MentionsOf = new(() =>
        EF.CompileAsyncQuery((ParleyDbContext db, List<long> ids) => db.Mentions.AsNoTracking()
            .Where(m => ids.Contains(m.MessageId))
            .Select(m => new MessageLink(m.MessageId, m.UserId))));

    private static readonly PerModelQuery<Func<ParleyDbContext, List<long>, IAsyncEnumerable<MessageLink>>> RoleMentionsOf = new(() =>
        EF.CompileAsyncQuery((ParleyDbContext db, List<long> ids) => db.RoleMentions.AsNoTracking()
            .Where(m => ids.Contains(m.MessageId))
            .Select(m => new MessageLink(m.MessageId, m.RoleId))));

    private static readonly PerModelQuery<Func<ParleyDbContext, List<long>, IAsyncEnumerable<Attachment>>> AttachmentsOf = new(() =>
        EF.CompileAsyncQuery((ParleyDbContext db, List<long> ids) => db.Attachments.AsNoTracking()
            .Where(a => a.MessageId != null && ids.Contains(a.MessageId.Value))));

    public async Task<List<MessageResponse>> LoadByIdsAsync(long viewerId, IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var messages = await db.Messages.AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync(cancellationToken);
        return await MapAsync(viewerId, messages, cancellationToken);
    }

    /// <summary><paramref name="viewerId"/> decides each reaction's Me; pass 0 for a payload shared by everyone.</summary>
    public async Task<List<MessageResponse>> MapAsync(long viewerId, IReadOnlyList<Message> messages, CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
        {
            return [];
        }

        List<long> With(MessageExtras extra) => messages.Where(m => (m.Extras & extra) != 0).Select(m => m.Id).ToList();
        var reactionIds = With(MessageExtras.Reactions);
        var mentionIds = With(MessageExtras.Mentions);
        var roleMentionIds = With(MessageExtras.RoleMentions);
        var attachmentIds = With(MessageExtras.Attachments);
        var pollIds = With(MessageExtras.Poll);
        var replyIds = messages.Where(m => m.ReplyToId != null).Select(m => m.ReplyToId!.Value).Distinct().ToList();
        var replies = replyIds.Count == 0
            ? []
            : await db.Messages.AsNoTracking().Where(m => replyIds.Contains(m.Id))
                .Select(m => new { m.Id, m.AuthorId, m.Content })
                .ToDictionaryAsync(m => m.Id, cancellationToken);
        var reactions = reactionIds.Count == 0 ? [] : await ReactionsOf.For(db)(db, reactionIds).ToListAsync(cancellationToken);
        var mentions = mentionIds.Count == 0 ? [] : await MentionsOf.For(db)(db, mentionIds).ToListAsync(cancellationToken);
        var roleMentions = (roleMentionIds.Count == 0 ? [] : await RoleMentionsOf.For(db)(db, roleMentionIds).ToListAsync(cancellationToken))
            .ToLookup(m => m.MessageId, m => m.Id);
        var attachments = (attachmentIds.Count == 0 ? [] : await AttachmentsOf.For(db)(db, attachmentIds).ToListAsync(cancellationToken))
            .ToLookup(a => a.MessageId!.Value);
        var polls = await Polls.PollQueries.LoadAsync(db, viewerId, pollIds, time.GetUtcNow(), cancellationToken);
        var stickerIds = messages.Where(m => m.StickerId != null).Select(m => m.StickerId!.Value).Distinct().ToList();
        var stickers = stickerIds.Count == 0
            ? []
            : await db.Stickers.AsNoTracking().Where(s => stickerIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, Emoji.Stickers.ToResponse, cancellationToken);
        var users = await authors.GetManyAsync(
            db,
            messages.Select(m => m.AuthorId).Concat(replies.Values.Select(r => r.AuthorId)).Concat(mentions.Select(m => m.Id)),
            cancellationToken);

        var reactionsByMessage = reactions.ToLookup(r => r.MessageId);
        var mentionsByMessage = mentions.ToLookup(m => m.MessageId, m => m.Id);
        return messages.Select(m => Compose(
                m,
                users,
                m.ReplyToId is { } replyId
                    ? replies.TryGetValue(replyId, out var reply)
                        ? Reply(replyId, users.GetValueOrDefault(reply.AuthorId), reply.Content)
                        : Reply(replyId, null, null)
                    : null,
                mentionsByMessage[m.Id],
                reactionsByMessage[m.Id]
                    .GroupBy(r => r.Emoji)
                    .OrderBy(g => g.Min(r => r.UserId == viewerId ? 0 : 1))
                    .Select(g => new ReactionSummary(
                        g.Key,
                        g.Count(),
                        g.Any(r => r.UserId == viewerId),
                        g.Take(ReactionUserIdsShown).Select(r => Id(r.UserId)).ToList()))
                    .ToList(),
                attachments[m.Id],
                polls.GetValueOrDefault(m.Id),
                m.StickerId is { } stickerId ? stickers.GetValueOrDefault(stickerId) : null,
                roleMentions[m.Id]))
            .ToList();
    }

    /// <summary>
    /// One message's response from its parts. <see cref="MapAsync"/> and the send path (which holds every part of a
    /// message it just created) both build through here, so a sent message and the same message read back agree.
    /// <paramref name="users"/> holds the author and the mentioned people. Mentions, role mentions and attachments come
    /// out ordered by id; a mentioned user who is gone is left out.
    /// </summary>
    public static MessageResponse Compose(
        Message m,
        IReadOnlyDictionary<long, UserSummary> users,
        ReplyPreview? replyTo,
        IEnumerable<long> mentionedUserIds,
        IReadOnlyList<ReactionSummary> reactions,
        IEnumerable<Attachment> attachments,
        PollResponse? poll,
        StickerResponse? sticker,
        IEnumerable<long> mentionedRoleIds) => new(
            Id(m.Id),
            Id(m.ChannelId),
            users.GetValueOrDefault(m.AuthorId) ?? Unknown(m.AuthorId),
            m.Content,
            m.Nonce,
            Parley.Data.IdGenerator.TimestampOf(m.Id),
            m.EditedAt,
            replyTo,
            mentionedUserIds.Order().Select(users.GetValueOrDefault).OfType<UserSummary>().ToList(),
            reactions,
            m.PinnedAt is not null,
            attachments.OrderBy(a => a.Id).Select(a => a.ToResponse()).ToList(),
            Poll: poll,
            Sticker: sticker,
            MentionsEveryone: m.MentionsEveryone,
            MentionRoleIds: mentionedRoleIds.Order().Select(Id).ToList());

    /// <summary>The preview of the message replied to; <paramref name="content"/> null when that message is gone.</summary>
    public static ReplyPreview Reply(long replyToId, UserSummary? author, string? content) =>
        content is null
            ? new ReplyPreview(Id(replyToId), null, null, true)
            : new ReplyPreview(Id(replyToId), author, Preview(content), false);

    private static string Preview(string content) =>
        content.Length <= ReplyPreviewLength ? content : content[..ReplyPreviewLength] + "…";

    private static UserSummary Unknown(long id) => new(Id(id), "deleted", null);

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private sealed record ReactionRow(long MessageId, string Emoji, long UserId);

    /// <summary>A message's link to a user (a mention) or a role (a role mention).</summary>
    private sealed record MessageLink(long MessageId, long Id);
}
