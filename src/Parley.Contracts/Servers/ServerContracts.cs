using Parley.Contracts.Channels;
using Parley.Contracts.Users;

namespace Parley.Contracts.Servers;

public sealed record ServerResponse(
    string Id,
    string Name,
    string OwnerId,
    string? IconUrl,
    int MemberCount,
    string MyPermissions,
    DateTimeOffset CreatedAt);

public sealed record CreateServerRequest(string? Name);

/// <summary>Rename, or hand the server to another member (owner only) with <see cref="OwnerId"/>.</summary>
public sealed record UpdateServerRequest(string? Name, string? OwnerId);

/// <summary>A server channel or category as the viewer sees it, with their read state.</summary>
public sealed record ServerChannelResponse(
    string Id,
    ChannelType Type,
    string Name,
    string? Topic,
    string? ParentId,
    int Position,
    string? LastMessageId,
    int UnreadCount,
    int MentionCount,
    string MyPermissions,
    string LastReadId = "0");

public sealed record CreateServerChannelRequest(string? Name, ChannelType? Type, string? ParentId, string? Topic);

/// <summary>Any subset; <see cref="ParentId"/> "" moves the channel out of its category.</summary>
public sealed record UpdateServerChannelRequest(string? Name, string? Topic, string? ParentId, int? Position);

/// <summary>Allow and deny are decimal strings of the permission bit mask.</summary>
public sealed record PermissionOverwriteRequest(string? Type, string? Allow, string? Deny);

public sealed record PermissionOverwriteResponse(string TargetId, string Type, string Allow, string Deny);

public sealed record RoleResponse(string Id, string Name, int Color, int Position, bool Hoist, bool Mentionable, string Permissions);

public sealed record CreateRoleRequest(string? Name, int? Color, string? Permissions, bool? Hoist, bool? Mentionable);

public sealed record UpdateRoleRequest(string? Name, int? Color, string? Permissions, int? Position, bool? Hoist, bool? Mentionable);

public sealed record MemberResponse(PublicUser User, string? Nickname, IReadOnlyList<string> RoleIds, DateTimeOffset JoinedAt);

/// <summary>Nickname ("" clears it) and/or the complete list of role ids.</summary>
public sealed record UpdateMemberRequest(string? Nickname, IReadOnlyList<string>? RoleIds);

public sealed record BanRequest(string? Reason);

public sealed record BanResponse(UserSummary User, string? Reason, DateTimeOffset CreatedAt);

public sealed record CreateInviteRequest(int? MaxAgeSeconds, int? MaxUses);

public sealed record InviteResponse(
    string Code,
    string ServerId,
    string ServerName,
    string? ServerIconUrl,
    int MemberCount,
    string ChannelId,
    DateTimeOffset? ExpiresAt,
    int? MaxUses,
    int Uses);

/// <param name="TargetName">The target's current name (a member's display name, a channel's or a role's name); null when it is gone or has none.</param>
public sealed record AuditLogEntryResponse(string Id, UserSummary Actor, string Action, string? TargetId, string? Reason, string? Details, DateTimeOffset At, string? TargetName = null);

/// <summary>Written <c>:name:</c> in the composer and stored as <c>&lt;:name:id&gt;</c>; <see cref="Url"/> serves the image.</summary>
public sealed record CustomEmojiResponse(string Id, string ServerId, string Name, bool Animated, string Url);

public sealed record RenameAssetRequest(string? Name);
