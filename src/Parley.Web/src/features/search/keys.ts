import { nextIndex } from "./query";

/** What the arrow keys walk through in a search list: results, people, chats. */
const ITEMS = "[data-search-item], a.chat-row, button.chat-row";

/**
 * Moves the focus to the next or previous item of the list, or back to the search box from the first one.
 * Returns whether the key was used.
 */
export function moveFocus(container: HTMLElement | null, input: HTMLElement | null, key: string): boolean {
  if (!container || (key !== "ArrowDown" && key !== "ArrowUp")) return false;
  const items = [...container.querySelectorAll<HTMLElement>(ITEMS)].filter((el) => !(el instanceof HTMLButtonElement && el.disabled));
  if (items.length === 0) return false;
  const current = items.findIndex((el) => el === document.activeElement);
  const next = nextIndex(current, items.length, key);
  const target = next < 0 ? input : items[next];
  if (!target) return false;
  target.focus();
  if (target !== input) target.scrollIntoView({ block: "nearest" });
  return true;
}
