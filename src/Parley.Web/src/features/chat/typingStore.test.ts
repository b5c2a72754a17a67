import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { TYPING_TTL_MS, TypingStore } from "./typingStore";

describe("TypingStore", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("shows a typist until about 6 s after their last event, then tells listeners", () => {
    const store = new TypingStore(() => Date.now());
    const listener = vi.fn();
    store.subscribe(listener);
    store.started("c1", "u1", "anna");
    expect(store.typing("c1").map((t) => t.username)).toEqual(["anna"]);
    vi.advanceTimersByTime(TYPING_TTL_MS - 1000);
    store.started("c1", "u1", "anna"); // still typing: the clock restarts
    vi.advanceTimersByTime(TYPING_TTL_MS - 1000);
    expect(store.typing("c1")).toHaveLength(1);
    const calls = listener.mock.calls.length;
    vi.advanceTimersByTime(1100);
    expect(store.typing("c1")).toHaveLength(0);
    expect(listener.mock.calls.length).toBeGreaterThan(calls);
  });

  it("keeps chats apart and drops someone whose message arrived", () => {
    const store = new TypingStore(() => Date.now());
    store.started("c1", "u1", "anna");
    store.started("c1", "u2", "boris");
    store.started("c2", "u3", "carl");
    expect(store.typing("c1").map((t) => t.username)).toEqual(["anna", "boris"]);
    store.stopped("c1", "u1");
    expect(store.typing("c1").map((t) => t.username)).toEqual(["boris"]);
    expect(store.typing("c2").map((t) => t.username)).toEqual(["carl"]);
  });
});
