import { describe, expect, it } from "vitest";
import { mentionsUser } from "./mentions";

const base = { author: { id: "1", username: "anna", displayName: null }, mentions: [], mentionsEveryone: false, mentionRoleIds: [] as string[] };

describe("mentionsUser", () => {
  it("is true for a mention by name", () => {
    expect(mentionsUser({ ...base, mentions: [{ id: "2", username: "boris", displayName: null }] }, "2")).toBe(true);
  });
  it("is true for @everyone, but never for the author", () => {
    expect(mentionsUser({ ...base, mentionsEveryone: true }, "2")).toBe(true);
    expect(mentionsUser({ ...base, mentionsEveryone: true }, "1")).toBe(false);
  });
  it("is true only for holders of a mentioned role", () => {
    const message = { ...base, mentionRoleIds: ["77"] };
    expect(mentionsUser(message, "2", ["77"])).toBe(true);
    expect(mentionsUser(message, "2", ["78"])).toBe(false);
    expect(mentionsUser(message, "2")).toBe(false);
  });
  it("is false for nobody signed in", () => {
    expect(mentionsUser({ ...base, mentionsEveryone: true }, undefined)).toBe(false);
  });
});
