import type { TFunction } from "i18next";
import type { Schemas } from "../../../api/wire";

export type AuditEntry = Schemas["AuditLogEntryResponse"];

const ACTIONS = [
  "server_create", "server_rename", "server_icon", "server_icon_remove", "server_transfer",
  "channel_create", "channel_update", "channel_delete", "channel_overwrite", "channel_overwrite_delete",
  "role_create", "role_update", "role_delete",
  "member_join", "member_roles", "member_kick", "member_ban", "member_unban",
  "invite_create", "invite_revoke",
  "emoji_create", "emoji_rename", "emoji_delete",
  "sticker_create", "sticker_rename", "sticker_delete",
] as const;
type Action = (typeof ACTIONS)[number];

/** Actions whose details hold the target's name, which outlives a deleted target. */
const NAMED_IN_DETAILS = new Set<Action>([
  "channel_create", "channel_update", "channel_delete", "role_create", "role_delete",
  "emoji_create", "emoji_rename", "emoji_delete", "sticker_create", "sticker_rename", "sticker_delete",
]);

function isAction(key: string): key is Action {
  return (ACTIONS as readonly string[]).includes(key);
}

/** "kicked Boris", "created channel news": what the actor did, in the user's language. */
export function auditLabel(entry: AuditEntry, t: TFunction): string {
  const key = entry.action.replaceAll(".", "_");
  if (!isAction(key)) return t("servers.settings.audit.actions.unknown", { action: entry.action });
  const target = entry.targetName ?? (NAMED_IN_DETAILS.has(key) ? entry.details : null) ?? "";
  return t(`servers.settings.audit.actions.${key}`, { target }).trim();
}

/** Details worth showing under the label: not when the label already says them. */
export function auditDetails(entry: AuditEntry): string | null {
  const key = entry.action.replaceAll(".", "_");
  if (!entry.details) return null;
  if (isAction(key) && NAMED_IN_DETAILS.has(key) && !entry.targetName && !entry.details.includes("->")) return null;
  if (key === "member_roles" || key === "channel_overwrite" || key === "channel_overwrite_delete") return null;
  return entry.details;
}
