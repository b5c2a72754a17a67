using Parley.Contracts.Servers;

namespace Parley.Data.Servers;

public sealed class Server
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public long OwnerId { get; set; }
    public string? IconKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class ServerMember
{
    public long ServerId { get; set; }
    public long UserId { get; set; }
    public string? Nickname { get; set; }
    public DateTimeOffset JoinedAt { get; set; }
}

/// <summary>A role; the @everyone role has the server's id and every member has it implicitly.</summary>
public sealed class Role
{
    public long Id { get; set; }
    public long ServerId { get; set; }
    public required string Name { get; set; }
    public int Color { get; set; }
    public int Position { get; set; }
    public bool Hoist { get; set; }
    public bool Mentionable { get; set; }
    public Permission Permissions { get; set; }
}

public sealed class MemberRole
{
    public long ServerId { get; set; }
    public long UserId { get; set; }
    public long RoleId { get; set; }
}

/// <summary>Per-channel allow and deny bits for a role or a member.</summary>
public sealed class PermissionOverwrite
{
    public long ChannelId { get; set; }
    public long TargetId { get; set; }
    public bool IsRole { get; set; }
    public Permission Allow { get; set; }
    public Permission Deny { get; set; }
}

public sealed class Invite
{
    public required string Code { get; set; }
    public long ServerId { get; set; }
    public long ChannelId { get; set; }
    public long InviterId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public int? MaxUses { get; set; }
    public int Uses { get; set; }
}

public sealed class Ban
{
    public long ServerId { get; set; }
    public long UserId { get; set; }
    public long BannedById { get; set; }
    public string? Reason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Who did what, when and why, for moderation and settings changes.</summary>
public sealed class AuditLogEntry
{
    public long Id { get; set; }
    public long ServerId { get; set; }
    public long ActorId { get; set; }
    public required string Action { get; set; }
    public long? TargetId { get; set; }
    public string? Reason { get; set; }
    public string? Details { get; set; }
}

/// <summary>A server's own emoji, written <c>:name:</c> and stored as <c>&lt;:name:id&gt;</c> in messages and reactions.</summary>
public sealed class CustomEmoji
{
    public long Id { get; set; }
    public long ServerId { get; set; }
    public required string Name { get; set; }
    public required string StorageKey { get; set; }
    public required string ContentType { get; set; }
    public bool Animated { get; set; }
    public long CreatedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A server's sticker; members send it as a message of its own.</summary>
public sealed class Sticker
{
    public long Id { get; set; }
    public long ServerId { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public required string StorageKey { get; set; }
    public required string ContentType { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public long CreatedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
