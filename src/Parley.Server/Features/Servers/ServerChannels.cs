using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Parley.Contracts.Channels;
using Parley.Contracts.Realtime;
using Parley.Contracts.Servers;
using Parley.Data;
using Parley.Data.Conversations;
using Parley.Data.Servers;
using Parley.Server.Features.Accounts;
using Parley.Server.Features.Conversations;
using Parley.Server.Infrastructure;
using Parley.Server.Realtime;

namespace Parley.Server.Features.Servers;

/// <summary>A server's text channels and categories, and their permission overwrites.</summary>
public static class ServerChannels
{
    public const int NameMaxLength = 100;
    public const int TopicMaxLength = 1024;

    /// <summary>The channels you can see (and the categories holding them), with unread and mention counts.</summary>
    public static async Task<Results<Ok<List<ServerChannelResponse>>, NotFound>> List(
        long id, HttpContext context, ParleyDbContext db, ChannelAccess access, CancellationToken cancellationToken)
    {
        var me = context.User.UserId();
        var member = await access.MemberAsync(id, me, cancellationToken);
        if (member is null)
        {
            return TypedResults.NotFound();
        }

        var channels = await db.Channels.AsNoTracking().Where(c => c.ServerId == id).ToListAsync(cancellationToken);
        var channelIds = channels.Select(c => c.Id).ToList();
        var overwrites = (await db.PermissionOverwrites.AsNoTracking().Where(o => channelIds.Contains(o.ChannelId)).ToListAsync(cancellationToken))
            .ToLookup(o => o.ChannelId, o => new Permissions.Overwrite(o.TargetId, o.IsRole, o.Allow, o.Deny));
        var visible = channels
            .Select(c => (Channel: c, Permissions: Permissions.ForChannel(member.Permissions, id, me, member.RoleIds, overwrites[c.Id])))
            .Where(c => c.Permissions.Has(Permission.ViewChannel))
            .ToList();
        var textIds = visible.Where(c => c.Channel.Type == ChannelType.Text).Select(c => c.Channel.Id).ToList();
        var counts = await db.Channels.Where(c => textIds.Contains(c.Id))
            .Select(c => new
            {
                c.Id,
                LastRead = db.ChannelUserStates.Where(s => s.UserId == me && s.ChannelId == c.Id).Select(s => s.LastReadMessageId).FirstOrDefault(),
            })
            .Select(c => new
            {
                c.Id,
                c.LastRead,
                Unread = db.Messages.Count(m => m.ChannelId == c.Id && m.Id > c.LastRead && m.AuthorId != me),
                Mentions = db.Messages.Count(m => m.ChannelId == c.Id && m.Id > c.LastRead && m.AuthorId != me
                    && (m.MentionsEveryone
                        || db.Mentions.Any(x => x.MessageId == m.Id && x.UserId == me)
                        || db.RoleMentions.Any(r => r.MessageId == m.Id
                            && db.MemberRoles.Any(mr => mr.ServerId == id && mr.UserId == me && mr.RoleId == r.RoleId)))),
            })
            .ToDictionaryAsync(c => c.Id, cancellationToken);
        var parentsWithVisibleChildren = visible.Where(c => c.Channel.ParentId != null).Select(c => c.Channel.ParentId!.Value).ToHashSet();
        return TypedResults.Ok(visible
            .Where(c => c.Channel.Type != ChannelType.Category || parentsWithVisibleChildren.Contains(c.Channel.Id) || member.Has(Permission.ManageChannels))
            .OrderBy(c => c.Channel.Position).ThenBy(c => c.Channel.Id)
            .Select(c => new ServerChannelResponse(
                Ids.Format(c.Channel.Id),
                c.Channel.Type,
                c.Channel.Name ?? "",
                c.Channel.Topic,
                c.Channel.ParentId is { } parent ? Ids.Format(parent) : null,
                c.Channel.Position,
                c.Channel.LastMessageId is { } last ? Ids.Format(last) : null,
                counts.TryGetValue(c.Channel.Id, out var count) ? count.Unread : 0,
                counts.TryGetValue(c.Channel.Id, out var mentions) ? mentions.Mentions : 0,
                ServerSupport.Format(c.Permissions),
                counts.TryGetValue(c.Channel.Id, out var read) ? Ids.Format(read.LastRead) : "0"))
            .ToList());
    }

    public static async Task<Results<Created<ServerChannelResponse>, ValidationProblem, NotFound, ProblemHttpResult>> Create(
        long id, CreateServerChannelRequest request, HttpContext context, ParleyDbContext db, ChannelAccess access, IdGenerator ids,
        TimeProvider time, ServerSupport support, RealtimePublisher realtime, CancellationToken cancellationToken)
    {
        var me = context.User.UserId();
        var member = await access.MemberAsync(id, me, cancellationToken);
        if (member is null)
        {
            return TypedResults.NotFound();
        }

        var name = request.Name?.Trim();
        var type = request.Type ?? ChannelType.Text;
        var errors = new FieldErrors().Require("name", name).MaxLength("name", name, NameMaxLength).MaxLength("topic", request.Topic, TopicMaxLength);
        if (type is not (ChannelType.Text or ChannelType.Category))
        {
            errors.Add("type", "A server channel is text or category.");
        }

        long parentId = 0;
        if (request.ParentId is not null && (!Ids.TryParse(request.ParentId, out parentId)
            || !await db.Channels.AnyAsync(c => c.Id == parentId && c.ServerId == id && c.Type == ChannelType.Category, cancellationToken)
            || type == ChannelType.Category))
        {
            errors.Add("parentId", "The parent must be a category of this server (and categories do not nest).");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (!member.Has(Permission.ManageChannels))
        {
            return TypedResults.Problem(title: "You need the Manage Channels permission.", statusCode: StatusCodes.Status403Forbidden);
        }

        var position = (await db.Channels.Where(c => c.ServerId == id).MaxAsync(c => (int?)c.Position, cancellationToken) ?? -1) + 1;
        var channel = new Channel
        {
            Id = ids.NextId(),
            Type = type,
            Name = type == ChannelType.Text ? name!.ToLowerInvariant().Replace(' ', '-') : name,
            Topic = string.IsNullOrWhiteSpace(request.Topic) ? null : request.Topic.Trim(),
            ServerId = id,
            ParentId = parentId == 0 ? null : parentId,
            Position = position,
            CreatedAt = time.GetUtcNow(),
        };
        db.Channels.Add(channel);
        support.Audit(id, me, "channel.create", channel.Id, details: channel.Name);
        await db.SaveChangesAsync(cancellationToken);
        await support.ResyncAsync(id, cancellationToken);
        await realtime.Server(id).ChannelCreated(new ChannelRef(Ids.Format(channel.Id)));
        return TypedResults.Created($"/api/v1/channels/{Ids.Format(channel.Id)}", new ServerChannelResponse(
            Ids.Format(channel.Id), channel.Type, channel.Name!, channel.Topic, request.ParentId, channel.Position, null, 0, 0, ServerSupport.Format(member.Permissions)));
    }

    /// <summary>Rename, set the topic, move between categories, reorder: needs Manage Channels in that channel.</summary>
    public static async Task<Results<Ok<ServerChannelResponse>, ValidationProblem, NotFound, ProblemHttpResult>> Update(
        Channel channel, UpdateServerChannelRequest request, long me, ParleyDbContext db, ChannelAccess access, ServerSupport support,
        RealtimePublisher realtime, CancellationToken cancellationToken)
    {
        var serverId = channel.ServerId!.Value;
        var permissions = await ChannelPermissionsAsync(db, access, channel, me, cancellationToken);
        if (permissions is null)
        {
            return TypedResults.NotFound();
        }

        var name = request.Name?.Trim();
        var errors = new FieldErrors().MaxLength("name", name, NameMaxLength).MaxLength("topic", request.Topic, TopicMaxLength);
        if (name is { Length: 0 })
        {
            errors.Add("name", "The name field is required.");
        }

        long parentId = 0;
        if (request.ParentId is { Length: > 0 } && (!Ids.TryParse(request.ParentId, out parentId)
            || channel.Type == ChannelType.Category
            || !await db.Channels.AnyAsync(c => c.Id == parentId && c.ServerId == serverId && c.Type == ChannelType.Category, cancellationToken)))
        {
            errors.Add("parentId", "The parent must be a category of this server.");
        }

        if (request.Position is < 0)
        {
            errors.Add("position", "The position must be 0 or more.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (!permissions.Value.Has(Permission.ManageChannels))
        {
            return TypedResults.Problem(title: "You need the Manage Channels permission.", statusCode: StatusCodes.Status403Forbidden);
        }

        if (name is not null)
        {
            channel.Name = channel.Type == ChannelType.Text ? name.ToLowerInvariant().Replace(' ', '-') : name;
        }

        if (request.Topic is not null)
        {
            channel.Topic = string.IsNullOrWhiteSpace(request.Topic) ? null : request.Topic.Trim();
        }

        if (request.ParentId is not null)
        {
            channel.ParentId = parentId == 0 ? null : parentId;
        }

        if (request.Position is { } position)
        {
            channel.Position = position;
        }

        support.Audit(serverId, me, "channel.update", channel.Id, details: channel.Name);
        await db.SaveChangesAsync(cancellationToken);
        await realtime.Server(serverId).ChannelUpdated(new ChannelRef(Ids.Format(channel.Id)));
        return TypedResults.Ok(new ServerChannelResponse(
            Ids.Format(channel.Id), channel.Type, channel.Name ?? "", channel.Topic, channel.ParentId is { } p ? Ids.Format(p) : null, channel.Position,
            channel.LastMessageId is { } last ? Ids.Format(last) : null, 0, 0, ServerSupport.Format(permissions.Value)));
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Delete(
        Channel channel, long me, ParleyDbContext db, ChannelAccess access, ServerSupport support, RealtimePublisher realtime, CancellationToken cancellationToken)
    {
        var serverId = channel.ServerId!.Value;
        var permissions = await ChannelPermissionsAsync(db, access, channel, me, cancellationToken);
        if (permissions is null)
        {
            return TypedResults.NotFound();
        }

        if (!permissions.Value.Has(Permission.ManageChannels))
        {
            return TypedResults.Problem(title: "You need the Manage Channels permission.", statusCode: StatusCodes.Status403Forbidden);
        }

        await db.Channels.Where(c => c.ParentId == channel.Id).ExecuteUpdateAsync(c => c.SetProperty(x => x.ParentId, (long?)null), cancellationToken);
        db.Channels.Remove(channel);
        support.Audit(serverId, me, "channel.delete", channel.Id, details: channel.Name);
        await db.SaveChangesAsync(cancellationToken);
        await realtime.Server(serverId).ChannelDeleted(new ChannelRef(Ids.Format(channel.Id)));
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<PermissionOverwriteResponse>, ValidationProblem, NotFound, ProblemHttpResult>> SetOverwrite(
        long id, long targetId, PermissionOverwriteRequest request, HttpContext context, ParleyDbContext db, ChannelAccess access,
        ServerSupport support, RealtimePublisher realtime, CancellationToken cancellationToken)
    {
        var me = context.User.UserId();
        var channel = await db.Channels.FirstOrDefaultAsync(c => c.Id == id && c.ServerId != null, cancellationToken);
        var permissions = channel is null ? null : await ChannelPermissionsAsync(db, access, channel, me, cancellationToken);
        if (channel is null || permissions is null)
        {
            return TypedResults.NotFound();
        }

        var serverId = channel.ServerId!.Value;
        var errors = new FieldErrors();
        var isRole = request.Type == "role";
        if (request.Type is not ("role" or "member"))
        {
            errors.Add("type", "The type is role or member.");
        }

        if (!ServerSupport.TryParsePermissions(request.Allow ?? "0", out var allow))
        {
            errors.Add("allow", "The allow field is a decimal permission mask.");
        }

        if (!ServerSupport.TryParsePermissions(request.Deny ?? "0", out var deny))
        {
            errors.Add("deny", "The deny field is a decimal permission mask.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var member = (await access.MemberAsync(serverId, me, cancellationToken))!;
        if (!permissions.Value.Has(Permission.ManageRoles))
        {
            return TypedResults.Problem(title: "You need the Manage Roles permission.", statusCode: StatusCodes.Status403Forbidden);
        }

        if (isRole)
        {
            var role = await db.Roles.FirstOrDefaultAsync(r => r.Id == targetId && r.ServerId == serverId, cancellationToken);
            if (role is null)
            {
                return TypedResults.NotFound();
            }

            if (role.Id != serverId && !Permissions.MayManageRole(member.IsOwner, member.HighestPosition, role.Position))
            {
                return TypedResults.Problem(title: "You can only change roles below your highest role.", statusCode: StatusCodes.Status403Forbidden);
            }
        }
        else if (!await db.ServerMembers.AnyAsync(m => m.ServerId == serverId && m.UserId == targetId, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        if (!member.Has(Permission.Administrator) && ((allow | deny) & ~member.Permissions) != 0)
        {
            return TypedResults.Problem(title: "You cannot grant or deny permissions you do not have.", statusCode: StatusCodes.Status403Forbidden);
        }

        var overwrite = await db.PermissionOverwrites.FirstOrDefaultAsync(o => o.ChannelId == id && o.TargetId == targetId, cancellationToken);
        if (overwrite is null)
        {
            overwrite = new PermissionOverwrite { ChannelId = id, TargetId = targetId };
            db.PermissionOverwrites.Add(overwrite);
        }

        overwrite.IsRole = isRole;
        overwrite.Allow = allow & ~deny;
        overwrite.Deny = deny;
        support.Audit(serverId, me, "channel.overwrite", id, details: $"{request.Type} {targetId}: allow {(long)overwrite.Allow}, deny {(long)deny}");
        await db.SaveChangesAsync(cancellationToken);
        await support.ResyncAsync(serverId, cancellationToken);
        // Members who lost or gained the channel read their channel list again.
        await realtime.Server(serverId).ServerUpdated(new ServerRef(Ids.Format(serverId)));
        return TypedResults.Ok(new PermissionOverwriteResponse(Ids.Format(targetId), request.Type!, ServerSupport.Format(overwrite.Allow), ServerSupport.Format(deny)));
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteOverwrite(
        long id, long targetId, HttpContext context, ParleyDbContext db, ChannelAccess access, ServerSupport support, RealtimePublisher realtime,
        CancellationToken cancellationToken)
    {
        var me = context.User.UserId();
        var channel = await db.Channels.FirstOrDefaultAsync(c => c.Id == id && c.ServerId != null, cancellationToken);
        var permissions = channel is null ? null : await ChannelPermissionsAsync(db, access, channel, me, cancellationToken);
        if (channel is null || permissions is null)
        {
            return TypedResults.NotFound();
        }

        if (!permissions.Value.Has(Permission.ManageRoles))
        {
            return TypedResults.Problem(title: "You need the Manage Roles permission.", statusCode: StatusCodes.Status403Forbidden);
        }

        var removed = await db.PermissionOverwrites.Where(o => o.ChannelId == id && o.TargetId == targetId).ExecuteDeleteAsync(cancellationToken);
        if (removed == 0)
        {
            return TypedResults.NotFound();
        }

        support.Audit(channel.ServerId!.Value, me, "channel.overwrite.delete", id, details: targetId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(cancellationToken);
        await support.ResyncAsync(channel.ServerId!.Value, cancellationToken);
        await realtime.Server(channel.ServerId!.Value).ServerUpdated(new ServerRef(Ids.Format(channel.ServerId!.Value)));
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<List<PermissionOverwriteResponse>>, NotFound, ProblemHttpResult>> ListOverwrites(
        long id, HttpContext context, ParleyDbContext db, ChannelAccess access, CancellationToken cancellationToken)
    {
        var me = context.User.UserId();
        var channel = await db.Channels.FirstOrDefaultAsync(c => c.Id == id && c.ServerId != null, cancellationToken);
        var permissions = channel is null ? null : await ChannelPermissionsAsync(db, access, channel, me, cancellationToken);
        if (channel is null || permissions is null)
        {
            return TypedResults.NotFound();
        }

        var overwrites = await db.PermissionOverwrites.Where(o => o.ChannelId == id).ToListAsync(cancellationToken);
        return TypedResults.Ok(overwrites.Select(o => new PermissionOverwriteResponse(
            Ids.Format(o.TargetId), o.IsRole ? "role" : "member", ServerSupport.Format(o.Allow), ServerSupport.Format(o.Deny))).ToList());
    }

    /// <summary>The member's permissions in this server channel or category; null when they cannot see it.</summary>
    private static async Task<Permission?> ChannelPermissionsAsync(ParleyDbContext db, ChannelAccess access, Channel channel, long userId, CancellationToken cancellationToken)
    {
        var serverId = channel.ServerId!.Value;
        var member = await access.MemberAsync(serverId, userId, cancellationToken);
        if (member is null)
        {
            return null;
        }

        var overwrites = await db.PermissionOverwrites.Where(o => o.ChannelId == channel.Id)
            .Select(o => new Permissions.Overwrite(o.TargetId, o.IsRole, o.Allow, o.Deny)).ToListAsync(cancellationToken);
        var permissions = Permissions.ForChannel(member.Permissions, serverId, userId, member.RoleIds, overwrites);
        return permissions.Has(Permission.ViewChannel) ? permissions : null;
    }
}
