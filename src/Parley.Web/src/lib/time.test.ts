import { describe, expect, it } from "vitest";
import { formatRelative } from "./time";

describe("formatRelative", () => {
  const now = new Date("2026-03-10T12:00:00Z");
  it("picks the largest fitting unit", () => {
    expect(formatRelative("2026-03-10T11:55:00Z", "en", now)).toBe("5 minutes ago");
    expect(formatRelative("2026-03-10T09:00:00Z", "en", now)).toBe("3 hours ago");
    expect(formatRelative("2026-03-09T12:00:00Z", "en", now)).toBe("yesterday");
    expect(formatRelative("2026-03-10T11:59:50Z", "en", now)).toBe("now");
  });
  it("speaks Russian", () => {
    expect(formatRelative("2026-03-10T11:55:00Z", "ru", now)).toBe("5 минут назад");
  });
  it("returns an empty string for garbage", () => {
    expect(formatRelative("not a date", "en", now)).toBe("");
  });
});
