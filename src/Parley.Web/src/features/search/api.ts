import { useInfiniteQuery, useQueries } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { pathId, type Schemas } from "../../api/wire";
import { useMe } from "../auth/api";
import { useChannels } from "../chat/api";
import { channelTitle, displayName } from "../chat/model";
import { serverChannelsKey, useServers } from "../servers/api";
import type { ServerChannel } from "../servers/tree";
import { buildSearchParams, resolveInFilter, scopeKey, type SearchScope, type SearchSort } from "./query";

export type SearchHit = Schemas["MessageSearchHit"];
export type SearchPage = Schemas["MessageSearchResponse"];

export const PAGE_SIZE = 25;

/** Found messages, newest first or by relevance, a page at a time. */
export function useMessageSearch(q: string, scope: SearchScope, sort: SearchSort, resolve: (name: string) => string | null) {
  const text = resolveInFilter(q.trim(), resolve);
  return useInfiniteQuery({
    queryKey: ["message-search", text, scopeKey(scope), sort],
    queryFn: ({ pageParam, signal }): Promise<SearchPage> =>
      unwrap(() =>
        api.GET("/api/v1/search/messages", {
          params: { query: { ...buildSearchParams(text, scope, sort, pageParam), limit: PAGE_SIZE } },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: text !== "",
    staleTime: 15_000,
  });
}

/** Where a channel lives, for a result's heading and link. */
export interface Place {
  serverId: string | null;
  serverName: string | null;
  /** The chat's title, or the server channel's name (without #). */
  title: string;
}

/**
 * The chats and server channels the client knows: what a result is called, where it opens, and which channel an
 * `in:name` filter means.
 */
export function useDirectory() {
  const { data: me } = useMe();
  const meId = me?.id ?? "";
  const chats = useChannels(Boolean(me));
  const servers = useServers(Boolean(me));
  const serverChannels = useQueries({
    queries: (servers.data ?? []).map((s) => ({
      queryKey: serverChannelsKey(s.id),
      queryFn: ({ signal }: { signal: AbortSignal }): Promise<ServerChannel[]> =>
        unwrap(() => api.GET("/api/v1/servers/{id}/channels", { params: { path: { id: pathId(s.id) } }, signal })),
      staleTime: 30_000,
    })),
  });
  // A few hundred entries at most: built fresh on each render.
  const places = new Map<string, Place>();
  (servers.data ?? []).forEach((server, i) => {
    for (const c of serverChannels[i]?.data ?? []) {
      if (c.type !== "category") places.set(c.id, { serverId: server.id, serverName: server.name, title: c.name });
    }
  });
  for (const c of chats.data ?? []) places.set(c.id, { serverId: null, serverName: null, title: channelTitle(c, meId) });

  const place = (channelId: string): Place | null => places.get(channelId) ?? null;

  /** A chat or channel by name: a server channel's name, a group's name, a direct chat's username or display name. */
  const resolve = (name: string): string | null => {
    const wanted = name.toLocaleLowerCase();
    for (const [id, p] of places) if (p.title.toLocaleLowerCase() === wanted) return id;
    for (const c of chats.data ?? []) {
      if (c.type === "direct" && c.recipients.some((r) => r.id !== meId && (r.username.toLocaleLowerCase() === wanted || displayName(r).toLocaleLowerCase() === wanted))) return c.id;
    }
    return null;
  };

  return { place, resolve };
}
