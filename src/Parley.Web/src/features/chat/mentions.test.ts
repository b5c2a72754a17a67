import { describe, expect, it } from "vitest";
import { mentionSuggestions, mentionsUser } from "./mentions";

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

describe("mentionSuggestions", () => {
  const people = [
    { id: "2", username: "boris", displayName: "Boris" },
    { id: "3", username: "eva", displayName: "Eva Everett" },
  ];
  const groups = [
    { token: "everyone", name: "Everyone in this chat" },
    { token: "here", name: "Everyone online" },
    { token: "Editors", name: "Editors" },
  ];

  it("offers people first, then roles and @everyone, by prefix", () => {
    expect(mentionSuggestions(people, groups, "e").map((s) => s.token)).toEqual(["eva", "everyone", "Editors"]);
  });
  it("matches a role ignoring case and marks non-people with no user", () => {
    const [editors] = mentionSuggestions(people, groups, "edi");
    expect(editors).toEqual({ id: "group:Editors", token: "Editors", name: "Editors", user: null });
  });
  it("offers nothing that does not match, and at most the limit", () => {
    expect(mentionSuggestions(people, groups, "zz")).toEqual([]);
    expect(mentionSuggestions(people, groups, "", 2)).toHaveLength(2);
  });
});
