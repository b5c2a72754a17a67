namespace Parley.Contracts.Users;

/// <summary>The signed-in user as they see themselves.</summary>
public sealed record MeResponse(
    string Id,
    string Username,
    string? Email,
    string? DisplayName,
    string? Bio,
    string? StatusText,
    Presence Presence,
    DateTimeOffset CreatedAt,
    string? AvatarUrl);

/// <summary>Fields left out (null) stay as they are; an empty string clears a text field.</summary>
public sealed record UpdateMeRequest(string? DisplayName, string? Bio, string? StatusText, Presence? Presence);

public sealed record NotificationSettings(bool Enabled, bool Sound, bool ShowPreview);

public sealed record PrivacySettings(
    Audience LastSeen,
    Audience OnlineStatus,
    DirectMessagePolicy DirectMessages,
    bool ReadReceipts);

public sealed record SettingsResponse(
    Theme Theme,
    Language Language,
    NotificationSettings Notifications,
    PrivacySettings Privacy);

public sealed record NotificationSettingsPatch(bool? Enabled, bool? Sound, bool? ShowPreview);

public sealed record PrivacySettingsPatch(
    Audience? LastSeen,
    Audience? OnlineStatus,
    DirectMessagePolicy? DirectMessages,
    bool? ReadReceipts);

/// <summary>Any subset of the settings; what is left out stays as it is.</summary>
public sealed record UpdateSettingsRequest(
    Theme? Theme,
    Language? Language,
    NotificationSettingsPatch? Notifications,
    PrivacySettingsPatch? Privacy);
