using Microsoft.EntityFrameworkCore;
using Parley.Contracts.Channels;
using Parley.Contracts.Servers;
using Parley.Data;
using Parley.Data.Messages;
using Parley.Server.Features.Conversations;
using Parley.Server.Realtime;

namespace Parley.Server.Features.Messages;

/// <summary>
/// Who a message mentions, from its @words: people (members of the chat or server), mentionable roles (servers only),
/// @everyone (everyone who can read the channel) and @here (those of them online now). @everyone and @here need
/// MentionEveryone in a server, which also lets the author ping roles that are not mentionable; in a group anyone may
/// use them. @everyone is one flag on the message and a role mention one row, so neither copies the message per member.
/// </summary>
public sealed class Mentions(ParleyDbContext db, OnlineUsers online)
{
    public const string Everyone = "everyone";
    public const string Here = "here";

    /// <summary>
    /// Sets <see cref="Message.MentionsEveryone"/> and adds the mention rows; the caller saves, and sets the
    /// <see cref="Message.Extras"/> bits returned (Mentions, RoleMentions: those of the rows added).
    /// </summary>
    public async Task<MessageExtras> AddAsync(Message message, ChannelGrant grant, CancellationToken cancellationToken)
    {
        message.MentionsEveryone = false;
        var words = MessageRules.MentionedUsernames(message.Content);
        if (words.Count == 0)
        {
            return MessageExtras.None;
        }

        var channel = grant.Channel;
        var names = words.Select(w => w.ToUpperInvariant()).ToHashSet();
        var mayMentionEveryone = channel.ServerId is null ? channel.Type == ChannelType.Group : grant.Has(Permission.MentionEveryone);
        var everyone = mayMentionEveryone && names.Contains(Everyone.ToUpperInvariant());
        var here = mayMentionEveryone && !everyone && names.Contains(Here.ToUpperInvariant());
        message.MentionsEveryone = everyone;

        var people = channel.ServerId is { } serverId
            ? await db.ServerMembers.Where(m => m.ServerId == serverId && m.UserId != message.AuthorId)
                .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Id, u.NormalizedUserName })
                .Where(u => names.Contains(u.NormalizedUserName!))
                .Select(u => u.Id)
                .ToListAsync(cancellationToken)
            : await db.ChannelRecipients.Where(r => r.ChannelId == channel.Id && r.UserId != message.AuthorId)
                .Join(db.Users, r => r.UserId, u => u.Id, (r, u) => new { u.Id, u.NormalizedUserName })
                .Where(u => names.Contains(u.NormalizedUserName!))
                .Select(u => u.Id)
                .ToListAsync(cancellationToken);
        if (here)
        {
            people.AddRange(await OnlineMembersAsync(channel.ServerId, channel.Id, message.AuthorId, cancellationToken));
        }

        var extras = MessageExtras.None;
        if (people.Count > 0)
        {
            db.Mentions.AddRange(people.Distinct().Select(id => new Mention { MessageId = message.Id, UserId = id, ChannelId = channel.Id }));
            extras |= MessageExtras.Mentions;
        }

        if (channel.ServerId is { } server)
        {
            var roles = await db.Roles.AsNoTracking().Where(r => r.ServerId == server && r.Id != server)
                .Select(r => new { r.Id, r.Name, r.Mentionable })
                .ToListAsync(cancellationToken);
            var mentioned = roles
                .Where(r => names.Contains(r.Name.ToUpperInvariant()) && (r.Mentionable || grant.Has(Permission.MentionEveryone)))
                .Select(r => new RoleMention { MessageId = message.Id, RoleId = r.Id, ChannelId = channel.Id })
                .ToList();
            if (mentioned.Count > 0)
            {
                db.RoleMentions.AddRange(mentioned);
                extras |= MessageExtras.RoleMentions;
            }
        }

        return extras;
    }

    /// <summary>
    /// The mentions of <paramref name="userId"/> among a channel's messages after <paramref name="lastRead"/>: counted
    /// once per message, whether it names them, one of their roles, or everyone.
    /// </summary>
    public static IQueryable<Message> Of(ParleyDbContext db, long userId, long? serverId, IQueryable<Message> messages) =>
        serverId is { } server
            ? messages.Where(m => m.AuthorId != userId && (m.MentionsEveryone
                || db.Mentions.Any(x => x.MessageId == m.Id && x.UserId == userId)
                || db.RoleMentions.Any(r => r.MessageId == m.Id
                    && db.MemberRoles.Any(mr => mr.ServerId == server && mr.UserId == userId && mr.RoleId == r.RoleId))))
            : messages.Where(m => m.AuthorId != userId && (m.MentionsEveryone || db.Mentions.Any(x => x.MessageId == m.Id && x.UserId == userId)));

    private async Task<List<long>> OnlineMembersAsync(long? serverId, long channelId, long authorId, CancellationToken cancellationToken)
    {
        var members = serverId is { } server
            ? await db.ServerMembers.Where(m => m.ServerId == server && m.UserId != authorId).Select(m => m.UserId).ToListAsync(cancellationToken)
            : await db.ChannelRecipients.Where(r => r.ChannelId == channelId && r.UserId != authorId).Select(r => r.UserId).ToListAsync(cancellationToken);
        return members.Where(online.IsOnline).ToList();
    }
}
