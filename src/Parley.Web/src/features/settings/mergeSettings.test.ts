import { describe, expect, it } from "vitest";
import type { Settings } from "../../api/wire";
import { mergeSettings } from "./mergeSettings";

const base: Settings = {
  theme: "auto",
  language: "en",
  notifications: { enabled: true, sound: true, showPreview: true },
  privacy: { lastSeen: "everyone", onlineStatus: "everyone", directMessages: "everyone", readReceipts: true },
};

describe("mergeSettings", () => {
  it("changes only what the patch names, including inside nested objects", () => {
    const merged = mergeSettings(base, { notifications: { sound: false }, privacy: { lastSeen: "nobody" } });
    expect(merged).toEqual({
      ...base,
      notifications: { enabled: true, sound: false, showPreview: true },
      privacy: { ...base.privacy, lastSeen: "nobody" },
    });
  });

  it("sets top-level values and does not modify the original", () => {
    const merged = mergeSettings(base, { theme: "dark", language: "ru" });
    expect(merged.theme).toBe("dark");
    expect(merged.language).toBe("ru");
    expect(base.theme).toBe("auto");
  });
});
