using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Parley.Contracts.Channels;
using Parley.Contracts.Messages;
using Parley.Contracts.Realtime;
using Parley.Contracts.Servers;
using Parley.Data;
using Parley.Data.Polls;
using Parley.Server.Features.Accounts;
using Parley.Server.Features.Conversations;
using Parley.Server.Infrastructure;
using Parley.Server.Realtime;

namespace Parley.Server.Features.Polls;

public static class PollsEndpoints
{
    public static IEndpointRouteBuilder MapPolls(this IEndpointRouteBuilder app)
    {
        var polls = app.MapGroup("/api/v1/channels/{channelId:long}/polls/{messageId:long}").WithTags("Polls");
        polls.MapPut("/votes", PollVotes.Vote).RequireRateLimiting(RateLimits.Send)
            .WithSummary("Vote, change your vote (the options replace your earlier ones), or take it back with an empty list.");
        polls.MapPost("/expire", PollVotes.Expire)
            .WithSummary("End a poll now (its author, or Manage Messages); it then shows its final results.");
        return app;
    }
}

public static class PollVotes
{
    public static async Task<Results<Ok<PollResponse>, ValidationProblem, NotFound, ProblemHttpResult>> Vote(
        long channelId,
        long messageId,
        PollVoteRequest request,
        HttpContext context,
        ParleyDbContext db,
        ChannelAccess access,
        TimeProvider time,
        RealtimePublisher realtime,
        CancellationToken cancellationToken)
    {
        var optionIds = new List<long>();
        var errors = new FieldErrors();
        foreach (var raw in request.OptionIds ?? [])
        {
            if (!Ids.TryParse(raw, out var optionId))
            {
                errors.Add("optionIds", $"'{raw}' is not an option id.");
            }
            else if (!optionIds.Contains(optionId))
            {
                optionIds.Add(optionId);
            }
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var me = context.User.UserId();
        var (grant, poll) = await FindAsync(db, access, channelId, messageId, me, cancellationToken);
        if (grant is null || poll is null)
        {
            return TypedResults.NotFound();
        }

        if (!grant.Has(Permission.ReadMessageHistory))
        {
            return TypedResults.Problem(title: "You cannot vote in this channel.", statusCode: StatusCodes.Status403Forbidden);
        }

        if (grant.Channel.Type == ChannelType.Direct && await access.WhyCannotSendAsync(grant, me, cancellationToken) is { } reason)
        {
            return TypedResults.Problem(title: reason, statusCode: StatusCodes.Status403Forbidden);
        }

        if (PollRules.IsClosed(poll, time.GetUtcNow()))
        {
            return TypedResults.Problem(title: "This poll has ended.", statusCode: StatusCodes.Status409Conflict);
        }

        if (optionIds.Count > 1 && !poll.AllowMultiple)
        {
            return new FieldErrors().Add("optionIds", "This poll takes one choice.").ToProblem();
        }

        var known = await db.PollOptions.Where(o => o.MessageId == messageId).Select(o => o.Id).ToListAsync(cancellationToken);
        if (optionIds.Any(id => !known.Contains(id)))
        {
            return new FieldErrors().Add("optionIds", "Some options are not in this poll.").ToProblem();
        }

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.PollVotes.Where(v => v.MessageId == messageId && v.UserId == me).ExecuteDeleteAsync(cancellationToken);
            db.PollVotes.AddRange(optionIds.Select(id => new PollVote { MessageId = messageId, OptionId = id, UserId = me }));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two votes of the same person at once; the other one won.
            return TypedResults.Problem(title: "Your vote changed at the same time elsewhere. Please try again.", statusCode: StatusCodes.Status409Conflict);
        }

        return TypedResults.Ok(await PublishAsync(db, realtime, poll, channelId, messageId, closed: false, optionIds, cancellationToken));
    }

    public static async Task<Results<Ok<PollResponse>, NotFound, ProblemHttpResult>> Expire(
        long channelId,
        long messageId,
        HttpContext context,
        ParleyDbContext db,
        ChannelAccess access,
        TimeProvider time,
        RealtimePublisher realtime,
        CancellationToken cancellationToken)
    {
        var me = context.User.UserId();
        var (grant, poll) = await FindAsync(db, access, channelId, messageId, me, cancellationToken);
        if (grant is null || poll is null)
        {
            return TypedResults.NotFound();
        }

        var authorId = await db.Messages.Where(m => m.Id == messageId).Select(m => m.AuthorId).FirstAsync(cancellationToken);
        if (authorId != me && !grant.Has(Permission.ManageMessages))
        {
            return TypedResults.Problem(title: "Only the poll's author or a moderator can end it.", statusCode: StatusCodes.Status403Forbidden);
        }

        var myVotes = await db.PollVotes.Where(v => v.MessageId == messageId && v.UserId == me).Select(v => v.OptionId).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        if (PollRules.IsClosed(poll, now))
        {
            var (options, voters) = await PollQueries.TallyAsync(db, messageId, cancellationToken);
            return TypedResults.Ok(Response(poll, options, voters, closed: true, myVotes));
        }

        var ended = await db.Polls.Where(p => p.MessageId == messageId && p.ClosedAt == null)
            .ExecuteUpdateAsync(p => p.SetProperty(x => x.ClosedAt, (DateTimeOffset?)now), cancellationToken);
        if (ended == 0)
        {
            var (options, voters) = await PollQueries.TallyAsync(db, messageId, cancellationToken);
            return TypedResults.Ok(Response(poll, options, voters, closed: true, myVotes)); // someone else ended it at the same moment
        }

        return TypedResults.Ok(await PublishAsync(db, realtime, poll, channelId, messageId, closed: true, myVotes, cancellationToken));
    }

    /// <summary>The poll in that channel, when the user may see the channel.</summary>
    private static async Task<(ChannelGrant? Grant, Poll? Poll)> FindAsync(
        ParleyDbContext db, ChannelAccess access, long channelId, long messageId, long me, CancellationToken cancellationToken)
    {
        var grant = await access.GetAsync(channelId, me, cancellationToken);
        if (grant is null)
        {
            return (null, null);
        }

        var poll = await db.Polls.AsNoTracking().FirstOrDefaultAsync(p => p.MessageId == messageId && p.ChannelId == channelId, cancellationToken);
        return (grant, poll);
    }

    /// <summary>Tells the channel the new tallies (one send to its group, no one's own votes) and answers with the caller's view.</summary>
    private static async Task<PollResponse> PublishAsync(
        ParleyDbContext db, RealtimePublisher realtime, Poll poll, long channelId, long messageId, bool closed, IReadOnlyList<long> myVotes, CancellationToken cancellationToken)
    {
        var (options, voters) = await PollQueries.TallyAsync(db, messageId, cancellationToken);
        await realtime.Channel(channelId).PollUpdated(new PollUpdatedEvent(Ids.Format(channelId), Ids.Format(messageId), options, voters, closed));
        return Response(poll, options, voters, closed, myVotes);
    }

    private static PollResponse Response(Poll poll, List<PollOptionResponse> options, int voters, bool closed, IReadOnlyList<long> myVotes) =>
        new(poll.Question, options, poll.AllowMultiple, poll.ExpiresAt, closed, voters, myVotes.Order().Select(Ids.Format).ToList());
}
