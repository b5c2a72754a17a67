using Parley.Contracts.Users;
using Parley.Server.Features.Users;
using Relation = Parley.Server.Features.Users.PrivacyRules.Relation;

namespace Parley.Server.Tests.Features.Users;

public sealed class PrivacyRulesTests
{
    /// <summary>Who is looking, as seen from the person looked at.</summary>
    public enum Viewer
    {
        Self,
        Stranger,
        Friend,
        BlockedByViewer,
        BlockedViewer,
        BlockedFriend,
    }

    private static readonly DateTimeOffset Seen = new(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);

    [Theory]
    [InlineData(Audience.Everyone, Viewer.Self, true)]
    [InlineData(Audience.Everyone, Viewer.Stranger, true)]
    [InlineData(Audience.Everyone, Viewer.Friend, true)]
    [InlineData(Audience.Everyone, Viewer.BlockedByViewer, false)]
    [InlineData(Audience.Everyone, Viewer.BlockedViewer, false)]
    [InlineData(Audience.Friends, Viewer.Self, true)]
    [InlineData(Audience.Friends, Viewer.Stranger, false)]
    [InlineData(Audience.Friends, Viewer.Friend, true)]
    [InlineData(Audience.Friends, Viewer.BlockedFriend, false)]
    [InlineData(Audience.Nobody, Viewer.Self, true)]
    [InlineData(Audience.Nobody, Viewer.Stranger, false)]
    [InlineData(Audience.Nobody, Viewer.Friend, false)]
    public void An_audience_allows_the_owner_always_and_anyone_blocked_never(Audience audience, Viewer viewer, bool allowed)
    {
        Assert.Equal(allowed, PrivacyRules.Allows(audience, Of(viewer)));
    }

    [Theory]
    [InlineData(Viewer.Self, false)]
    [InlineData(Viewer.Stranger, false)]
    [InlineData(Viewer.Friend, false)]
    [InlineData(Viewer.BlockedByViewer, true)]
    [InlineData(Viewer.BlockedViewer, true)]
    [InlineData(Viewer.BlockedFriend, true)]
    public void A_block_in_either_direction_counts(Viewer viewer, bool blocked)
    {
        Assert.Equal(blocked, Of(viewer).BlockedEitherWay);
    }

    [Theory]
    [InlineData(Presence.Online, true, Audience.Everyone, Viewer.Stranger, VisiblePresence.Online)]
    [InlineData(Presence.Idle, true, Audience.Everyone, Viewer.Stranger, VisiblePresence.Idle)]
    [InlineData(Presence.Dnd, true, Audience.Everyone, Viewer.Stranger, VisiblePresence.Dnd)]
    [InlineData(Presence.Invisible, true, Audience.Everyone, Viewer.Stranger, VisiblePresence.Offline)]
    [InlineData(Presence.Invisible, true, Audience.Everyone, Viewer.Friend, VisiblePresence.Offline)]
    [InlineData(Presence.Invisible, true, Audience.Nobody, Viewer.Self, VisiblePresence.Online)]
    [InlineData(Presence.Online, false, Audience.Everyone, Viewer.Friend, VisiblePresence.Offline)]
    [InlineData(Presence.Dnd, false, Audience.Everyone, Viewer.Self, VisiblePresence.Offline)]
    [InlineData(Presence.Online, true, Audience.Friends, Viewer.Stranger, VisiblePresence.Offline)]
    [InlineData(Presence.Idle, true, Audience.Friends, Viewer.Friend, VisiblePresence.Idle)]
    [InlineData(Presence.Online, true, Audience.Nobody, Viewer.Friend, VisiblePresence.Offline)]
    [InlineData(Presence.Dnd, true, Audience.Nobody, Viewer.Self, VisiblePresence.Dnd)]
    [InlineData(Presence.Online, true, Audience.Everyone, Viewer.BlockedByViewer, VisiblePresence.Offline)]
    [InlineData(Presence.Online, true, Audience.Everyone, Viewer.BlockedViewer, VisiblePresence.Offline)]
    [InlineData(Presence.Online, true, Audience.Friends, Viewer.BlockedFriend, VisiblePresence.Offline)]
    public void Presence_shows_only_when_connected_visible_and_allowed(Presence chosen, bool connected, Audience audience, Viewer viewer, VisiblePresence expected)
    {
        Assert.Equal(expected, PrivacyRules.VisiblePresence(chosen, connected, audience, Of(viewer)));
    }

    [Theory]
    [InlineData(Audience.Everyone, Viewer.Stranger, true)]
    [InlineData(Audience.Everyone, Viewer.BlockedViewer, false)]
    [InlineData(Audience.Everyone, Viewer.BlockedByViewer, false)]
    [InlineData(Audience.Friends, Viewer.Friend, true)]
    [InlineData(Audience.Friends, Viewer.Stranger, false)]
    [InlineData(Audience.Friends, Viewer.BlockedFriend, false)]
    [InlineData(Audience.Nobody, Viewer.Friend, false)]
    [InlineData(Audience.Nobody, Viewer.Self, true)]
    public void Last_seen_shows_to_the_audience_and_is_null_for_the_rest(Audience audience, Viewer viewer, bool shown)
    {
        Assert.Equal(shown ? Seen : null, PrivacyRules.VisibleLastSeen(Seen, audience, Of(viewer)));
    }

    [Theory]
    [InlineData(Audience.Everyone, Viewer.Stranger)]
    [InlineData(Audience.Nobody, Viewer.Self)]
    public void Never_seen_stays_null(Audience audience, Viewer viewer)
    {
        Assert.Null(PrivacyRules.VisibleLastSeen(null, audience, Of(viewer)));
    }

    [Theory]
    [InlineData(DirectMessagePolicy.Everyone, Viewer.Stranger, true)]
    [InlineData(DirectMessagePolicy.Everyone, Viewer.Friend, true)]
    [InlineData(DirectMessagePolicy.Everyone, Viewer.BlockedByViewer, false)]
    [InlineData(DirectMessagePolicy.Everyone, Viewer.BlockedViewer, false)]
    [InlineData(DirectMessagePolicy.Friends, Viewer.Stranger, false)]
    [InlineData(DirectMessagePolicy.Friends, Viewer.Friend, true)]
    [InlineData(DirectMessagePolicy.Friends, Viewer.BlockedFriend, false)]
    [InlineData(DirectMessagePolicy.Friends, Viewer.Self, true)]
    public void A_direct_chat_needs_no_block_and_friendship_when_the_recipient_asks_for_it(DirectMessagePolicy policy, Viewer starter, bool allowed)
    {
        Assert.Equal(allowed, PrivacyRules.MayStartDirectChat(policy, Of(starter)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Read_receipts_are_shared_as_the_reader_chose(bool setting)
    {
        Assert.Equal(setting, PrivacyRules.SharesReadReceipts(setting));
    }

    private static Relation Of(Viewer viewer) => viewer switch
    {
        Viewer.Self => new Relation(IsSelf: true, AreFriends: false, BlockedByViewer: false, BlockedViewer: false),
        Viewer.Stranger => new Relation(IsSelf: false, AreFriends: false, BlockedByViewer: false, BlockedViewer: false),
        Viewer.Friend => new Relation(IsSelf: false, AreFriends: true, BlockedByViewer: false, BlockedViewer: false),
        Viewer.BlockedByViewer => new Relation(IsSelf: false, AreFriends: false, BlockedByViewer: true, BlockedViewer: false),
        Viewer.BlockedViewer => new Relation(IsSelf: false, AreFriends: false, BlockedByViewer: false, BlockedViewer: true),
        Viewer.BlockedFriend => new Relation(IsSelf: false, AreFriends: true, BlockedByViewer: false, BlockedViewer: true),
        _ => throw new ArgumentOutOfRangeException(nameof(viewer)),
    };
}
