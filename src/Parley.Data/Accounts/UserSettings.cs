using Parley.Contracts.Users;

namespace Parley.Data.Accounts;

/// <summary>Per-user preferences, stored on the server so every device shows the same.</summary>
public sealed class UserSettings
{
    public long UserId { get; set; }
    public Theme Theme { get; set; } = Theme.Auto;
    public Language Language { get; set; } = Language.En;
    public bool NotificationsEnabled { get; set; } = true;
    public bool NotificationSound { get; set; } = true;
    public bool NotificationPreview { get; set; } = true;
    public Audience LastSeenVisibility { get; set; } = Audience.Everyone;
    public Audience OnlineStatusVisibility { get; set; } = Audience.Everyone;
    public DirectMessagePolicy DirectMessages { get; set; } = DirectMessagePolicy.Everyone;
    public bool ReadReceipts { get; set; } = true;
}

