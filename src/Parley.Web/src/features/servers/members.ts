import type { Schemas } from "../../api/wire";
import { compareIds, displayName, num } from "../chat/model";

export type Member = Schemas["MemberResponse"];
export type Role = Schemas["RoleResponse"];

export type MemberGroup =
  | { kind: "role"; role: Role; members: Member[] }
  | { kind: "online"; members: Member[] }
  | { kind: "offline"; members: Member[] };

export function memberName(m: Member): string {
  return m.nickname?.trim() || displayName(m.user);
}

/** Roles highest first (the order the server lists them in, kept if shuffled). */
export function sortRoles(roles: readonly Role[]): Role[] {
  return [...roles].sort((a, b) => num(b.position) - num(a.position) || compareIds(a.id, b.id));
}

/** A member's highest role of those given, or null. */
export function topRole(member: Member, rolesHighFirst: readonly Role[], filter: (r: Role) => boolean = () => true): Role | null {
  return rolesHighFirst.find((r) => filter(r) && member.roleIds.includes(r.id)) ?? null;
}

/** The colour a member's name is drawn in: their highest coloured role's (0 = none). */
export function memberColor(member: Member, rolesHighFirst: readonly Role[]): number {
  return num(topRole(member, rolesHighFirst, (r) => num(r.color) !== 0)?.color);
}

/**
 * The members panel, Discord's way: online members under their highest hoisted role (highest role first), the other
 * online members under "Online", everyone offline under "Offline". Empty groups are left out; names sort A-Z.
 */
export function groupMembers(members: readonly Member[], roles: readonly Role[]): MemberGroup[] {
  const high = sortRoles(roles);
  const hoisted = high.filter((r) => r.hoist);
  const byName = (a: Member, b: Member) => memberName(a).localeCompare(memberName(b), undefined, { sensitivity: "base" });
  const roleGroups = new Map<string, Member[]>();
  const online: Member[] = [];
  const offline: Member[] = [];
  for (const m of members) {
    if (m.user.presence === "offline") {
      offline.push(m);
      continue;
    }
    const role = topRole(m, hoisted);
    if (role) roleGroups.set(role.id, [...(roleGroups.get(role.id) ?? []), m]);
    else online.push(m);
  }
  const groups: MemberGroup[] = [];
  for (const role of hoisted) {
    const list = roleGroups.get(role.id);
    if (list) groups.push({ kind: "role", role, members: list.sort(byName) });
  }
  if (online.length > 0) groups.push({ kind: "online", members: online.sort(byName) });
  if (offline.length > 0) groups.push({ kind: "offline", members: offline.sort(byName) });
  return groups;
}

/** A role colour as CSS (#rrggbb), or undefined for "no colour". */
export function roleColor(color: number | string): string | undefined {
  const n = num(color);
  return n > 0 ? `#${n.toString(16).padStart(6, "0")}` : undefined;
}

export function parseColor(hex: string): number {
  const n = Number.parseInt(hex.replace("#", ""), 16);
  return Number.isFinite(n) ? n : 0;
}
