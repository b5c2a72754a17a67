/** Discord-style permission bits (Parley.Contracts.Servers.Permission). Masks travel as decimal strings of a 64-bit number. */
export const PERMISSIONS = [
  "ViewChannel",
  "SendMessages",
  "ReadMessageHistory",
  "ManageMessages",
  "PinMessages",
  "AddReactions",
  "AttachFiles",
  "MentionEveryone",
  "CreateInvites",
  "ManageChannels",
  "ManageRoles",
  "ManageEmoji",
  "KickMembers",
  "BanMembers",
  "ManageServer",
  "ViewAuditLog",
  "Administrator",
] as const;

export type PermissionName = (typeof PERMISSIONS)[number];

/** The permissions that mean something on a single channel (the channel permission editor lists only these). */
export const CHANNEL_PERMISSIONS: readonly PermissionName[] = [
  "ViewChannel",
  "SendMessages",
  "ReadMessageHistory",
  "ManageMessages",
  "PinMessages",
  "AddReactions",
  "AttachFiles",
  "MentionEveryone",
  "CreateInvites",
  "ManageChannels",
];

/** Every permission can be given through a role. */
export const ROLE_PERMISSIONS: readonly PermissionName[] = PERMISSIONS;

export function bit(name: PermissionName): bigint {
  return 1n << BigInt(PERMISSIONS.indexOf(name));
}

/** Parses a decimal mask; anything unreadable is no permissions at all. */
export function parseMask(mask: string | null | undefined): bigint {
  if (!mask || !/^\d+$/.test(mask.trim())) return 0n;
  return BigInt(mask.trim());
}

export function formatMask(mask: bigint): string {
  return mask.toString(10);
}

/** Whether a mask grants a permission; Administrator grants every permission. */
export function can(mask: string | bigint | null | undefined, name: PermissionName): boolean {
  const m = typeof mask === "bigint" ? mask : parseMask(mask);
  return (m & bit("Administrator")) !== 0n || (m & bit(name)) !== 0n;
}

/** Whether the bit itself is set (no Administrator shortcut): what a toggle shows. */
export function hasBit(mask: string | bigint, name: PermissionName): boolean {
  const m = typeof mask === "bigint" ? mask : parseMask(mask);
  return (m & bit(name)) !== 0n;
}

export function withBit(mask: string | bigint, name: PermissionName, on: boolean): string {
  const m = typeof mask === "bigint" ? mask : parseMask(mask);
  return formatMask(on ? m | bit(name) : m & ~bit(name));
}

export type OverwriteState = "allow" | "neutral" | "deny";

export function overwriteState(allow: string, deny: string, name: PermissionName): OverwriteState {
  if (hasBit(deny, name)) return "deny";
  if (hasBit(allow, name)) return "allow";
  return "neutral";
}

/** Sets one permission of an overwrite to allow, neutral or deny; the two masks never share a bit. */
export function setOverwrite(allow: string, deny: string, name: PermissionName, state: OverwriteState): { allow: string; deny: string } {
  return {
    allow: withBit(allow, name, state === "allow"),
    deny: withBit(deny, name, state === "deny"),
  };
}

/** Whether a member with these server permissions may open server settings at all. */
export function canOpenSettings(mask: string | null | undefined, isOwner: boolean): boolean {
  if (isOwner) return true;
  return (["ManageServer", "ManageRoles", "ManageChannels", "KickMembers", "BanMembers", "ViewAuditLog"] as const).some((p) => can(mask, p));
}
