import { describe, expect, it } from "vitest";
import { buildSearchParams, flattenHits, messagePath, nextIndex, resolveInFilter, scopeKey, splitHighlights, withFilter } from "./query";

describe("splitHighlights", () => {
  it("marks the ranges and keeps the text between", () => {
    expect(splitHighlights("I like cats and cats", [{ start: 7, length: 4 }, { start: 16, length: 4 }])).toEqual([
      { text: "I like ", mark: false },
      { text: "cats", mark: true },
      { text: " and ", mark: false },
      { text: "cats", mark: true },
    ]);
  });

  it("merges overlapping and touching ranges, in any order", () => {
    expect(splitHighlights("abcdefgh", [{ start: 4, length: 2 }, { start: 1, length: 2 }, { start: 2, length: 2 }])).toEqual([
      { text: "a", mark: false },
      { text: "bcdef", mark: true },
      { text: "gh", mark: false },
    ]);
  });

  it("clips ranges past the end and drops empty or negative ones", () => {
    expect(splitHighlights("привет", [{ start: 3, length: 10 }, { start: -2, length: 1 }, { start: 2, length: 0 }])).toEqual([
      { text: "при", mark: false },
      { text: "вет", mark: true },
    ]);
  });

  it("accepts numbers sent as strings and returns plain text without ranges", () => {
    expect(splitHighlights("hello", [{ start: "0", length: "2" }])).toEqual([
      { text: "he", mark: true },
      { text: "llo", mark: false },
    ]);
    expect(splitHighlights("hello", [])).toEqual([{ text: "hello", mark: false }]);
    expect(splitHighlights("", [])).toEqual([{ text: "", mark: false }]);
  });

  it("keeps markup-like text as text (it is rendered as text, never as HTML)", () => {
    const segments = splitHighlights("<b>x</b>", [{ start: 3, length: 1 }]);
    expect(segments.map((s) => s.text).join("")).toBe("<b>x</b>");
    expect(segments.find((s) => s.mark)?.text).toBe("x");
  });
});

describe("buildSearchParams", () => {
  it("scopes to a server or a chat and passes the cursor", () => {
    expect(buildSearchParams("  cats ", { kind: "all" }, "newest")).toEqual({ q: "cats", sort: "newest" });
    expect(buildSearchParams("cats", { kind: "server", serverId: "5" }, "relevance", "25")).toEqual({ q: "cats", sort: "relevance", serverId: "5", cursor: "25" });
    expect(buildSearchParams("cats", { kind: "channel", channelId: "7" }, "newest")).toEqual({ q: "cats", sort: "newest", channelId: "7" });
  });

  it("has a distinct key per scope", () => {
    expect(new Set([scopeKey({ kind: "all" }), scopeKey({ kind: "server", serverId: "1" }), scopeKey({ kind: "channel", channelId: "1" })]).size).toBe(3);
  });
});

describe("resolveInFilter", () => {
  const names: Record<string, string> = { general: "100", anna: "200" };
  const resolve = (name: string) => names[name.toLowerCase()] ?? null;

  it("replaces a channel name by its id", () => {
    expect(resolveInFilter("from:anna in:#General cats", resolve)).toBe("from:anna in:100 cats");
    expect(resolveInFilter("in:anna", resolve)).toBe("in:200");
  });

  it("leaves ids, unknown names and phrases alone", () => {
    expect(resolveInFilter("in:123 \"in:general here\" in:nowhere", resolve)).toBe("in:123 \"in:general here\" in:nowhere");
  });
});

describe("withFilter", () => {
  it("appends a filter, replacing the same one", () => {
    expect(withFilter("cats has:file", "has:image")).toBe("cats has:image ");
    expect(withFilter("", "from:")).toBe("from:");
    expect(withFilter("cats", "pinned:true")).toBe("cats pinned:true ");
  });
});

describe("flattenHits", () => {
  it("joins pages and drops repeats", () => {
    const hit = (id: string) => ({ message: { id } });
    expect(flattenHits([{ messages: [hit("3"), hit("2")] }, { messages: [hit("2"), hit("1")] }]).map((h) => h.message.id)).toEqual(["3", "2", "1"]);
  });
});

describe("messagePath", () => {
  it("opens a chat or a server channel around the message", () => {
    expect(messagePath("10", "99", null)).toBe("/chats/10?message=99");
    expect(messagePath("10", "99", "4")).toBe("/servers/4/10?message=99");
  });
});

describe("nextIndex", () => {
  it("moves down to the end and up back to the box", () => {
    expect(nextIndex(-1, 3, "ArrowDown")).toBe(0);
    expect(nextIndex(2, 3, "ArrowDown")).toBe(2);
    expect(nextIndex(1, 3, "ArrowUp")).toBe(0);
    expect(nextIndex(0, 3, "ArrowUp")).toBe(-1);
    expect(nextIndex(0, 0, "ArrowDown")).toBe(-1);
  });
});
