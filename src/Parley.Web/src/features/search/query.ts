/** Where a message search looks: everywhere, one server, or one chat/channel. */
export type SearchScope = { kind: "all" } | { kind: "server"; serverId: string } | { kind: "channel"; channelId: string };

export type SearchSort = "newest" | "relevance";

export interface SearchParams {
  q: string;
  sort: SearchSort;
  serverId?: string;
  channelId?: string;
  cursor?: string;
}

/** The filters that may be typed into the search box, in the order the hint lists them. */
export const FILTERS = [
  { key: "from", example: "from:anna" },
  { key: "in", example: "in:general" },
  { key: "has", example: "has:image" },
  { key: "mentions", example: "mentions:boris" },
  { key: "pinned", example: "pinned:true" },
  { key: "before", example: "before:2026-01-31" },
  { key: "after", example: "after:2026-01-01" },
] as const;

/** A stable text for a scope, for query keys. */
export function scopeKey(scope: SearchScope): string {
  switch (scope.kind) {
    case "all":
      return "all";
    case "server":
      return `server:${scope.serverId}`;
    case "channel":
      return `channel:${scope.channelId}`;
  }
}

/** Splits text into words, keeping "quoted phrases" together (with their quotes). */
function tokens(text: string): string[] {
  return text.match(/"[^"]*"?|\S+/g) ?? [];
}

/**
 * The server knows `in:` by channel id: a name typed after `in:` (`in:general`, `in:#general`, `in:anna`) is
 * replaced by the id the resolver finds; an unknown name is left as typed.
 */
export function resolveInFilter(q: string, resolve: (name: string) => string | null): string {
  return tokens(q)
    .map((token) => {
      const match = /^in:#?(.+)$/i.exec(token);
      if (!match?.[1] || /^\d+$/.test(match[1])) return token;
      const id = resolve(match[1]);
      return id ? `in:${id}` : token;
    })
    .join(" ");
}

/** The query string of GET /api/v1/search/messages for what was typed, where, and how sorted. */
export function buildSearchParams(q: string, scope: SearchScope, sort: SearchSort, cursor?: string): SearchParams {
  const params: SearchParams = { q: q.trim(), sort };
  if (scope.kind === "server") params.serverId = scope.serverId;
  if (scope.kind === "channel") params.channelId = scope.channelId;
  if (cursor) params.cursor = cursor;
  return params;
}

/** Adds a filter to what is typed: replaces the same filter if present, else appends it. */
export function withFilter(q: string, filter: string): string {
  const key = filter.slice(0, filter.indexOf(":") + 1).toLowerCase();
  const kept = tokens(q).filter((token) => !(key !== "" && token.toLowerCase().startsWith(key)));
  return [...kept, filter].join(" ") + (filter.endsWith(":") ? "" : " ");
}

export interface Segment {
  text: string;
  mark: boolean;
}

/**
 * The snippet cut at the highlight ranges (UTF-16 offsets, as the server counts them): overlapping or touching
 * ranges merge, ranges outside the text are clipped or dropped.
 */
export function splitHighlights(text: string, ranges: readonly { start: number | string; length: number | string }[]): Segment[] {
  const clean = ranges
    .map((r) => {
      const start = Math.max(0, Math.min(text.length, Number(r.start)));
      const end = Math.max(start, Math.min(text.length, Number(r.start) + Number(r.length)));
      return { start, end };
    })
    .filter((r) => Number.isFinite(r.start) && Number.isFinite(r.end) && r.end > r.start)
    .sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const r of clean) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  const out: Segment[] = [];
  let at = 0;
  for (const r of merged) {
    if (r.start > at) out.push({ text: text.slice(at, r.start), mark: false });
    out.push({ text: text.slice(r.start, r.end), mark: true });
    at = r.end;
  }
  if (at < text.length || out.length === 0) out.push({ text: text.slice(at), mark: false });
  return out;
}

/** The pages of results as one list, without repeats (a page may overlap the last when new messages arrive). */
export function flattenHits<T extends { message: { id: string } }>(pages: readonly { messages: readonly T[] }[]): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const page of pages) {
    for (const hit of page.messages) {
      if (seen.has(hit.message.id)) continue;
      seen.add(hit.message.id);
      out.push(hit);
    }
  }
  return out;
}

/** Where a found message opens: the chat (or the server's channel) around that message. */
export function messagePath(channelId: string, messageId: string, serverId: string | null): string {
  const base = serverId ? `/servers/${serverId}/${channelId}` : `/chats/${channelId}`;
  return `${base}?message=${encodeURIComponent(messageId)}`;
}

/**
 * Arrow-key movement through a list of items: the next index, or -1 for "back to the search box" when moving up
 * from the first item. Stays on the last item at the end.
 */
export function nextIndex(current: number, count: number, key: "ArrowDown" | "ArrowUp"): number {
  if (count === 0) return -1;
  if (key === "ArrowDown") return Math.min(count - 1, current + 1);
  return current <= 0 ? -1 : current - 1;
}
