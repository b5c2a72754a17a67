using Parley.Contracts.Users;

namespace Parley.Server.Features.Users;

/// <summary>Who may see what of whom, and who may start a direct chat: the pure rules, unit-tested on their own.</summary>
public static class PrivacyRules
{
    /// <summary>The relationship between the person looking and the person looked at.</summary>
    public readonly record struct Relation(bool IsSelf, bool AreFriends, bool BlockedByViewer, bool BlockedViewer)
    {
        public bool BlockedEitherWay => BlockedByViewer || BlockedViewer;
    }

    public static bool Allows(Audience audience, Relation relation) =>
        relation.IsSelf || (!relation.BlockedEitherWay && audience switch
        {
            Audience.Everyone => true,
            Audience.Friends => relation.AreFriends,
            _ => false,
        });

    public static VisiblePresence VisiblePresence(Presence chosen, bool connected, Audience onlineAudience, Relation relation)
    {
        if (!connected || (chosen == Presence.Invisible && !relation.IsSelf) || !Allows(onlineAudience, relation))
        {
            return Contracts.Users.VisiblePresence.Offline;
        }

        return chosen switch
        {
            Presence.Idle => Contracts.Users.VisiblePresence.Idle,
            Presence.Dnd => Contracts.Users.VisiblePresence.Dnd,
            _ => Contracts.Users.VisiblePresence.Online,
        };
    }

    public static DateTimeOffset? VisibleLastSeen(DateTimeOffset? lastSeen, Audience lastSeenAudience, Relation relation) =>
        Allows(lastSeenAudience, relation) ? lastSeen : null;

    public static bool MayStartDirectChat(DirectMessagePolicy recipientPolicy, Relation relation) =>
        relation.IsSelf || (!relation.BlockedEitherWay && (recipientPolicy == DirectMessagePolicy.Everyone || relation.AreFriends));

    /// <summary>Read receipts are mutual: you share yours, you see others' (unless they hide theirs).</summary>
    public static bool SharesReadReceipts(bool readerSetting) => readerSetting;
}
