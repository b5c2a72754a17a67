import { describe, expect, it } from "vitest";
import { toRegisterRequest, toUpdateMeRequest, toUpdateSettingsRequest } from "./wire";

describe("request bodies", () => {
  it("send null (unchanged) for profile fields not being changed, and keep empty strings (clear)", () => {
    expect(toUpdateMeRequest({ presence: "dnd" })).toEqual({ displayName: null, bio: null, statusText: null, presence: "dnd" });
    expect(toUpdateMeRequest({ bio: "" })).toEqual({ displayName: null, bio: "", statusText: null, presence: null });
  });

  it("send only the named settings, nested ones included", () => {
    expect(toUpdateSettingsRequest({ theme: "dark" })).toEqual({ theme: "dark", language: null, notifications: null, privacy: null });
    expect(toUpdateSettingsRequest({ privacy: { readReceipts: false } })).toEqual({
      theme: null,
      language: null,
      notifications: null,
      privacy: { lastSeen: null, onlineStatus: null, directMessages: null, readReceipts: false },
    });
    expect(toUpdateSettingsRequest({ notifications: { sound: false } }).notifications).toEqual({
      enabled: null,
      sound: false,
      showPreview: null,
    });
  });

  it("register sends null for the optional fields left out", () => {
    expect(toRegisterRequest({ username: "anna", password: "pw" })).toEqual({ username: "anna", password: "pw", email: null, displayName: null });
  });
});
