using System.Text.Json.Serialization;

namespace Parley.Contracts.Users;

[JsonConverter(typeof(JsonStringEnumConverter<Presence>))]
public enum Presence
{
    [JsonStringEnumMemberName("online")] Online,
    [JsonStringEnumMemberName("idle")] Idle,
    [JsonStringEnumMemberName("dnd")] Dnd,
    [JsonStringEnumMemberName("invisible")] Invisible,
}

[JsonConverter(typeof(JsonStringEnumConverter<Theme>))]
public enum Theme
{
    [JsonStringEnumMemberName("light")] Light,
    [JsonStringEnumMemberName("dark")] Dark,
    [JsonStringEnumMemberName("auto")] Auto,
}

[JsonConverter(typeof(JsonStringEnumConverter<Language>))]
public enum Language
{
    [JsonStringEnumMemberName("en")] En,
    [JsonStringEnumMemberName("ru")] Ru,
}

/// <summary>Who may see a piece of information about you.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Audience>))]
public enum Audience
{
    [JsonStringEnumMemberName("everyone")] Everyone,
    [JsonStringEnumMemberName("friends")] Friends,
    [JsonStringEnumMemberName("nobody")] Nobody,
}

/// <summary>Who may start a direct chat with you.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DirectMessagePolicy>))]
public enum DirectMessagePolicy
{
    [JsonStringEnumMemberName("everyone")] Everyone,
    [JsonStringEnumMemberName("friends")] Friends,
}
