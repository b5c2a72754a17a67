import { useQuery, type QueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { pathId } from "../../api/wire";
import { sortChannels, type Channel, type Message, type MessagesState, type PublicUser } from "./model";
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
