import type { Schemas } from "../../api/wire";
import { compareIds, num } from "../chat/model";

export type ServerChannel = Schemas["ServerChannelResponse"];

export interface ChannelGroup {
  /** null: the channels outside any category, listed first. */
  category: ServerChannel | null;
  channels: ServerChannel[];
}

function byPosition(a: ServerChannel, b: ServerChannel): number {
  return num(a.position) - num(b.position) || compareIds(a.id, b.id);
}

/**
 * The sidebar's tree from the flat list: uncategorised text channels first, then each category (by position) with its
 * channels (by position). A channel whose category is not in the list (hidden from the viewer) goes to the top group.
 */
export function buildChannelTree(list: readonly ServerChannel[]): ChannelGroup[] {
  const categories = list.filter((c) => c.type === "category").sort(byPosition);
  const known = new Set(categories.map((c) => c.id));
  const channels = list.filter((c) => c.type !== "category").sort(byPosition);
  const top: ChannelGroup = { category: null, channels: channels.filter((c) => !c.parentId || !known.has(c.parentId)) };
  const groups = categories.map((category) => ({ category, channels: channels.filter((c) => c.parentId === category.id) }));
  return top.channels.length > 0 ? [top, ...groups] : groups;
}

/** The text channels in sidebar order: where a server opens, and what "next channel" means. */
export function orderedTextChannels(list: readonly ServerChannel[]): ServerChannel[] {
  return buildChannelTree(list).flatMap((g) => g.channels);
}

/** A server's unread state for the rail: a mention count, or just a dot. */
export function serverUnread(list: readonly ServerChannel[] | undefined): { unread: boolean; mentions: number } {
  let unread = false;
  let mentions = 0;
  for (const c of list ?? []) {
    if (c.type === "category") continue;
    if (num(c.unreadCount) > 0) unread = true;
    mentions += num(c.mentionCount);
  }
  return { unread, mentions };
}

const FOLD_KEY = "parley.folded-categories";

export function loadFolded(): Set<string> {
  try {
    const raw = localStorage.getItem(FOLD_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return new Set(Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === "string") : []);
  } catch {
    return new Set();
  }
}

export function saveFolded(folded: Set<string>): void {
  try {
    localStorage.setItem(FOLD_KEY, JSON.stringify([...folded]));
  } catch {
    // Private mode or a full quota: folding still works for this visit.
  }
}
