using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Parley.Contracts.Channels;
using Parley.Data;
using Parley.Server.Features.Messages;
using Parley.Server.Features.Users;

namespace Parley.Server.Features.Conversations;

/// <summary>The chat list: one query for all of a user's channels with read state, then batched look-ups of people and last messages.</summary>
public sealed class ChannelQueries(ParleyDbContext db, PeopleView people, MessageMapper messages, TimeProvider time)
{
    public async Task<List<ChannelResponse>> ListAsync(long me, long? onlyChannelId, CancellationToken cancellationToken)
    {
        var rows = await (
                from r in db.ChannelRecipients
                where r.UserId == me && (onlyChannelId == null || r.ChannelId == onlyChannelId)
                join c in db.Channels on r.ChannelId equals c.Id
                join s0 in db.ChannelUserStates.Where(s => s.UserId == me) on c.Id equals s0.ChannelId into states
                from s in states.DefaultIfEmpty()
                let lastRead = s == null ? 0L : s.LastReadMessageId
                select new
                {
                    Channel = c,
                    LastRead = lastRead,
                    MutedUntil = s == null ? null : s.MutedUntil,
                    MutedForever = s != null && s.MutedForever,
                    Draft = s == null ? null : s.Draft,
                    Unread = db.Messages.Count(m => m.ChannelId == c.Id && m.Id > lastRead && m.AuthorId != me),
                    Mentions = db.Messages.Count(m => m.ChannelId == c.Id && m.Id > lastRead && m.AuthorId != me
                        && (m.MentionsEveryone || db.Mentions.Any(x => x.MessageId == m.Id && x.UserId == me))),
                    RecipientIds = db.ChannelRecipients.Where(x => x.ChannelId == c.Id).Select(x => x.UserId).ToList(),
                })
            .AsNoTracking()
            .ToListAsync(cancellationToken);

        var users = await people.LoadAsync(me, rows.SelectMany(r => r.RecipientIds), cancellationToken);
        var lastIds = rows.Where(r => r.Channel.LastMessageId != null).Select(r => r.Channel.LastMessageId!.Value).ToList();
        var lastMessages = (await messages.LoadByIdsAsync(me, lastIds, cancellationToken)).ToDictionary(m => m.Id);
        var now = time.GetUtcNow();
        return rows
            .Select(r =>
            {
                var muted = r.MutedForever || r.MutedUntil > now;
                var lastMessage = r.Channel.LastMessageId is { } lastId ? lastMessages.GetValueOrDefault(Id(lastId)) : null;
                return new ChannelResponse(
                    Id(r.Channel.Id),
                    r.Channel.Type,
                    r.Channel.Name,
                    r.Channel.OwnerId is { } owner ? Id(owner) : null,
                    r.RecipientIds.Where(users.ContainsKey).Select(id => users[id]).ToList(),
                    lastMessage,
                    Id(r.LastRead),
                    r.Unread,
                    r.Mentions,
                    muted,
                    r.MutedForever ? null : r.MutedUntil,
                    r.Draft,
                    r.Channel.CreatedAt,
                    Files.Avatars.UrlForChannel(r.Channel.Id, r.Channel.IconKey));
            })
            .OrderByDescending(c => long.Parse(c.LastMessage?.Id ?? c.Id, CultureInfo.InvariantCulture))
            .ToList();
    }

    public async Task<ChannelResponse?> GetAsync(long me, long channelId, CancellationToken cancellationToken) =>
        (await ListAsync(me, channelId, cancellationToken)).SingleOrDefault();

    public async Task<ReadStateResponse> ReadStateAsync(long me, long channelId, CancellationToken cancellationToken)
    {
        var lastRead = await db.ChannelUserStates
            .Where(s => s.UserId == me && s.ChannelId == channelId)
            .Select(s => s.LastReadMessageId)
            .FirstOrDefaultAsync(cancellationToken);
        var unread = await db.Messages.CountAsync(m => m.ChannelId == channelId && m.Id > lastRead && m.AuthorId != me, cancellationToken);
        var serverId = await db.Channels.Where(c => c.Id == channelId).Select(c => c.ServerId).FirstOrDefaultAsync(cancellationToken);
        var mentions = await Messages.Mentions.Of(db, me, serverId, db.Messages.Where(m => m.ChannelId == channelId && m.Id > lastRead))
            .CountAsync(cancellationToken);
        return new ReadStateResponse(Id(channelId), Id(lastRead), unread, mentions);
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
