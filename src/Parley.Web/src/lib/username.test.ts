import { describe, expect, it } from "vitest";
import { checkUsernameFormat } from "./username";

describe("checkUsernameFormat", () => {
  it("accepts 3 to 32 letters, digits, underscores, dots and hyphens", () => {
    for (const ok of ["ann", "anna_smith", "anna.smith", "anna-smith", "A1_b.c-d", "x".repeat(32), "иван"]) {
      expect(checkUsernameFormat(ok), ok).toBeNull();
    }
  });

  it("rejects empty, short and long names", () => {
    expect(checkUsernameFormat("")).toBe("empty");
    expect(checkUsernameFormat("an")).toBe("tooShort");
    expect(checkUsernameFormat("x".repeat(33))).toBe("tooLong");
  });

  it("rejects spaces, @ and other symbols", () => {
    for (const bad of ["anna smith", "anna@home", "anna!", "an/na", "анна😀", " anna"]) {
      expect(checkUsernameFormat(bad), bad).toBe("invalidChars");
    }
  });

  it("reports bad characters before length", () => {
    expect(checkUsernameFormat("a!")).toBe("invalidChars");
  });
});
