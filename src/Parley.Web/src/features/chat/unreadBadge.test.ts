import { describe, expect, it } from "vitest";
import { shouldNotify } from "./notifications";
import type { Channel } from "./model";
import { badgeLabel, titleWithUnread } from "./unreadBadge";

describe("tab title and favicon badge", () => {
  it("prefixes the count when something is unread", () => {
    expect(titleWithUnread("Parley", 0)).toBe("Parley");
    expect(titleWithUnread("Parley", 3)).toBe("(3) Parley");
    expect(titleWithUnread("Parley", 12345)).toBe("(999+) Parley");
  });

  it("labels the favicon badge", () => {
    expect(badgeLabel(0)).toBeNull();
    expect(badgeLabel(7)).toBe("7");
    expect(badgeLabel(150)).toBe("99+");
  });
});

describe("shouldNotify", () => {
  const direct = { type: "direct", muted: false } as Channel;
  const group = { type: "group", muted: false } as Channel;
  const base = { hidden: true, enabled: true, permission: "granted" as const, presence: "online", channel: direct, mentionsMe: false };

  it("notifies for direct messages and mentions while the tab is hidden", () => {
    expect(shouldNotify(base)).toBe(true);
    expect(shouldNotify({ ...base, channel: group })).toBe(false);
    expect(shouldNotify({ ...base, channel: group, mentionsMe: true })).toBe(true);
  });

  it("stays quiet when visible, muted, on do-not-disturb, switched off or not permitted", () => {
    expect(shouldNotify({ ...base, hidden: false })).toBe(false);
    expect(shouldNotify({ ...base, channel: { ...direct, muted: true } })).toBe(false);
    expect(shouldNotify({ ...base, presence: "dnd" })).toBe(false);
    expect(shouldNotify({ ...base, enabled: false })).toBe(false);
    expect(shouldNotify({ ...base, permission: "default" })).toBe(false);
  });
});
