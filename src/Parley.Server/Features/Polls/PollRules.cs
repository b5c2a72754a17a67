using Parley.Contracts.Messages;
using Parley.Data;
using Parley.Data.Messages;
using Parley.Data.Polls;
using Parley.Server.Infrastructure;

namespace Parley.Server.Features.Polls;

/// <summary>What a poll may be, and how one is stored with its message.</summary>
public static class PollRules
{
    public const int MaxQuestionLength = 300;
    public const int MaxOptionLength = 100;
    public const int MinOptions = 2;
    public const int MaxOptions = 10;
    public const int MinDurationMinutes = 5;
    public const int MaxDurationMinutes = 525_600; // 365 days
    public const int DefaultDurationMinutes = 1440;

    /// <summary>A poll request that passed validation: trimmed text, distinct options.</summary>
    public sealed record ValidPoll(string Question, IReadOnlyList<string> Options, bool AllowMultiple, TimeSpan Duration);

    /// <summary>Adds an error per bad field (poll.question, poll.options, poll.durationMinutes); null when any.</summary>
    public static ValidPoll? Validate(PollRequest request, FieldErrors errors)
    {
        var valid = true;
        var question = request.Question?.Trim() ?? "";
        if (question.Length == 0)
        {
            errors.Add("poll.question", "The question is required.");
            valid = false;
        }
        else if (question.Length > MaxQuestionLength)
        {
            errors.Add("poll.question", $"The question must be at most {MaxQuestionLength} characters.");
            valid = false;
        }

        var options = (request.Options ?? []).Select(o => o?.Trim() ?? "").ToList();
        if (options.Count is < MinOptions or > MaxOptions)
        {
            errors.Add("poll.options", $"A poll has {MinOptions} to {MaxOptions} options.");
            valid = false;
        }
        else if (options.Any(o => o.Length == 0))
        {
            errors.Add("poll.options", "An option cannot be empty.");
            valid = false;
        }
        else if (options.Any(o => o.Length > MaxOptionLength))
        {
            errors.Add("poll.options", $"An option must be at most {MaxOptionLength} characters.");
            valid = false;
        }
        else if (options.Distinct(StringComparer.OrdinalIgnoreCase).Count() != options.Count)
        {
            errors.Add("poll.options", "The options must all be different.");
            valid = false;
        }

        var minutes = request.DurationMinutes ?? DefaultDurationMinutes;
        if (minutes is < MinDurationMinutes or > MaxDurationMinutes)
        {
            errors.Add("poll.durationMinutes", $"A poll runs from {MinDurationMinutes} minutes to {MaxDurationMinutes} minutes (a year).");
            valid = false;
        }

        return valid ? new ValidPoll(question, options, request.AllowMultiple, TimeSpan.FromMinutes(minutes)) : null;
    }

    /// <summary>
    /// Tracks the poll and its options for the message, to be saved with it, and sets the message's Poll bit (the message
    /// is new, not yet written); it expires counted from the message's time.
    /// </summary>
    public static void AddTo(ParleyDbContext db, IdGenerator ids, Message message, ValidPoll poll)
    {
        message.Extras |= MessageExtras.Poll;
        db.Polls.Add(new Poll
        {
            MessageId = message.Id,
            ChannelId = message.ChannelId,
            Question = poll.Question,
            AllowMultiple = poll.AllowMultiple,
            ExpiresAt = IdGenerator.TimestampOf(message.Id) + poll.Duration,
        });
        db.PollOptions.AddRange(poll.Options.Select((text, position) => new PollOption
        {
            Id = ids.NextId(),
            MessageId = message.Id,
            Position = position,
            Text = text,
        }));
    }

    /// <summary>Ended early by someone, or past its time.</summary>
    public static bool IsClosed(Poll poll, DateTimeOffset now) => poll.ClosedAt is not null || now >= poll.ExpiresAt;
}
