import { useQuery, type QueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { pathId } from "../../api/wire";
import { compareIds, isLocalId, sortChannels, type Channel, type Message, type MessagesState, type PublicUser } from "./model";
import { mergeMessages } from "./reducers";

export const channelsKey = ["channels"] as const;
export const messagesKey = (channelId: string) => ["messages", channelId] as const;
export const pinsKey = (channelId: string) => ["pins", channelId] as const;
export const receiptsKey = (channelId: string) => ["receipts", channelId] as const;
export const friendsKey = ["friends"] as const;
export const friendRequestsKey = ["friend-requests"] as const;
export const blocksKey = ["blocks"] as const;

export const PAGE_SIZE = 50;

export async function fetchChannels(signal?: AbortSignal): Promise<Channel[]> {
  return sortChannels(await unwrap(() => api.GET("/api/v1/users/me/channels", { signal })));
}

export function useChannels(enabled = true) {
  return useQuery({ queryKey: channelsKey, queryFn: ({ signal }) => fetchChannels(signal), staleTime: 30_000, enabled });
}

export function fetchChannel(channelId: string): Promise<Channel> {
  return unwrap(() => api.GET("/api/v1/channels/{id}", { params: { path: { id: pathId(channelId) } } }));
}

export function fetchMessages(channelId: string, query: { before?: string; after?: string; around?: string; limit?: number }, signal?: AbortSignal): Promise<Message[]> {
  return unwrap(() =>
    api.GET("/api/v1/channels/{channelId}/messages", {
      params: { path: { channelId: pathId(channelId) }, query: { ...query, limit: query.limit ?? PAGE_SIZE } },
      signal,
    }),
  );
}

/** The newest page of a chat: kept live by hub events afterwards, so it never goes stale on its own. */
export function useMessages(channelId: string) {
  return useQuery({
    queryKey: messagesKey(channelId),
    queryFn: async ({ signal }): Promise<MessagesState> => {
      const page = await fetchMessages(channelId, {}, signal);
      return mergeMessages(undefined, page, page.length >= PAGE_SIZE);
    },
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    gcTime: 30 * 60_000,
  });
}

/** Fetches everything after `afterId`, oldest first, page by page until nothing is left. */
export async function fetchAllAfter(channelId: string, afterId: string): Promise<Message[]> {
  const all: Message[] = [];
  let cursor = afterId;
  for (let i = 0; i < 50; i++) {
    const page = await fetchMessages(channelId, { after: cursor, limit: 100 });
    all.push(...page);
    const last = page[page.length - 1];
    if (page.length < 100 || !last) break;
    cursor = last.id;
  }
  return all;
}

/**
 * Loads the page around `messageId` (a search result, a link) into the chat's history, together with everything from
 * it up to the loaded messages, so the history stays one run up to the newest and scrolls both ways. False when the
 * message is not in the chat (deleted, or never readable).
 */
export async function loadAround(queryClient: QueryClient, channelId: string, messageId: string): Promise<boolean> {
  const current = queryClient.getQueryData<MessagesState>(messagesKey(channelId));
  if (!current) return false;
  const page = await fetchMessages(channelId, { around: messageId, limit: PAGE_SIZE });
  if (!page.some((m) => m.id === messageId)) return false;
  const loadedFirst = current.items.find((m) => !isLocalId(m.id));
  const bridge: Message[] = [];
  let cursor = page[page.length - 1]?.id;
  for (let i = 0; cursor && loadedFirst && compareIds(cursor, loadedFirst.id) < 0 && i < 100; i++) {
    const next = await fetchMessages(channelId, { after: cursor, limit: 100 });
    bridge.push(...next);
    cursor = next.length < 100 ? undefined : next[next.length - 1]?.id;
  }
  // around= gives up to half a page before the message: fewer means the chat starts there.
  const older = page.filter((m) => compareIds(m.id, messageId) < 0).length;
  const pageStartsEarlier = loadedFirst === undefined || compareIds(page[0]?.id ?? messageId, loadedFirst.id) < 0;
  queryClient.setQueryData<MessagesState>(messagesKey(channelId), (s) =>
    mergeMessages(s, [...page, ...bridge], pageStartsEarlier ? older >= Math.floor(PAGE_SIZE / 2) : undefined),
  );
  return true;
}

export function usePins(channelId: string, enabled: boolean) {
  return useQuery({
    queryKey: pinsKey(channelId),
    queryFn: ({ signal }) => unwrap(() => api.GET("/api/v1/channels/{channelId}/pins", { params: { path: { channelId: pathId(channelId) } }, signal })),
    enabled,
  });
}

/** How far the others have read: userId -> lastReadId. */
export function useReceipts(channelId: string) {
  return useQuery({
    queryKey: receiptsKey(channelId),
    queryFn: async ({ signal }): Promise<Record<string, string>> => {
      const list = await unwrap(() => api.GET("/api/v1/channels/{id}/read-receipts", { params: { path: { id: pathId(channelId) } }, signal }));
      return Object.fromEntries(list.map((r) => [r.userId, r.lastReadId]));
    },
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

export function searchPeople(q: string, signal?: AbortSignal): Promise<PublicUser[]> {
  return unwrap(() => api.GET("/api/v1/users/search", { params: { query: { q, limit: 20 } }, signal }));
}

export function usePeopleSearch(q: string) {
  return useQuery({
    queryKey: ["people-search", q],
    queryFn: ({ signal }) => searchPeople(q, signal),
    enabled: q.trim().length > 0,
    staleTime: 15_000,
  });
}

export async function openDirectChat(queryClient: QueryClient, userId: string): Promise<Channel> {
  const channel = await unwrap(() => api.POST("/api/v1/users/me/channels", { body: { recipientIds: [userId], name: null } }));
  upsertChannel(queryClient, channel);
  return channel;
}

export async function createGroup(queryClient: QueryClient, userIds: string[], name: string): Promise<Channel> {
  const channel = await unwrap(() => api.POST("/api/v1/users/me/channels", { body: { recipientIds: userIds, name: name.trim() || null } }));
  upsertChannel(queryClient, channel);
  return channel;
}

export function upsertChannel(queryClient: QueryClient, channel: Channel): void {
  queryClient.setQueryData<Channel[]>(channelsKey, (list) => {
    if (!list) return list;
    const exists = list.some((c) => c.id === channel.id);
    return sortChannels(exists ? list.map((c) => (c.id === channel.id ? channel : c)) : [...list, channel]);
  });
}

export function useFriends() {
  return useQuery({ queryKey: friendsKey, queryFn: ({ signal }) => unwrap(() => api.GET("/api/v1/friends", { signal })) });
}

export function useFriendRequests(enabled = true) {
  return useQuery({ queryKey: friendRequestsKey, queryFn: ({ signal }) => unwrap(() => api.GET("/api/v1/friends/requests", { signal })), enabled });
}

export function useBlocks() {
  return useQuery({ queryKey: blocksKey, queryFn: ({ signal }) => unwrap(() => api.GET("/api/v1/blocks", { signal })), retry: false });
}
