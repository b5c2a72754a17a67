using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Parley.Contracts.Friends;
using Parley.Contracts.Realtime;
using Parley.Contracts.Users;
using Parley.Data;
using Parley.Data.Friends;
using Parley.Server.Features.Accounts;
using Parley.Server.Features.Users;
using Parley.Server.Infrastructure;
using Parley.Server.Realtime;

namespace Parley.Server.Features.Friends;

/// <summary>Friend requests (send, accept, decline, cancel), the friends list, and removing a friend.</summary>
public static class Friends
{
    public static async Task<Ok<List<FriendResponse>>> List(HttpContext context, ParleyDbContext db, PeopleView people, CancellationToken cancellationToken)
    {
        var me = context.User.UserId();
        var friendships = await db.Friendships.Where(f => f.UserId == me).ToListAsync(cancellationToken);
        var users = await people.LoadAsync(me, friendships.Select(f => f.FriendId), cancellationToken);
        return TypedResults.Ok(friendships
            .Where(f => users.ContainsKey(f.FriendId))
            .Select(f => new FriendResponse(users[f.FriendId], f.CreatedAt))
            .OrderBy(f => f.User.DisplayName ?? f.User.Username, StringComparer.CurrentCultureIgnoreCase)
            .ToList());
    }

    public static async Task<Results<Created<FriendRequestResponse>, Ok<FriendRequestResponse>, Ok<FriendResponse>, ValidationProblem, ProblemHttpResult>> SendRequest(
        SendFriendRequest request,
        HttpContext context,
        ParleyDbContext db,
        PeopleView people,
        IdGenerator ids,
        TimeProvider time,
        RealtimePublisher realtime,
        CancellationToken cancellationToken)
    {
        var username = request.Username?.Trim().TrimStart('@');
        var errors = new FieldErrors().Require("username", username);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var me = context.User.UserId();
        var normalized = UsernameRules.Normalize(username!);
        var target = await db.Users.Where(DeleteAccount.NotDeleted).Where(u => u.NormalizedUserName == normalized).Select(u => new { u.Id }).FirstOrDefaultAsync(cancellationToken);
        if (target is null)
        {
            return TypedResults.Problem(title: "No one has that username.", statusCode: StatusCodes.Status404NotFound);
        }

        if (target.Id == me)
        {
            return new FieldErrors().Add("username", "You cannot send a friend request to yourself.").ToProblem();
        }

        var relation = await people.RelationAsync(me, target.Id, cancellationToken);
        if (relation.BlockedEitherWay)
        {
            return TypedResults.Problem(title: "You cannot send this person a friend request.", statusCode: StatusCodes.Status403Forbidden);
        }

        if (relation.AreFriends)
        {
            return TypedResults.Problem(title: "You are already friends.", statusCode: StatusCodes.Status409Conflict);
        }

        var existing = await db.FriendRequests
            .Where(r => (r.FromUserId == me && r.ToUserId == target.Id) || (r.FromUserId == target.Id && r.ToUserId == me))
            .ToListAsync(cancellationToken);
        if (existing.FirstOrDefault(r => r.FromUserId == me) is { } mine)
        {
            return TypedResults.Ok(await ToResponseAsync(db, mine, cancellationToken));
        }

        if (existing.FirstOrDefault(r => r.ToUserId == me) is { } theirs)
        {
            // They asked first: asking back is accepting.
            return TypedResults.Ok(await AcceptAsync(db, people, time, realtime, theirs, cancellationToken));
        }

        var friendRequest = new FriendRequest { Id = ids.NextId(), FromUserId = me, ToUserId = target.Id, CreatedAt = time.GetUtcNow() };
        db.FriendRequests.Add(friendRequest);
        await db.SaveChangesAsync(cancellationToken);
        var response = await ToResponseAsync(db, friendRequest, cancellationToken);
        await realtime.User(target.Id).FriendRequestReceived(response);
        return TypedResults.Created($"/api/v1/friends/requests/{response.Id}", response);
    }

    public static async Task<Ok<FriendRequestsResponse>> ListRequests(HttpContext context, ParleyDbContext db, CancellationToken cancellationToken)
    {
        var me = context.User.UserId();
        var requests = await db.FriendRequests
            .Where(r => r.FromUserId == me || r.ToUserId == me)
            .OrderByDescending(r => r.Id)
            .ToListAsync(cancellationToken);
        var summaries = await UserSummaries.LoadAsync(db, requests.SelectMany(r => new[] { r.FromUserId, r.ToUserId }), cancellationToken);
        var responses = requests.Select(r => ToResponse(r, summaries)).ToList();
        return TypedResults.Ok(new FriendRequestsResponse(
            responses.Where(r => r.To.Id == Id(me)).ToList(),
            responses.Where(r => r.From.Id == Id(me)).ToList()));
    }

    public static async Task<Results<Ok<FriendResponse>, NotFound>> Accept(
        long id,
        HttpContext context,
        ParleyDbContext db,
        PeopleView people,
        TimeProvider time,
        RealtimePublisher realtime,
        CancellationToken cancellationToken)
    {
        var me = context.User.UserId();
        var request = await db.FriendRequests.FirstOrDefaultAsync(r => r.Id == id && r.ToUserId == me, cancellationToken);
        return request is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(await AcceptAsync(db, people, time, realtime, request, cancellationToken));
    }

    /// <summary>The recipient declines, or the sender cancels.</summary>
    public static async Task<Results<NoContent, NotFound>> DeleteRequest(
        long id,
        HttpContext context,
        ParleyDbContext db,
        RealtimePublisher realtime,
        CancellationToken cancellationToken)
    {
        var me = context.User.UserId();
        var request = await db.FriendRequests.FirstOrDefaultAsync(r => r.Id == id && (r.ToUserId == me || r.FromUserId == me), cancellationToken);
        if (request is null)
        {
            return TypedResults.NotFound();
        }

        db.FriendRequests.Remove(request);
        await db.SaveChangesAsync(cancellationToken);
        await realtime.Users([request.FromUserId, request.ToUserId]).FriendRequestRemoved(new FriendRequestRemovedEvent(Id(request.Id)));
        return TypedResults.NoContent();
    }

    public static async Task<Results<NoContent, NotFound>> Remove(
        long userId,
        HttpContext context,
        ParleyDbContext db,
        RealtimePublisher realtime,
        CancellationToken cancellationToken)
    {
        var me = context.User.UserId();
        var removed = await db.Friendships
            .Where(f => (f.UserId == me && f.FriendId == userId) || (f.UserId == userId && f.FriendId == me))
            .ExecuteDeleteAsync(cancellationToken);
        if (removed == 0)
        {
            return TypedResults.NotFound();
        }

        await realtime.User(me).FriendRemoved(new UserRef(Id(userId)));
        await realtime.User(userId).FriendRemoved(new UserRef(Id(me)));
        return TypedResults.NoContent();
    }

    private static async Task<FriendResponse> AcceptAsync(
        ParleyDbContext db,
        PeopleView people,
        TimeProvider time,
        RealtimePublisher realtime,
        FriendRequest request,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        db.FriendRequests.Remove(request);
        db.Friendships.Add(new Friendship { UserId = request.FromUserId, FriendId = request.ToUserId, CreatedAt = now });
        db.Friendships.Add(new Friendship { UserId = request.ToUserId, FriendId = request.FromUserId, CreatedAt = now });
        await db.SaveChangesAsync(cancellationToken);

        var asSeenByRecipient = (await people.LoadAsync(request.ToUserId, [request.FromUserId], cancellationToken))[request.FromUserId];
        var asSeenBySender = (await people.LoadAsync(request.FromUserId, [request.ToUserId], cancellationToken))[request.ToUserId];
        await realtime.User(request.FromUserId).FriendAdded(new FriendResponse(asSeenBySender, now));
        await realtime.User(request.ToUserId).FriendAdded(new FriendResponse(asSeenByRecipient, now));
        await realtime.Users([request.FromUserId, request.ToUserId]).FriendRequestRemoved(new FriendRequestRemovedEvent(Id(request.Id)));
        return new FriendResponse(asSeenByRecipient, now);
    }

    private static async Task<FriendRequestResponse> ToResponseAsync(ParleyDbContext db, FriendRequest request, CancellationToken cancellationToken) =>
        ToResponse(request, await UserSummaries.LoadAsync(db, [request.FromUserId, request.ToUserId], cancellationToken));

    private static FriendRequestResponse ToResponse(FriendRequest r, Dictionary<long, UserSummary> users) =>
        new(Id(r.Id), users[r.FromUserId], users[r.ToUserId], r.CreatedAt);

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
