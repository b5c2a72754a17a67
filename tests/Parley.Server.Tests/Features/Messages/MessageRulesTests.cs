using Parley.Server.Features.Messages;

namespace Parley.Server.Tests.Features.Messages;

public sealed class MessageRulesTests
{
    [Fact]
    public void Mentions_are_found_anywhere_and_a_trailing_dot_is_tried_both_ways()
    {
        // A username may end in a dot, so "@bob." names "bob." or, at the end of a sentence, "bob".
        Assert.Equal(["anna", "bob.", "bob"], MessageRules.MentionedUsernames("hi @anna and @bob."));
    }

    [Theory]
    [InlineData("@anna", new[] { "anna" })]
    [InlineData("(@anna), @bob_1! and @c-3po?", new[] { "anna", "bob_1", "c-3po" })]
    [InlineData("@anna.k is here", new[] { "anna.k" })]
    [InlineData("привет, @анна", new[] { "анна" })]
    [InlineData("line one\n@anna", new[] { "anna" })]
    public void Each_at_name_is_a_mention(string content, string[] expected)
    {
        Assert.Equal(expected, MessageRules.MentionedUsernames(content));
    }

    [Theory]
    [InlineData("")]
    [InlineData("no mentions here")]
    [InlineData("write to a@b.com or anna@example.com")]
    [InlineData("@ab is too short to be a username")]
    [InlineData("@ alone")]
    [InlineData("@@anna")]
    [InlineData("x_@anna and 5@anna and .@anna")]
    public void Emails_short_names_and_glued_at_signs_are_not_mentions(string content)
    {
        Assert.Empty(MessageRules.MentionedUsernames(content));
    }

    [Fact]
    public void A_person_mentioned_twice_in_any_case_is_listed_once_as_first_written()
    {
        Assert.Equal(["Anna", "bob"], MessageRules.MentionedUsernames("@Anna, @bob, @anna and @ANNA again, @bob"));
    }

    [Fact]
    public void A_name_longer_than_a_username_may_be_is_not_a_mention()
    {
        var tooLong = new string('a', 33);

        Assert.Equal(["anna"], MessageRules.MentionedUsernames($"@{tooLong} and @anna"));
    }

    [Theory]
    [InlineData("👍")]
    [InlineData("❤️")]
    [InlineData("❤")]
    [InlineData("👍🏽")]
    [InlineData("\U0001F468\u200D\U0001F469\u200D\U0001F467")]
    [InlineData("🇷🇺")]
    [InlineData("1️⃣")]
    [InlineData("#️⃣")]
    [InlineData("🏳️‍🌈")]
    [InlineData("\U0001F3F4\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F")]
    public void A_single_emoji_with_its_modifiers_joiners_flags_or_keycap_is_an_emoji(string value)
    {
        Assert.True(MessageRules.IsUnicodeEmoji(value));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("1")]
    [InlineData("#")]
    [InlineData("👍👍")]
    [InlineData("👍 ")]
    [InlineData(":smile:")]
    [InlineData("<b>")]
    [InlineData("é")]
    [InlineData("\u200D")]
    [InlineData("🇷🇺🇺🇸")]
    public void Text_several_emoji_and_markup_are_not_an_emoji(string? value)
    {
        Assert.False(MessageRules.IsUnicodeEmoji(value));
    }
}
