export const SEARCH_INPUT_ID = "chat-search";

let focusOnMount = false;

/** Focuses the chat search now, or as soon as the chat list is shown (Ctrl+K from another page). */
export function focusChatSearch(): void {
  const input = document.getElementById(SEARCH_INPUT_ID);
  if (input) input.focus();
  else focusOnMount = true;
}

/** Called by the chat list when it mounts: whether it should take focus. */
export function takeSearchFocusRequest(): boolean {
  const requested = focusOnMount;
  focusOnMount = false;
  return requested;
}
