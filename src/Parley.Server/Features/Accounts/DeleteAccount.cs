using System.Linq.Expressions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parley.Contracts.Accounts;
using Parley.Contracts.Channels;
using Parley.Contracts.Realtime;
using Parley.Contracts.Users;
using Parley.Data;
using Parley.Data.Accounts;
using Parley.Server.Features.Conversations;
using Parley.Server.Features.Files;
using Parley.Server.Features.Servers;
using Parley.Server.Features.Users;
using Parley.Server.Infrastructure;
using Parley.Server.Infrastructure.Storage;
using Parley.Server.Realtime;

namespace Parley.Server.Features.Accounts;

/// <summary>
/// Deletes your account. It is anonymised rather than removed, so that the conversations it took part in keep their
/// history: the username is freed (the row takes a tombstone name), the display name becomes
/// <see cref="DeletedDisplayName"/>, and email, password, picture, bio and status are cleared. Before that it leaves
/// every group and server (the same way leaving does, with the same events), and loses its friends, friend requests
/// and blocks; afterwards its sessions and tokens are gone, its live connections closed, and it cannot sign in again.
/// Its messages stay, under the deleted name. Someone who owns a server must hand it over or delete it first.
/// </summary>
public static class DeleteAccount
{
    public const string DeletedDisplayName = "Deleted account";
    public const string TombstonePrefix = "deleted-";
    public const string WrongPasswordMessage = "The password is wrong.";
    public const string OwnsServersTitle = "Transfer or delete your servers first.";

    /// <summary>
    /// Accounts that were not deleted. A deleted account keeps its row, for the messages that name it, but it has no
    /// password: nobody finds it, befriends it, or starts a chat or adds it to a group any more.
    /// </summary>
    public static readonly Expression<Func<User, bool>> NotDeleted = u => u.PasswordHash != null;

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult, NotFound>> Handle(
        [FromBody] DeleteAccountRequest? request,
        HttpContext context,
        UserManager<User> users,
        ParleyDbContext db,
        ChannelAccess access,
        ServerSupport support,
        RealtimePublisher realtime,
        AuthorCache authors,
        IFileStore store,
        IdGenerator ids,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Require("password", request?.Password);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var me = context.User.UserId();
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == me, cancellationToken);
        if (user is null)
        {
            return TypedResults.NotFound();
        }

        if (!await users.CheckPasswordAsync(user, request!.Password!))
        {
            return new FieldErrors().Add("password", WrongPasswordMessage).ToProblem();
        }

        var owned = await db.Servers.Where(s => s.OwnerId == me).OrderBy(s => s.Id).Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken);
        if (owned.Count > 0)
        {
            return OwnsServers(owned.Select(s => new OwnedServer(Ids.Format(s.Id), s.Name)).ToList());
        }

        // Leaving first, while the account still has its name: the others see who left. Each step is what leaving
        // a group or a server does, events included; a failure part-way leaves an account that can try again.
        var groups = await db.ChannelRecipients.Where(r => r.UserId == me)
            .Join(db.Channels.Where(c => c.Type == ChannelType.Group), r => r.ChannelId, c => c.Id, (r, c) => c.Id)
            .ToListAsync(cancellationToken);
        foreach (var groupId in groups)
        {
            await Recipients.Remove(groupId, me, context, db, access, realtime, cancellationToken);
        }

        var servers = await db.ServerMembers.Where(m => m.UserId == me).Select(m => m.ServerId).ToListAsync(cancellationToken);
        foreach (var serverId in servers)
        {
            if ((await Members.Remove(serverId, me, null, context, db, access, support, realtime, cancellationToken)).Result is ProblemHttpResult refused)
            {
                // Made the owner of this server meanwhile.
                return refused;
            }
        }

        var friends = await db.Friendships.Where(f => f.UserId == me).Select(f => f.FriendId).ToListAsync(cancellationToken);
        var requests = await db.FriendRequests.Where(r => r.FromUserId == me || r.ToUserId == me)
            .Select(r => new { r.Id, Other = r.FromUserId == me ? r.ToUserId : r.FromUserId })
            .ToListAsync(cancellationToken);
        var avatar = user.AvatarKey;

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.Friendships.Where(f => f.UserId == me || f.FriendId == me).ExecuteDeleteAsync(cancellationToken);
            await db.FriendRequests.Where(r => r.FromUserId == me || r.ToUserId == me).ExecuteDeleteAsync(cancellationToken);
            await db.Blocks.Where(b => b.UserId == me || b.BlockedUserId == me).ExecuteDeleteAsync(cancellationToken);
            // Drafts, read positions and mutes of the chats it stays in (direct chats keep both members).
            await db.ChannelUserStates.Where(s => s.UserId == me).ExecuteDeleteAsync(cancellationToken);
            await db.UserSessions.Where(s => s.UserId == me).ExecuteDeleteAsync(cancellationToken);
            await db.PersonalAccessTokens.Where(t => t.UserId == me).ExecuteDeleteAsync(cancellationToken);
            await db.UserSettings.Where(s => s.UserId == me).ExecuteUpdateAsync(
                s => s
                    .SetProperty(x => x.LastSeenVisibility, Audience.Nobody)
                    .SetProperty(x => x.OnlineStatusVisibility, Audience.Nobody)
                    .SetProperty(x => x.ReadReceipts, false),
                cancellationToken);
            await AnonymiseAsync(db, user, ids, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        authors.Forget(me);
        await realtime.CloseUserAsync(me);
        foreach (var friend in friends)
        {
            await realtime.User(friend).FriendRemoved(new UserRef(Ids.Format(me)));
        }

        foreach (var friendRequest in requests)
        {
            await realtime.User(friendRequest.Other).FriendRequestRemoved(new FriendRequestRemovedEvent(Ids.Format(friendRequest.Id)));
        }

        await Avatars.DeleteAsync(store, avatar, cancellationToken);
        if (context.User.SessionId() is not null)
        {
            await context.SignOutAsync(AuthSetup.CookieScheme);
            context.User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity());
            AntiforgeryChecks.IssueTokens(context);
        }

        return TypedResults.NoContent();
    }

    /// <summary>A server the account owns, named in the 409 that refuses to delete it.</summary>
    public sealed record OwnedServer(string Id, string Name);

    private static ProblemHttpResult OwnsServers(IReadOnlyList<OwnedServer> servers) => TypedResults.Problem(
        title: OwnsServersTitle,
        detail: $"You own {string.Join(", ", servers.Select(s => s.Name))}. Hand each to another member or delete it, then try again.",
        statusCode: StatusCodes.Status409Conflict,
        extensions: new Dictionary<string, object?> { ["servers"] = servers });

    /// <summary>Frees the username and clears everything personal; the row stays for the messages that name it.</summary>
    private static async Task AnonymiseAsync(ParleyDbContext db, User user, IdGenerator ids, CancellationToken cancellationToken)
    {
        var tombstone = TombstonePrefix + Ids.Format(user.Id);
        var normalized = UsernameRules.Normalize(tombstone);
        if (await db.Users.AnyAsync(u => u.NormalizedUserName == normalized && u.Id != user.Id, cancellationToken))
        {
            // Someone registered that name themselves: any other free one will do.
            tombstone = $"{tombstone}-{Ids.Format(ids.NextId())}";
            normalized = UsernameRules.Normalize(tombstone);
        }

        user.UserName = tombstone;
        user.NormalizedUserName = normalized;
        user.DisplayName = DeletedDisplayName;
        user.Email = null;
        user.NormalizedEmail = null;
        user.EmailConfirmed = false;
        user.PhoneNumber = null;
        user.PhoneNumberConfirmed = false;
        user.PasswordHash = null;
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        user.AvatarKey = null;
        user.Bio = null;
        user.StatusText = null;
        user.Presence = Presence.Invisible;
        user.LastSeenAt = null;
    }
}
