/** Which chat the user is looking at right now, read by the event handlers (unread counts, notifications). */
export interface Viewing {
  channelId: string | null;
  /** Scrolled to the newest message. */
  atBottom: boolean;
}

let current: Viewing = { channelId: null, atBottom: false };

export function setViewing(next: Viewing): void {
  current = next;
}

export function getViewing(): Viewing {
  return current;
}

/** The chat is open, the tab is visible and the newest message is on screen: a new message is read on arrival. */
export function isReading(channelId: string): boolean {
  return current.channelId === channelId && current.atBottom && document.visibilityState === "visible";
}
