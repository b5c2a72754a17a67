import { describe, expect, it } from "vitest";
import { buildItems } from "./grouping";
import type { ChatMessage } from "./model";

let seq = 1000;
function msg(author: string, at: string, extra: Partial<ChatMessage> = {}): ChatMessage {
  seq += 1;
  return {
    id: String(seq),
    channelId: "1",
    author: { id: author, username: author, displayName: null },
    content: "hi",
    nonce: null,
    createdAt: at,
    editedAt: null,
    replyTo: null,
    mentions: [],
    mentionsEveryone: false,
    reactions: [],
    pinned: false,
    attachments: [],
    ...extra,
  };
}

const kinds = (items: ReturnType<typeof buildItems>) =>
  items.map((i) => (i.type === "message" ? `m:${i.message.author.id}:${i.first ? "F" : "-"}${i.last ? "L" : "-"}` : i.type));

describe("buildItems", () => {
  it("puts a date separator before each new day", () => {
    const items = buildItems([msg("a", "2026-03-01T10:00:00Z"), msg("a", "2026-03-02T10:00:00Z")], { unreadAfterId: null, meId: "me" });
    expect(kinds(items)).toEqual(["date", "m:a:FL", "date", "m:a:FL"]);
  });

  it("groups one author's messages a few minutes apart", () => {
    const items = buildItems(
      [msg("a", "2026-03-01T10:00:00Z"), msg("a", "2026-03-01T10:02:00Z"), msg("a", "2026-03-01T10:04:00Z"), msg("b", "2026-03-01T10:05:00Z")],
      { unreadAfterId: null, meId: "me" },
    );
    expect(kinds(items)).toEqual(["date", "m:a:F-", "m:a:--", "m:a:-L", "m:b:FL"]);
  });

  it("starts a new group after a long pause", () => {
    const items = buildItems([msg("a", "2026-03-01T10:00:00Z"), msg("a", "2026-03-01T10:20:00Z")], { unreadAfterId: null, meId: "me" });
    expect(kinds(items)).toEqual(["date", "m:a:FL", "m:a:FL"]);
  });

  it("draws the new-messages line above the first unread message from someone else, and breaks the group there", () => {
    const first = msg("a", "2026-03-01T10:00:00Z");
    const mine = msg("me", "2026-03-01T10:00:30Z");
    const second = msg("a", "2026-03-01T10:01:00Z");
    const third = msg("a", "2026-03-01T10:01:30Z");
    const items = buildItems([first, mine, second, third], { unreadAfterId: first.id, meId: "me" });
    expect(kinds(items)).toEqual(["date", "m:a:FL", "m:me:FL", "unread", "m:a:F-", "m:a:-L"]);
  });

  it("draws no line when nothing is unread", () => {
    const a = msg("a", "2026-03-01T10:00:00Z");
    expect(buildItems([a], { unreadAfterId: a.id, meId: "me" }).some((i) => i.type === "unread")).toBe(false);
    expect(buildItems([a], { unreadAfterId: null, meId: "me" }).some((i) => i.type === "unread")).toBe(false);
  });

  it("keys a sent message by its nonce so it keeps its row when the server's copy replaces it", () => {
    const pending = msg("me", "2026-03-01T10:00:00Z", { id: "local:n1", nonce: "n1" });
    const sent = { ...pending, id: "9999" };
    const a = buildItems([pending], { unreadAfterId: null, meId: "me" });
    const b = buildItems([sent], { unreadAfterId: null, meId: "me" });
    expect(a[1]?.key).toBe(b[1]?.key);
  });
});
