import { describe, expect, it } from "vitest";
import { avatarColorIndex, initials } from "./initials";

describe("initials", () => {
  it("takes the first letters of up to two words", () => {
    expect(initials("Anna Smith")).toBe("AS");
    expect(initials("anna_smith")).toBe("AS");
    expect(initials("bob")).toBe("B");
    expect(initials("  Мария  Иванова Петровна ")).toBe("МИ");
    expect(initials("")).toBe("?");
  });
});

describe("avatarColorIndex", () => {
  it("is stable and in range", () => {
    expect(avatarColorIndex("123")).toBe(avatarColorIndex("123"));
    for (const s of ["a", "b", "42", "anna"]) {
      const i = avatarColorIndex(s);
      expect(i).toBeGreaterThanOrEqual(0);
      expect(i).toBeLessThan(7);
    }
  });
});
