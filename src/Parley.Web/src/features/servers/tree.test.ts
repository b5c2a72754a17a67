import { describe, expect, it } from "vitest";
import { buildChannelTree, orderedTextChannels, serverUnread, type ServerChannel } from "./tree";

function ch(id: string, over: Partial<ServerChannel> = {}): ServerChannel {
  return { id, type: "text", name: `c${id}`, topic: null, parentId: null, position: 0, lastMessageId: null, unreadCount: 0, mentionCount: 0, myPermissions: "7", lastReadId: "0", ...over };
}

describe("buildChannelTree", () => {
  const list = [
    ch("10", { type: "category", name: "Voice", position: 2 }),
    ch("11", { type: "category", name: "Text", position: 1 }),
    ch("1", { position: 0 }),
    ch("2", { parentId: "11", position: 1 }),
    ch("3", { parentId: "11", position: 0 }),
    ch("4", { parentId: "10" }),
    ch("5", { parentId: "99" }),
  ];

  it("puts loose channels first, then categories by position with their channels", () => {
    const tree = buildChannelTree(list);
    expect(tree.map((g) => g.category?.id ?? null)).toEqual([null, "11", "10"]);
    expect(tree[0]?.channels.map((c) => c.id)).toEqual(["1", "5"]);
    expect(tree[1]?.channels.map((c) => c.id)).toEqual(["3", "2"]);
    expect(tree[2]?.channels.map((c) => c.id)).toEqual(["4"]);
  });

  it("omits an empty top group and keeps empty categories", () => {
    const tree = buildChannelTree([ch("11", { type: "category" }), ch("2", { parentId: "11" })]);
    expect(tree.map((g) => g.category?.id)).toEqual(["11"]);
    expect(buildChannelTree([ch("11", { type: "category" })])[0]?.channels).toEqual([]);
  });

  it("orders text channels as shown", () => {
    expect(orderedTextChannels(list).map((c) => c.id)).toEqual(["1", "5", "3", "2", "4"]);
  });

  it("ties on position break by id", () => {
    expect(orderedTextChannels([ch("20"), ch("3")]).map((c) => c.id)).toEqual(["3", "20"]);
  });
});

describe("serverUnread", () => {
  it("sums mentions and flags unread", () => {
    expect(serverUnread([ch("1", { unreadCount: 2 }), ch("2", { mentionCount: "1", unreadCount: 1 })])).toEqual({ unread: true, mentions: 1 });
    expect(serverUnread([ch("1")])).toEqual({ unread: false, mentions: 0 });
    expect(serverUnread(undefined)).toEqual({ unread: false, mentions: 0 });
  });
});
