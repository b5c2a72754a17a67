import { mentionsUser } from "./mentions";
import {
  compareIds,
  isLocalId,
  num,
  sortChannels,
  type Channel,
  type ChatMessage,
  type Message,
  type MessagesState,
  type Reaction,
  type VisiblePresence,
} from "./model";

// ---------- One chat's messages ----------

function sortItems(items: ChatMessage[]): ChatMessage[] {
  const server = items.filter((m) => !isLocalId(m.id)).sort((a, b) => compareIds(a.id, b.id));
  const local = items.filter((m) => isLocalId(m.id));
  return [...server, ...local];
}

/**
 * Adds or replaces messages by id. A server message whose nonce matches one of ours still pending replaces it, so the
 * POST's answer and the MessageCreated echo (whichever comes first) never show the message twice.
 */
export function mergeMessages(state: MessagesState | undefined, incoming: Message[], hasOlder?: boolean): MessagesState {
  const items = [...(state?.items ?? [])];
  const byId = new Map(items.map((m, i) => [m.id, i]));
  let changed = false;
  for (const message of incoming) {
    const at = byId.get(message.id);
    if (at !== undefined) {
      items[at] = message;
      changed = true;
      continue;
    }
    const pending = message.nonce ? items.findIndex((m) => isLocalId(m.id) && m.nonce === message.nonce) : -1;
    if (pending >= 0) {
      items.splice(pending, 1);
      byId.clear();
      items.forEach((m, i) => byId.set(m.id, i));
    }
    byId.set(message.id, items.length);
    items.push(message);
    changed = true;
  }
  return {
    items: changed ? sortItems(items) : items,
    hasOlder: hasOlder ?? state?.hasOlder ?? false,
  };
}

export function upsertMessage(state: MessagesState | undefined, message: Message): MessagesState {
  return mergeMessages(state, [message]);
}

/** Older messages, as `before=` returns them (newest first); fewer than asked for means the start is reached. */
export function prependPage(state: MessagesState | undefined, page: Message[], limit: number): MessagesState {
  return mergeMessages(state, page, page.length >= limit);
}

export function removeMessage(state: MessagesState | undefined, id: string): MessagesState | undefined {
  if (!state) return state;
  const items = state.items
    .filter((m) => m.id !== id)
    .map((m) => (m.replyTo?.id === id ? { ...m, replyTo: { ...m.replyTo, content: null, deleted: true } } : m));
  return { ...state, items };
}

export function addPending(state: MessagesState | undefined, message: ChatMessage): MessagesState {
  return { items: [...(state?.items ?? []), { ...message, status: "sending" }], hasOlder: state?.hasOlder ?? false };
}

export function setPendingStatus(state: MessagesState | undefined, nonce: string, status: "sending" | "failed"): MessagesState | undefined {
  if (!state) return state;
  return { ...state, items: state.items.map((m) => (isLocalId(m.id) && m.nonce === nonce ? { ...m, status } : m)) };
}

export function removePending(state: MessagesState | undefined, nonce: string): MessagesState | undefined {
  if (!state) return state;
  return { ...state, items: state.items.filter((m) => !(isLocalId(m.id) && m.nonce === nonce)) };
}

export function patchMessage(state: MessagesState | undefined, id: string, patch: Partial<Message>): MessagesState | undefined {
  if (!state) return state;
  return { ...state, items: state.items.map((m) => (m.id === id ? { ...m, ...patch } : m)) };
}

/** A reaction came or went. Idempotent: our own optimistic change and its echo count once. */
export function applyReactionToList(reactions: Reaction[], emoji: string, userId: string, meId: string, added: boolean): Reaction[] {
  const index = reactions.findIndex((r) => r.emoji === emoji);
  const current = index >= 0 ? reactions[index] : undefined;
  const count = num(current?.count);
  const listed = current?.userIds.includes(userId) ?? false;
  const knownMine = userId === meId && current?.me === true;
  if (added) {
    if (listed || knownMine) return reactions;
    const next: Reaction = {
      emoji,
      count: count + 1,
      me: (current?.me ?? false) || userId === meId,
      userIds: [...(current?.userIds ?? []), userId].slice(0, 20),
    };
    return index >= 0 ? reactions.map((r, i) => (i === index ? next : r)) : [...reactions, next];
  }
  if (!current) return reactions;
  // userIds lists at most 20 people: someone not listed may still be counted.
  const truncated = current.userIds.length < count;
  if (!listed && !knownMine && !truncated) return reactions;
  const nextCount = count - 1;
  if (nextCount <= 0) return reactions.filter((_, i) => i !== index);
  const next: Reaction = {
    emoji,
    count: nextCount,
    me: userId === meId ? false : current.me,
    userIds: current.userIds.filter((u) => u !== userId),
  };
  return reactions.map((r, i) => (i === index ? next : r));
}

export function applyReaction(
  state: MessagesState | undefined,
  event: { messageId: string; emoji: string; userId: string },
  meId: string,
  added: boolean,
): MessagesState | undefined {
  if (!state) return state;
  const items = state.items.map((m) => {
    if (m.id !== event.messageId) return m;
    const reactions = applyReactionToList(m.reactions, event.emoji, event.userId, meId, added);
    return reactions === m.reactions ? m : { ...m, reactions };
  });
  return items.some((m, i) => m !== state.items[i]) ? { ...state, items } : state;
}

/** Pinned flags from the chat's current pins. */
export function applyPins(state: MessagesState | undefined, pinnedIds: Set<string>): MessagesState | undefined {
  if (!state) return state;
  return { ...state, items: state.items.map((m) => (m.pinned === pinnedIds.has(m.id) ? m : { ...m, pinned: pinnedIds.has(m.id) })) };
}

// ---------- The chat list ----------

export interface MessageContext {
  meId: string;
  /** The chat is open, visible and scrolled to the bottom: the message is read as it arrives. */
  reading: boolean;
}

export function channelsOnMessage(list: Channel[] | undefined, message: Message, context: MessageContext): Channel[] | undefined {
  if (!list) return list;
  const index = list.findIndex((c) => c.id === message.channelId);
  if (index < 0) return list;
  const channel = list[index];
  if (!channel) return list;
  const last = channel.lastMessage;
  const isNewer = !last || compareIds(message.id, last.id) > 0;
  const isSame = last?.id === message.id;
  if (!isNewer && !isSame) return list;
  const mine = message.author.id === context.meId;
  const counts = isSame || context.reading || mine || compareIds(message.id, channel.lastReadId) <= 0;
  const mentionsMe = mentionsUser(message, context.meId);
  const next: Channel = {
    ...channel,
    lastMessage: message,
    unreadCount: counts ? (context.reading || mine ? 0 : num(channel.unreadCount)) : num(channel.unreadCount) + 1,
    mentionCount: counts ? (context.reading || mine ? 0 : num(channel.mentionCount)) : num(channel.mentionCount) + (mentionsMe ? 1 : 0),
    lastReadId: mine && isNewer ? message.id : channel.lastReadId,
  };
  return sortChannels(list.map((c, i) => (i === index ? next : c)));
}

export function channelsOnMessageUpdated(list: Channel[] | undefined, message: Message): Channel[] | undefined {
  if (!list) return list;
  return list.map((c) => (c.id === message.channelId && c.lastMessage?.id === message.id ? { ...c, lastMessage: message } : c));
}

/** Whether the deleted message was a chat's last one (then that chat is fetched again). */
export function deletedLastMessage(list: Channel[] | undefined, channelId: string, id: string): boolean {
  return list?.some((c) => c.id === channelId && c.lastMessage?.id === id) ?? false;
}

export function channelsOnReadState(
  list: Channel[] | undefined,
  state: { channelId: string; lastReadId: string; unreadCount: number | string; mentionCount: number | string },
): Channel[] | undefined {
  if (!list) return list;
  return list.map((c) =>
    c.id === state.channelId
      ? { ...c, lastReadId: state.lastReadId, unreadCount: num(state.unreadCount), mentionCount: num(state.mentionCount) }
      : c,
  );
}

export function channelsOnDraft(list: Channel[] | undefined, channelId: string, content: string | null): Channel[] | undefined {
  if (!list) return list;
  return list.map((c) => (c.id === channelId && c.draft !== content ? { ...c, draft: content } : c));
}

export function channelsOnPresence(
  list: Channel[] | undefined,
  event: { userId: string; presence: VisiblePresence; lastSeenAt?: string | null },
): Channel[] | undefined {
  if (!list) return list;
  const next = list.map((c) => {
    if (!c.recipients.some((r) => r.id === event.userId)) return c;
    return {
      ...c,
      recipients: c.recipients.map((r) =>
        r.id === event.userId ? { ...r, presence: event.presence, lastSeenAt: event.lastSeenAt ?? r.lastSeenAt } : r,
      ),
    };
  });
  return next.some((c, i) => c !== list[i]) ? next : list;
}

export function channelsReplace(list: Channel[] | undefined, channel: Channel): Channel[] | undefined {
  if (!list) return list;
  const exists = list.some((c) => c.id === channel.id);
  return sortChannels(exists ? list.map((c) => (c.id === channel.id ? channel : c)) : [...list, channel]);
}

export function channelsRemove(list: Channel[] | undefined, channelId: string): Channel[] | undefined {
  if (!list) return list;
  return list.filter((c) => c.id !== channelId);
}

export function channelsPatch(list: Channel[] | undefined, channelId: string, patch: Partial<Channel>): Channel[] | undefined {
  if (!list) return list;
  return list.map((c) => (c.id === channelId ? { ...c, ...patch } : c));
}

/** Total unread over chats that are not muted, for the tab title and the favicon. */
export function totalUnread(list: Channel[] | undefined): number {
  return (list ?? []).reduce((sum, c) => sum + (c.muted ? 0 : num(c.unreadCount)), 0);
}
