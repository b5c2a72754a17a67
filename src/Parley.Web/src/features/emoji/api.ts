import { useQueries, useQuery, type QueryClient } from "@tanstack/react-query";
import { useMemo } from "react";
import { api, unwrap } from "../../api/client";
import { pathId, type Schemas } from "../../api/wire";
import { channelsKey, messagesKey } from "../chat/api";
import type { Channel, MessagesState } from "../chat/model";
import { channelsOnMessage, upsertMessage } from "../chat/reducers";
import { useServers } from "../servers/api";

export type CustomEmoji = Schemas["CustomEmojiResponse"];
export type Sticker = Schemas["StickerResponse"];

export const serverEmojiKey = (serverId: string) => ["server-emoji", serverId] as const;
export const serverStickersKey = (serverId: string) => ["server-stickers", serverId] as const;

/** Names are 2 to 32 letters, digits or underscores (the server's rule). */
export const ASSET_NAME = /^[A-Za-z0-9_]{2,32}$/;
export const EMOJI_MAX_BYTES = 256 * 1024;
export const STICKER_MAX_BYTES = 512 * 1024;
export const ASSET_TYPES = "image/png,image/gif,image/webp";

const path = (serverId: string) => ({ id: pathId(serverId) });

function fetchEmoji(serverId: string, signal: AbortSignal): Promise<CustomEmoji[]> {
  return unwrap(() => api.GET("/api/v1/servers/{id}/emoji", { params: { path: path(serverId) }, signal }));
}

function fetchStickers(serverId: string, signal: AbortSignal): Promise<Sticker[]> {
  return unwrap(() => api.GET("/api/v1/servers/{id}/stickers", { params: { path: path(serverId) }, signal }));
}

export function useServerEmoji(serverId: string, enabled = true) {
  return useQuery({
    queryKey: serverEmojiKey(serverId),
    queryFn: ({ signal }) => fetchEmoji(serverId, signal),
    staleTime: 60_000,
    enabled: enabled && serverId !== "",
  });
}

export function useServerStickers(serverId: string, enabled = true) {
  return useQuery({
    queryKey: serverStickersKey(serverId),
    queryFn: ({ signal }) => fetchStickers(serverId, signal),
    staleTime: 60_000,
    enabled: enabled && serverId !== "",
  });
}

export interface ServerSection<T> {
  serverId: string;
  serverName: string;
  iconUrl: string | null | undefined;
  items: T[];
}

/** Every server's emoji (or stickers) I can use, a section per server that has any. */
function useSections<T>(kind: "emoji" | "stickers", onlyServerId: string | null): ServerSection<T>[] {
  const servers = useServers();
  const list = useMemo(() => (servers.data ?? []).filter((s) => onlyServerId === null || s.id === onlyServerId), [servers.data, onlyServerId]);
  const results = useQueries({
    queries: list.map((s) => ({
      queryKey: kind === "emoji" ? serverEmojiKey(s.id) : serverStickersKey(s.id),
      queryFn: ({ signal }: { signal: AbortSignal }) => (kind === "emoji" ? fetchEmoji(s.id, signal) : fetchStickers(s.id, signal)),
      staleTime: 60_000,
    })),
  });
  const data = results.map((r) => r.data as T[] | undefined);
  const key = data.map((d) => d?.length ?? -1).join(",");
  return useMemo(
    () =>
      list
        .map((s, i) => ({ serverId: s.id, serverName: s.name, iconUrl: s.iconUrl, items: data[i] ?? [] }))
        .filter((section) => section.items.length > 0),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- data is a fresh array each render; key and results track it
    [list, key, results],
  );
}

export function useCustomEmojiSections(): ServerSection<CustomEmoji>[] {
  return useSections<CustomEmoji>("emoji", null);
}

/** In a server channel, that server's stickers; in a direct or group chat, those of every server I am in. */
export function useStickerSections(serverId: string | null): ServerSection<Sticker>[] {
  return useSections<Sticker>("stickers", serverId);
}

/** The text a custom emoji is stored as in a message. */
export function emojiToken(emoji: Pick<CustomEmoji, "name" | "id" | "animated">): string {
  return `<${emoji.animated ? "a" : ""}:${emoji.name}:${emoji.id}>`;
}

/** The reaction key of a custom emoji. */
export function reactionKey(emoji: Pick<CustomEmoji, "name" | "id">): string {
  return `${emoji.name}:${emoji.id}`;
}

/** A reaction "name:id" as a custom emoji, or null for a unicode emoji. */
export function parseCustomReaction(key: string): { name: string; id: string; url: string } | null {
  const m = /^([A-Za-z0-9_]{2,32}):(\d{1,20})$/.exec(key);
  if (!m?.[1] || !m[2]) return null;
  return { name: m[1], id: m[2], url: emojiUrl(m[2]) };
}

/** How a reaction is named to screen readers and in titles: ":name:" for a custom emoji. */
export function reactionName(emoji: string): string {
  const custom = parseCustomReaction(emoji);
  return custom ? `:${custom.name}:` : emoji;
}

export function emojiUrl(id: string): string {
  return `/api/v1/emoji/${id}`;
}

/** The multipart body is read by the endpoint itself, so the OpenAPI document has no request body for it. */
const multipart = (form: FormData) => ({ body: form as never, bodySerializer: (b: unknown) => b as FormData });

export async function uploadEmoji(qc: QueryClient, serverId: string, name: string, file: File): Promise<CustomEmoji> {
  const form = new FormData();
  form.append("name", name);
  form.append("file", file, file.name);
  const emoji = await unwrap(() => api.POST("/api/v1/servers/{id}/emoji", { params: { path: path(serverId) }, ...multipart(form) }));
  qc.setQueryData<CustomEmoji[]>(serverEmojiKey(serverId), (l) => (l ? [...l.filter((e) => e.id !== emoji.id), emoji] : l));
  return emoji;
}

export async function uploadSticker(qc: QueryClient, serverId: string, name: string, description: string, file: File): Promise<Sticker> {
  const form = new FormData();
  form.append("name", name);
  if (description.trim() !== "") form.append("description", description.trim());
  form.append("file", file, file.name);
  const sticker = await unwrap(() => api.POST("/api/v1/servers/{id}/stickers", { params: { path: path(serverId) }, ...multipart(form) }));
  qc.setQueryData<Sticker[]>(serverStickersKey(serverId), (l) => (l ? [...l.filter((s) => s.id !== sticker.id), sticker] : l));
  return sticker;
}

export async function renameEmoji(qc: QueryClient, serverId: string, emojiId: string, name: string): Promise<void> {
  const emoji = await unwrap(() =>
    api.PATCH("/api/v1/servers/{id}/emoji/{emojiId}", { params: { path: { id: pathId(serverId), emojiId: pathId(emojiId) } }, body: { name } }),
  );
  qc.setQueryData<CustomEmoji[]>(serverEmojiKey(serverId), (l) => l?.map((e) => (e.id === emoji.id ? emoji : e)));
}

export async function renameSticker(qc: QueryClient, serverId: string, stickerId: string, name: string): Promise<void> {
  const sticker = await unwrap(() =>
    api.PATCH("/api/v1/servers/{id}/stickers/{stickerId}", { params: { path: { id: pathId(serverId), stickerId: pathId(stickerId) } }, body: { name } }),
  );
  qc.setQueryData<Sticker[]>(serverStickersKey(serverId), (l) => l?.map((s) => (s.id === sticker.id ? sticker : s)));
}

export async function deleteEmoji(qc: QueryClient, serverId: string, emojiId: string): Promise<void> {
  await unwrap(() => api.DELETE("/api/v1/servers/{id}/emoji/{emojiId}", { params: { path: { id: pathId(serverId), emojiId: pathId(emojiId) } } }));
  qc.setQueryData<CustomEmoji[]>(serverEmojiKey(serverId), (l) => l?.filter((e) => e.id !== emojiId));
}

export async function deleteSticker(qc: QueryClient, serverId: string, stickerId: string): Promise<void> {
  await unwrap(() => api.DELETE("/api/v1/servers/{id}/stickers/{stickerId}", { params: { path: { id: pathId(serverId), stickerId: pathId(stickerId) } } }));
  qc.setQueryData<Sticker[]>(serverStickersKey(serverId), (l) => l?.filter((s) => s.id !== stickerId));
}

/** After EmojiChanged: the server's emoji and stickers are read again. */
export function onEmojiChanged(qc: QueryClient, serverId: string): void {
  void qc.invalidateQueries({ queryKey: serverEmojiKey(serverId) });
  void qc.invalidateQueries({ queryKey: serverStickersKey(serverId) });
}

function newNonce(): string {
  return typeof crypto.randomUUID === "function" ? crypto.randomUUID() : `${String(Date.now())}-${Math.random().toString(36).slice(2)}`;
}

/** Sends a sticker as a message of its own and puts the answer in the chat at once. */
export async function sendSticker(qc: QueryClient, channelId: string, meId: string, stickerId: string, replyToId: string | null): Promise<void> {
  const message = await unwrap(() =>
    api.POST("/api/v1/channels/{channelId}/messages", {
      params: { path: { channelId: pathId(channelId) } },
      body: { content: "", nonce: newNonce(), replyToId, attachmentIds: null, stickerId },
    }),
  );
  qc.setQueryData<MessagesState>(messagesKey(channelId), (s) => upsertMessage(s, message));
  qc.setQueryData<Channel[]>(channelsKey, (l) => channelsOnMessage(l, message, { meId, reading: true }));
}

/**
 * Typing ":name:" of a custom emoji turns it into its token at once. The caret must sit right after the closing
 * colon; the channel's own server wins a name clash, then an exact-case match.
 */
export function expandCustomEmoji(text: string, caret: number, emoji: readonly CustomEmoji[], preferServerId: string | null): { text: string; caret: number } | null {
  const before = text.slice(0, caret);
  const m = /(^|[^A-Za-z0-9_<]):([A-Za-z0-9_]{2,32}):$/.exec(before);
  if (!m?.[2]) return null;
  const name = m[2];
  const candidates = emoji.filter((e) => e.name.toLowerCase() === name.toLowerCase());
  if (candidates.length === 0) return null;
  const rank = (e: CustomEmoji) => (e.serverId === preferServerId ? 0 : 2) + (e.name === name ? 0 : 1);
  const chosen = [...candidates].sort((a, b) => rank(a) - rank(b))[0];
  if (!chosen) return null;
  const token = emojiToken(chosen);
  const start = caret - name.length - 2;
  return { text: text.slice(0, start) + token + text.slice(caret), caret: start + token.length };
}
