using Parley.Server.Features.Accounts;
using Parley.Server.Infrastructure;

namespace Parley.Server.Tests.Features.Accounts;

public sealed class UsernameRulesTests
{
    [Theory]
    [InlineData("abc", true)]
    [InlineData("anna.k-2_x", true)]
    [InlineData("Анна", true)]
    [InlineData("ab", false)]
    [InlineData("has space", false)]
    [InlineData("semi;colon", false)]
    [InlineData("emoji😀", false)]
    [InlineData("a234567890123456789012345678901b", true)]
    [InlineData("a2345678901234567890123456789012c", false)]
    public void Format_is_three_to_thirty_two_letters_digits_or_underscore_dot_dash(string username, bool valid) =>
        Assert.Equal(valid, UsernameRules.IsValid(username));

    [Theory]
    [InlineData("anna")]
    [InlineData("x")]
    [InlineData("a very long name with spaces that goes on and on")]
    [InlineData("!!!")]
    public void Every_candidate_is_a_valid_username_different_from_the_wanted_one(string wanted)
    {
        var candidates = UsernameRules.Candidates(wanted, new Random(42)).ToList();
        Assert.True(candidates.Count >= 3);
        Assert.All(candidates, c => Assert.True(UsernameRules.IsValid(c), c));
        Assert.DoesNotContain(wanted, candidates);
    }

    [Theory]
    [InlineData("$.privacy.lastSeen", "privacy.lastSeen")]
    [InlineData("$.username", "username")]
    [InlineData("$", "body")]
    [InlineData(null, "body")]
    public void A_json_error_path_becomes_the_field_name(string? path, string field) =>
        Assert.Equal(field, ProblemExceptionHandler.FieldFromJsonPath(path));
}
