namespace Parley.Contracts.Servers;

/// <summary>Discord-style permission bits. Sent as a decimal string of the 64-bit mask.</summary>
[Flags]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "A permission is the domain term (Discord, api.md).")]
public enum Permission : long
{
    None = 0,
    ViewChannel = 1L << 0,
    SendMessages = 1L << 1,
    ReadMessageHistory = 1L << 2,
    ManageMessages = 1L << 3,
    PinMessages = 1L << 4,
    AddReactions = 1L << 5,
    AttachFiles = 1L << 6,
    MentionEveryone = 1L << 7,
    CreateInvites = 1L << 8,
    ManageChannels = 1L << 9,
    ManageRoles = 1L << 10,
    ManageEmoji = 1L << 11,
    KickMembers = 1L << 12,
    BanMembers = 1L << 13,
    ManageServer = 1L << 14,
    ViewAuditLog = 1L << 15,
    Administrator = 1L << 16,
}
