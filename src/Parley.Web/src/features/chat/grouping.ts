import { compareIds, isLocalId, type ChatMessage } from "./model";
import { daysAgo } from "./format";

export type ListItem =
  | { type: "date"; key: string; at: string }
  | { type: "unread"; key: string }
  | { type: "message"; key: string; message: ChatMessage; first: boolean; last: boolean };

/** Messages of one author within this many minutes of each other read as one group. */
export const GROUP_WINDOW_MS = 5 * 60 * 1000;

function sameDay(a: string, b: string): boolean {
  return daysAgo(new Date(a), new Date(b)) === 0;
}

/**
 * Turns a chat's messages (oldest first) into list rows: a date separator at each new day, a "New messages" line
 * above the first unread message from someone else, and author groups (first/last flags).
 */
export function buildItems(messages: ChatMessage[], options: { unreadAfterId: string | null; meId: string }): ListItem[] {
  const items: ListItem[] = [];
  let previous: ChatMessage | undefined;
  let unreadPlaced = false;
  for (const message of messages) {
    const newDay = !previous || !sameDay(previous.createdAt, message.createdAt);
    if (newDay) items.push({ type: "date", key: `date:${message.createdAt.slice(0, 10)}:${message.id}`, at: message.createdAt });
    let unreadHere = false;
    if (
      !unreadPlaced &&
      options.unreadAfterId !== null &&
      !isLocalId(message.id) &&
      message.author.id !== options.meId &&
      compareIds(message.id, options.unreadAfterId) > 0
    ) {
      items.push({ type: "unread", key: "unread" });
      unreadPlaced = true;
      unreadHere = true;
    }
    const grouped =
      previous !== undefined &&
      !newDay &&
      !unreadHere &&
      previous.author.id === message.author.id &&
      Date.parse(message.createdAt) - Date.parse(previous.createdAt) < GROUP_WINDOW_MS;
    if (grouped) {
      const prevItem = items[items.length - 1];
      if (prevItem?.type === "message") items[items.length - 1] = { ...prevItem, last: false };
    }
    items.push({ type: "message", key: message.nonce ? `n:${message.author.id}:${message.nonce}` : message.id, message, first: !grouped, last: true });
    previous = message;
  }
  return items;
}
