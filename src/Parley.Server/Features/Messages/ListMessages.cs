using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Parley.Contracts.Messages;
using Parley.Data;
using Parley.Data.Messages;
using Parley.Server.Features.Accounts;
using Parley.Server.Features.Conversations;
using Parley.Server.Infrastructure;

namespace Parley.Server.Features.Messages;

/// <summary>History by cursor: before (newest first), after (oldest first), around (oldest first), or the latest.</summary>
public static class ListMessages
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;

    public static async Task<Results<Ok<List<MessageResponse>>, ValidationProblem, NotFound>> Handle(
        long channelId,
        string? before,
        string? after,
        string? around,
        int? limit,
        HttpContext context,
        ParleyDbContext db,
        ChannelAccess access,
        MessageMapper mapper,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var take = limit ?? DefaultLimit;
        if (take is < 1 or > MaxLimit)
        {
            errors.Add("limit", $"The limit must be between 1 and {MaxLimit}.");
        }

        var cursors = new[] { ("before", before), ("after", after), ("around", around) }.Where(c => c.Item2 is not null).ToList();
        if (cursors.Count > 1)
        {
            errors.Add(cursors[1].Item1, "Use only one of before, after and around.");
        }

        long cursor = 0;
        if (cursors.Count == 1 && !Ids.TryParse(cursors[0].Item2, out cursor))
        {
            errors.Add(cursors[0].Item1, $"The {cursors[0].Item1} field must be a message id.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        // One connection for the page's statements (the grant, the page, the mapper's look-ups): opening and closing
        // the pooled connection around each of them costs about as much as a small query on SQLite.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var me = context.User.UserId();
            var grant = await access.GetAsync(channelId, me, cancellationToken);
            if (grant is null)
            {
                return TypedResults.NotFound();
            }

            if (!grant.Has(Contracts.Servers.Permission.ReadMessageHistory))
            {
                return TypedResults.Ok(new List<MessageResponse>());
            }

            List<Message> page;
            if (after is not null)
            {
                page = await Newer.For(db)(db, channelId, cursor, take).ToListAsync(cancellationToken);
            }
            else if (around is not null)
            {
                var older = await Older.For(db)(db, channelId, cursor, take / 2).ToListAsync(cancellationToken);
                // From the cursor on: ids are integers, so "after cursor - 1" includes the cursor's own message.
                var newer = await Newer.For(db)(db, channelId, cursor - 1, take - older.Count).ToListAsync(cancellationToken);
                page = [.. older.AsEnumerable().Reverse(), .. newer];
            }
            else
            {
                page = await (before is not null ? Older.For(db)(db, channelId, cursor, take) : Latest.For(db)(db, channelId, take)).ToListAsync(cancellationToken);
            }

            return TypedResults.Ok(await mapper.MapAsync(me, page, cancellationToken));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    // Compiled once: every page runs one of these, and a LINQ query otherwise rebuilds its expression tree per call.
    //
    // The newest page is bounded by the channel's LastMessageId (every write that adds or deletes a message moves it in
    // the same transaction). Without the bound, PostgreSQL may read a channel that holds much of the table by walking
    // the primary key down from the newest message of any channel, filtering out every newer message of the others: a
    // big channel that has been quiet while others were busy took milliseconds per page. With it, that walk starts at
    // the channel's own last message.
    private static readonly PerModelQuery<Func<ParleyDbContext, long, int, IAsyncEnumerable<Message>>> Latest = new(() =>
        EF.CompileAsyncQuery((ParleyDbContext db, long channelId, int take) => db.Messages.AsNoTracking()
            .Where(m => m.ChannelId == channelId
                && m.Id <= (db.Channels.Where(c => c.Id == channelId).Select(c => c.LastMessageId).FirstOrDefault() ?? long.MaxValue))
            .OrderByDescending(m => m.Id)
            .Take(take)));

    /// <summary>The newest messages before the cursor, newest first.</summary>
    private static readonly PerModelQuery<Func<ParleyDbContext, long, long, int, IAsyncEnumerable<Message>>> Older = new(() =>
        EF.CompileAsyncQuery((ParleyDbContext db, long channelId, long cursor, int take) => db.Messages.AsNoTracking()
            .Where(m => m.ChannelId == channelId && m.Id < cursor)
            .OrderByDescending(m => m.Id)
            .Take(take)));

    /// <summary>The oldest messages after the cursor, oldest first.</summary>
    private static readonly PerModelQuery<Func<ParleyDbContext, long, long, int, IAsyncEnumerable<Message>>> Newer = new(() =>
        EF.CompileAsyncQuery((ParleyDbContext db, long channelId, long cursor, int take) => db.Messages.AsNoTracking()
            .Where(m => m.ChannelId == channelId && m.Id > cursor)
            .OrderBy(m => m.Id)
            .Take(take)));
}
