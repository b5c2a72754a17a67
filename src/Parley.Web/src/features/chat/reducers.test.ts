import { describe, expect, it } from "vitest";
import type { Channel, ChatMessage, Message, MessagesState } from "./model";
import {
  addPending,
  applyReaction,
  channelsOnDraft,
  channelsOnMessage,
  channelsOnPresence,
  channelsOnReadState,
  mergeMessages,
  prependPage,
  removeMessage,
  setPendingStatus,
  totalUnread,
  upsertMessage,
} from "./reducers";

function message(id: string, extra: Partial<Message> = {}): Message {
  return {
    id,
    channelId: "c1",
    author: { id: "other", username: "anna", displayName: "Anna" },
    content: `m${id}`,
    nonce: null,
    createdAt: "2026-03-01T10:00:00Z",
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

function pending(nonce: string): ChatMessage {
  return { ...message(`local:${nonce}`, { author: { id: "me", username: "me", displayName: null }, nonce }), status: "sending" };
}

const ids = (s: MessagesState | undefined) => s?.items.map((m) => m.id);

describe("optimistic send reconciliation", () => {
  it("replaces the pending copy with the server's, matched by nonce", () => {
    let s = mergeMessages(undefined, [message("10")]);
    s = addPending(s, pending("n1"));
    expect(ids(s)).toEqual(["10", "local:n1"]);
    s = upsertMessage(s, message("11", { author: { id: "me", username: "me", displayName: null }, nonce: "n1" }));
    expect(ids(s)).toEqual(["10", "11"]);
  });

  it("shows the message once whether the POST answer or the hub echo comes first", () => {
    const server = message("11", { author: { id: "me", username: "me", displayName: null }, nonce: "n1" });
    let a = addPending(mergeMessages(undefined, []), pending("n1"));
    a = upsertMessage(a, server); // echo
    a = upsertMessage(a, server); // POST answer
    let b = addPending(mergeMessages(undefined, []), pending("n1"));
    b = upsertMessage(b, server);
    b = upsertMessage(b, { ...server });
    expect(ids(a)).toEqual(["11"]);
    expect(ids(b)).toEqual(["11"]);
  });

  it("marks a failed send and lets a retry go back to sending", () => {
    let s: MessagesState | undefined = addPending(mergeMessages(undefined, []), pending("n1"));
    s = setPendingStatus(s, "n1", "failed");
    expect(s?.items[0]?.status).toBe("failed");
    s = setPendingStatus(s, "n1", "sending");
    expect(s?.items[0]?.status).toBe("sending");
  });

  it("keeps pending messages after every server message", () => {
    let s = addPending(mergeMessages(undefined, [message("10")]), pending("n1"));
    s = upsertMessage(s, message("12"));
    expect(ids(s)).toEqual(["10", "12", "local:n1"]);
  });
});

describe("message history", () => {
  it("sorts by id (as 64-bit numbers in strings) and dedupes", () => {
    const s = mergeMessages(undefined, [message("100"), message("99"), message("1000"), message("100")]);
    expect(ids(s)).toEqual(["99", "100", "1000"]);
  });

  it("prepends an older page and knows when the start is reached", () => {
    let s = mergeMessages(undefined, [message("50"), message("51")], true);
    s = prependPage(s, [message("49"), message("48")], 50);
    expect(ids(s)).toEqual(["48", "49", "50", "51"]);
    expect(s.hasOlder).toBe(false);
  });

  it("removes a deleted message and marks replies to it", () => {
    let s: MessagesState | undefined = mergeMessages(undefined, [
      message("1"),
      message("2", { replyTo: { id: "1", author: null, content: "m1", deleted: false } }),
    ]);
    s = removeMessage(s, "1");
    expect(ids(s)).toEqual(["2"]);
    expect(s?.items[0]?.replyTo?.deleted).toBe(true);
  });
});

describe("reactions", () => {
  it("counts an add once, marks mine, and removes on the last take-back", () => {
    let s: MessagesState | undefined = mergeMessages(undefined, [message("1")]);
    s = applyReaction(s, { messageId: "1", emoji: "👍", userId: "me" }, "me", true);
    s = applyReaction(s, { messageId: "1", emoji: "👍", userId: "me" }, "me", true); // echo of my own
    s = applyReaction(s, { messageId: "1", emoji: "👍", userId: "bob" }, "me", true);
    expect(s?.items[0]?.reactions).toEqual([{ emoji: "👍", count: 2, me: true, userIds: ["me", "bob"] }]);
    s = applyReaction(s, { messageId: "1", emoji: "👍", userId: "me" }, "me", false);
    expect(s?.items[0]?.reactions).toEqual([{ emoji: "👍", count: 1, me: false, userIds: ["bob"] }]);
    s = applyReaction(s, { messageId: "1", emoji: "👍", userId: "me" }, "me", false); // echo: no change
    expect(s?.items[0]?.reactions[0]?.count).toBe(1);
    s = applyReaction(s, { messageId: "1", emoji: "👍", userId: "bob" }, "me", false);
    expect(s?.items[0]?.reactions).toEqual([]);
  });
});

function channel(extra: Partial<Channel> = {}): Channel {
  return {
    id: "c1",
    type: "direct",
    name: null,
    ownerId: null,
    recipients: [
      { id: "me", username: "me", displayName: null, bio: null, statusText: null, presence: "online", lastSeenAt: null, isFriend: false, isBlocked: false, avatarUrl: null },
      { id: "other", username: "anna", displayName: "Anna", bio: null, statusText: null, presence: "offline", lastSeenAt: null, isFriend: false, isBlocked: false, avatarUrl: null },
    ],
    lastMessage: null,
    lastReadId: "0",
    unreadCount: 0,
    mentionCount: 0,
    muted: false,
    mutedUntil: null,
    draft: null,
    createdAt: "2026-01-01T00:00:00Z",
    ...extra,
  };
}

describe("chat list", () => {
  it("moves a chat with a new message to the top and counts it unread", () => {
    const list = [channel({ id: "c2", lastMessage: message("5", { channelId: "c2", createdAt: "2026-03-01T09:00:00Z" }) }), channel()];
    const next = channelsOnMessage(list, message("10", { createdAt: "2026-03-01T11:00:00Z" }), { meId: "me", reading: false });
    expect(next?.map((c) => c.id)).toEqual(["c1", "c2"]);
    expect(next?.[0]?.unreadCount).toBe(1);
  });

  it("does not count a message while I am reading the chat, nor my own, nor the same message twice", () => {
    const list = [channel()];
    expect(channelsOnMessage(list, message("10"), { meId: "me", reading: true })?.[0]?.unreadCount).toBe(0);
    expect(channelsOnMessage(list, message("10", { author: { id: "me", username: "me", displayName: null } }), { meId: "me", reading: false })?.[0]?.unreadCount).toBe(0);
    const once = channelsOnMessage(list, message("10"), { meId: "me", reading: false });
    expect(channelsOnMessage(once, message("10"), { meId: "me", reading: false })?.[0]?.unreadCount).toBe(1);
  });

  it("counts mentions of me", () => {
    const next = channelsOnMessage([channel()], message("10", { mentions: [{ id: "me", username: "me", displayName: null }] }), { meId: "me", reading: false });
    expect(next?.[0]?.mentionCount).toBe(1);
  });

  it("takes read state from another device", () => {
    const next = channelsOnReadState([channel({ unreadCount: 4 })], { channelId: "c1", lastReadId: "10", unreadCount: "0", mentionCount: 0 });
    expect(next?.[0]?.unreadCount).toBe(0);
    expect(next?.[0]?.lastReadId).toBe("10");
  });

  it("updates drafts and presence", () => {
    expect(channelsOnDraft([channel()], "c1", "hello")?.[0]?.draft).toBe("hello");
    const next = channelsOnPresence([channel()], { userId: "other", presence: "online", lastSeenAt: null });
    expect(next?.[0]?.recipients[1]?.presence).toBe("online");
  });

  it("totals unread over chats that are not muted", () => {
    expect(totalUnread([channel({ unreadCount: 3 }), channel({ id: "c2", unreadCount: 5, muted: true }), channel({ id: "c3", unreadCount: "2" })])).toBe(5);
  });
});
