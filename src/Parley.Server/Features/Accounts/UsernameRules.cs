using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Parley.Data;

namespace Parley.Server.Features.Accounts;

/// <summary>What a username may look like, and free alternatives when the one asked for is taken.</summary>
public static partial class UsernameRules
{
    public const int MinLength = 3;
    public const int MaxLength = 32;
    public const string FormatMessage = "A username is 3 to 32 letters, digits, '_', '.' or '-'.";

    public static bool IsValid(string? username) => username is not null && Format().IsMatch(username);

    public static string Normalize(string username) => username.ToUpperInvariant();

    /// <summary>Candidate names built from <paramref name="wanted"/>; all are valid usernames, none equal to it.</summary>
    public static IEnumerable<string> Candidates(string wanted, Random random)
    {
        var stem = Disallowed().Replace(wanted, "");
        if (stem.Length < MinLength)
        {
            stem = (stem + "user").ToLowerInvariant();
        }

        stem = stem[..Math.Min(stem.Length, MaxLength - 5)].ToLowerInvariant();
        yield return $"{stem}{random.Next(10, 100)}";
        yield return $"{stem}_{random.Next(100, 1000)}";
        yield return $"{stem}.{random.Next(10, 100)}";
        yield return $"the.{stem}";
        yield return $"{stem}_{random.Next(1000, 10000)}";
        yield return $"{stem}-{random.Next(10, 100)}";
        yield return $"real_{stem}";
        for (var i = 0; i < 5; i++)
        {
            yield return $"{stem}{random.Next(1000, 100000)}";
        }
    }

    /// <summary>Up to <paramref name="count"/> free usernames, checked against the database in one query.</summary>
    public static async Task<IReadOnlyList<string>> SuggestAsync(ParleyDbContext db, string wanted, int count, CancellationToken cancellationToken)
    {
        var candidates = Candidates(wanted, Random.Shared)
            .Where(c => IsValid(c) && !string.Equals(c, wanted, StringComparison.OrdinalIgnoreCase))
            .DistinctBy(Normalize)
            .ToList();
        var normalized = candidates.Select(Normalize).ToList();
        var taken = await db.Users
            .Where(u => normalized.Contains(u.NormalizedUserName!))
            .Select(u => u.NormalizedUserName!)
            .ToListAsync(cancellationToken);
        var takenSet = taken.ToHashSet(StringComparer.Ordinal);
        return candidates.Where(c => !takenSet.Contains(Normalize(c))).Take(count).ToList();
    }

    [GeneratedRegex(@"^[\p{L}\p{Nd}_.\-]{3,32}$")]
    private static partial Regex Format();

    [GeneratedRegex(@"[^\p{L}\p{Nd}_.\-]")]
    private static partial Regex Disallowed();
}
