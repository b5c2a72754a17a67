import { useSyncExternalStore } from "react";

/** What the search was opened from: a server, a conversation in it or a chat. */
export interface SearchContext {
  serverId?: string;
  serverName?: string;
  channelId?: string;
  channelName?: string;
}

let overlay: SearchContext | null = null;
const listeners = new Set<() => void>();

function emit() {
  for (const l of listeners) l();
}

/** Opens the search panel (over the page; full screen on phones). */
export function openSearch(context: SearchContext): void {
  overlay = { ...context };
  emit();
}

export function closeSearch(): void {
  if (overlay === null) return;
  overlay = null;
  emit();
}

export function useSearchOverlay(): SearchContext | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => overlay,
    () => null,
  );
}

/** What the open page offers as search context (a server or conversation page registers itself while shown). */
let pageContext: SearchContext | null = null;

export function setPageSearchContext(context: SearchContext | null): void {
  pageContext = context;
}

export function pageSearchContext(): SearchContext | null {
  return pageContext;
}

/** The sidebar's last search text: kept while moving between the chat list and a found message. */
let sidebarQuery = "";

export function rememberedQuery(): string {
  return sidebarQuery;
}

export function rememberQuery(q: string): void {
  sidebarQuery = q;
}

/** Whether a key press was typed into a text field (where "/" is just a character). */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}
