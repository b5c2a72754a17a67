using System.Text.Json.Serialization;

namespace Parley.Contracts.Users;

/// <summary>What others see of a person's presence; invisible shows as offline.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<VisiblePresence>))]
public enum VisiblePresence
{
    [JsonStringEnumMemberName("online")] Online,
    [JsonStringEnumMemberName("idle")] Idle,
    [JsonStringEnumMemberName("dnd")] Dnd,
    [JsonStringEnumMemberName("offline")] Offline,
}

/// <summary>The few fields shown next to a message.</summary>
public sealed record UserSummary(string Id, string Username, string? DisplayName, string? AvatarUrl = null);

/// <summary>Another person as their privacy settings let the viewer see them.</summary>
public sealed record PublicUser(
    string Id,
    string Username,
    string? DisplayName,
    string? Bio,
    string? StatusText,
    VisiblePresence Presence,
    DateTimeOffset? LastSeenAt,
    bool IsFriend,
    bool IsBlocked,
    string? AvatarUrl);
