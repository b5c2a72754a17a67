import type { Schemas } from "../../api/wire";

export type Channel = Schemas["ChannelResponse"];
export type Message = Schemas["MessageResponse"];
export type PublicUser = Schemas["PublicUser"];
export type UserSummary = Schemas["UserSummary"];
export type Reaction = Schemas["ReactionSummary"];
export type ReplyPreview = Schemas["ReplyPreview"];
export type VisiblePresence = Schemas["VisiblePresence"];
export type FriendRequest = Schemas["FriendRequestResponse"];
export type Friend = Schemas["FriendResponse"];

/** A message as the client holds it: the server's, or one of ours still on its way ("sending") or refused ("failed"). */
export interface ChatMessage extends Message {
  status?: "sending" | "failed";
}

/** One chat's loaded history: a contiguous run of messages up to the newest, oldest first. */
export interface MessagesState {
  items: ChatMessage[];
  /** More messages exist before the first loaded one. */
  hasOlder: boolean;
}

/** Ids are 64-bit time-ordered numbers as decimal strings: shorter is smaller, then compare as text. */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function isLocalId(id: string): boolean {
  return id.startsWith("local:");
}

/** The count fields are int32 but typed as number | string by the OpenAPI document. */
export function num(value: number | string | null | undefined): number {
  const n = Number(value ?? 0);
  return Number.isFinite(n) ? n : 0;
}

export function displayName(user: { username: string; displayName?: string | null } | null | undefined): string {
  if (!user) return "";
  return user.displayName?.trim() || user.username;
}

/** The people in a chat other than me. */
export function others(channel: Channel, meId: string): PublicUser[] {
  return channel.recipients.filter((r) => r.id !== meId);
}

/** A direct chat's other person (the chat with yourself has only you). */
export function directPeer(channel: Channel, meId: string): PublicUser | undefined {
  if (channel.type !== "direct") return undefined;
  return others(channel, meId)[0] ?? channel.recipients[0];
}

/** Group name, or the other person's name; an unnamed group lists its members. */
export function channelTitle(channel: Channel, meId: string): string {
  if (channel.name?.trim()) return channel.name.trim();
  const rest = others(channel, meId);
  if (channel.type === "direct") return displayName(rest[0] ?? channel.recipients[0]);
  const names = rest.map(displayName);
  return names.length > 0 ? names.join(", ") : displayName(channel.recipients[0]);
}

/** When a chat last had activity, for sorting the list newest first. */
export function activityTime(channel: Channel): number {
  const at = channel.lastMessage?.createdAt ?? channel.createdAt;
  const ms = Date.parse(at);
  return Number.isNaN(ms) ? 0 : ms;
}

export function sortChannels(list: Channel[]): Channel[] {
  return [...list].sort((a, b) => activityTime(b) - activityTime(a) || compareIds(b.id, a.id));
}

export function newestServerId(state: MessagesState | undefined): string | null {
  if (!state) return null;
  for (let i = state.items.length - 1; i >= 0; i--) {
    const m = state.items[i];
    if (m && !isLocalId(m.id)) return m.id;
  }
  return null;
}
