import type { QueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { pathId } from "../../api/wire";
import { channelsKey, messagesKey, pinsKey } from "./api";
import { compareIds, num, type Channel, type ChatMessage, type Message, type MessagesState, type UserSummary } from "./model";
import {
  addPending,
  applyReaction,
  channelsOnMessage,
  channelsPatch,
  patchMessage,
  removeMessage,
  removePending,
  setPendingStatus,
  upsertMessage,
} from "./reducers";

export const MESSAGE_MAX_LENGTH = 4000;

function newNonce(): string {
  return typeof crypto.randomUUID === "function" ? crypto.randomUUID() : `${String(Date.now())}-${Math.random().toString(36).slice(2)}`;
}

function post(channelId: string, content: string, nonce: string, replyToId: string | null, attachmentIds: string[]): Promise<Message> {
  return unwrap(() =>
    api.POST("/api/v1/channels/{channelId}/messages", {
      params: { path: { channelId: pathId(channelId) } },
      body: { content, nonce, replyToId, attachmentIds: attachmentIds.length > 0 ? attachmentIds : null },
    }),
  );
}

function accepted(qc: QueryClient, message: Message, meId: string): void {
  qc.setQueryData<MessagesState>(messagesKey(message.channelId), (s) => upsertMessage(s, message));
  qc.setQueryData<Channel[]>(channelsKey, (l) => channelsOnMessage(l, message, { meId, reading: true }));
}

/**
 * Shows the message at once (with a "sending" clock), then posts it. The server's answer replaces it by nonce; a
 * failure leaves it as "Not sent" with Retry (same nonce, so the server never stores it twice) and Delete.
 */
export async function sendMessage(
  qc: QueryClient,
  channelId: string,
  me: UserSummary,
  content: string,
  replyTo: ChatMessage | null,
  attachments: Message["attachments"] = [],
): Promise<void> {
  const nonce = newNonce();
  const pending: ChatMessage = {
    id: `local:${nonce}`,
    channelId,
    author: me,
    content,
    nonce,
    createdAt: new Date().toISOString(),
    editedAt: null,
    replyTo: replyTo ? { id: replyTo.id, author: replyTo.author, content: replyTo.content, deleted: false } : null,
    mentions: [],
    mentionsEveryone: false,
    reactions: [],
    pinned: false,
    attachments,
    status: "sending",
  };
  qc.setQueryData<MessagesState>(messagesKey(channelId), (s) => addPending(s, pending));
  await deliver(qc, pending, me.id);
}

const queues = new Map<string, Promise<void>>();

/** Sends go out one at a time per chat, so they arrive in the order they were written. */
function deliver(qc: QueryClient, pending: ChatMessage, meId: string): Promise<void> {
  const previous = queues.get(pending.channelId) ?? Promise.resolve();
  const next = previous.then(() => deliverNow(qc, pending, meId));
  queues.set(pending.channelId, next);
  void next.finally(() => {
    if (queues.get(pending.channelId) === next) queues.delete(pending.channelId);
  });
  return next;
}

async function deliverNow(qc: QueryClient, pending: ChatMessage, meId: string): Promise<void> {
  const nonce = pending.nonce ?? "";
  try {
    const message = await post(pending.channelId, pending.content, nonce, pending.replyTo?.id ?? null, pending.attachments.map((a) => a.id));
    accepted(qc, message, meId);
  } catch {
    qc.setQueryData<MessagesState>(messagesKey(pending.channelId), (s) => setPendingStatus(s, nonce, "failed"));
  }
}

export async function retrySend(qc: QueryClient, message: ChatMessage, meId: string): Promise<void> {
  const nonce = message.nonce ?? "";
  qc.setQueryData<MessagesState>(messagesKey(message.channelId), (s) => setPendingStatus(s, nonce, "sending"));
  await deliver(qc, message, meId);
}

export function discardFailed(qc: QueryClient, message: ChatMessage): void {
  qc.setQueryData<MessagesState>(messagesKey(message.channelId), (s) => removePending(s, message.nonce ?? ""));
}

export async function editMessage(qc: QueryClient, message: ChatMessage, content: string): Promise<void> {
  const key = messagesKey(message.channelId);
  const before = message;
  qc.setQueryData<MessagesState>(key, (s) => patchMessage(s, message.id, { content, editedAt: new Date().toISOString() }));
  try {
    const updated = await unwrap(() =>
      api.PATCH("/api/v1/channels/{channelId}/messages/{messageId}", {
        params: { path: { channelId: pathId(message.channelId), messageId: pathId(message.id) } },
        body: { content },
      }),
    );
    qc.setQueryData<MessagesState>(key, (s) => upsertMessage(s, updated));
  } catch (error) {
    qc.setQueryData<MessagesState>(key, (s) => patchMessage(s, message.id, { content: before.content, editedAt: before.editedAt }));
    throw error;
  }
}

export async function deleteMessage(qc: QueryClient, message: ChatMessage): Promise<void> {
  await unwrap(() =>
    api.DELETE("/api/v1/channels/{channelId}/messages/{messageId}", {
      params: { path: { channelId: pathId(message.channelId), messageId: pathId(message.id) } },
    }),
  );
  qc.setQueryData<MessagesState>(messagesKey(message.channelId), (s) => removeMessage(s, message.id));
}

/** Adds or takes back my reaction, showing it at once; the hub's echo is idempotent. */
export async function toggleReaction(qc: QueryClient, message: ChatMessage, emoji: string, meId: string): Promise<void> {
  const mine = message.reactions.find((r) => r.emoji === emoji)?.me ?? false;
  const key = messagesKey(message.channelId);
  const event = { messageId: message.id, emoji, userId: meId };
  qc.setQueryData<MessagesState>(key, (s) => applyReaction(s, event, meId, !mine));
  const path = { channelId: pathId(message.channelId), messageId: pathId(message.id), emoji };
  try {
    if (mine) await unwrap(() => api.DELETE("/api/v1/channels/{channelId}/messages/{messageId}/reactions/{emoji}", { params: { path } }));
    else await unwrap(() => api.PUT("/api/v1/channels/{channelId}/messages/{messageId}/reactions/{emoji}", { params: { path } }));
  } catch (error) {
    qc.setQueryData<MessagesState>(key, (s) => applyReaction(s, event, meId, mine));
    throw error;
  }
}

export async function togglePin(qc: QueryClient, message: ChatMessage): Promise<void> {
  const path = { channelId: pathId(message.channelId), messageId: pathId(message.id) };
  const key = messagesKey(message.channelId);
  qc.setQueryData<MessagesState>(key, (s) => patchMessage(s, message.id, { pinned: !message.pinned }));
  try {
    if (message.pinned) await unwrap(() => api.DELETE("/api/v1/channels/{channelId}/pins/{messageId}", { params: { path } }));
    else await unwrap(() => api.PUT("/api/v1/channels/{channelId}/pins/{messageId}", { params: { path } }));
  } catch (error) {
    qc.setQueryData<MessagesState>(key, (s) => patchMessage(s, message.id, { pinned: message.pinned }));
    throw error;
  }
  void qc.invalidateQueries({ queryKey: pinsKey(message.channelId) });
}

const lastMarked = new Map<string, string>();

/** Marks a chat read up to a message (once per message); the list's badge clears at once. */
export async function markRead(qc: QueryClient, channelId: string, messageId: string): Promise<void> {
  const previous = lastMarked.get(channelId);
  if (previous && compareIds(previous, messageId) >= 0) return;
  const channel = qc.getQueryData<Channel[]>(channelsKey)?.find((c) => c.id === channelId);
  if (channel && compareIds(channel.lastReadId, messageId) >= 0 && num(channel.unreadCount) === 0) return;
  lastMarked.set(channelId, messageId);
  qc.setQueryData<Channel[]>(channelsKey, (l) => channelsPatch(l, channelId, { unreadCount: 0, mentionCount: 0, lastReadId: messageId }));
  try {
    await unwrap(() => api.POST("/api/v1/channels/{id}/read", { params: { path: { id: pathId(channelId) } }, body: { messageId } }));
  } catch {
    lastMarked.delete(channelId);
  }
}

export async function saveDraft(qc: QueryClient, channelId: string, content: string): Promise<void> {
  const value = content.trim() === "" ? null : content;
  qc.setQueryData<Channel[]>(channelsKey, (l) => channelsPatch(l, channelId, { draft: value }));
  const path = { id: pathId(channelId) };
  if (value === null) await unwrap(() => api.DELETE("/api/v1/channels/{id}/draft", { params: { path } }));
  else await unwrap(() => api.PUT("/api/v1/channels/{id}/draft", { params: { path }, body: { content: value } }));
}

/** Mutes for a number of hours, for good (null), or unmutes (0). */
export async function setMute(qc: QueryClient, channelId: string, hours: number | null): Promise<void> {
  const path = { id: pathId(channelId) };
  if (hours === 0) {
    await unwrap(() => api.DELETE("/api/v1/channels/{id}/mute", { params: { path } }));
    // A chat list fetch that started before the change would put the old state back.
    await qc.cancelQueries({ queryKey: channelsKey });
    qc.setQueryData<Channel[]>(channelsKey, (l) => channelsPatch(l, channelId, { muted: false, mutedUntil: null }));
    void qc.invalidateQueries({ queryKey: channelsKey });
    return;
  }
  const until = hours === null ? null : new Date(Date.now() + hours * 3600_000).toISOString();
  await unwrap(() => api.PUT("/api/v1/channels/{id}/mute", { params: { path }, body: { until } }));
  await qc.cancelQueries({ queryKey: channelsKey });
  qc.setQueryData<Channel[]>(channelsKey, (l) => channelsPatch(l, channelId, { muted: true, mutedUntil: until }));
  void qc.invalidateQueries({ queryKey: channelsKey });
}
