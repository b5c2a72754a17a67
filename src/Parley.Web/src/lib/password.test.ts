import { describe, expect, it } from "vitest";
import { passwordIssues, scorePassword } from "./password";

describe("passwordIssues (the server's policy)", () => {
  it("requires at least 8 characters", () => {
    expect(passwordIssues("abc1234")).toContain("tooShort");
    expect(passwordIssues("abc12345")).not.toContain("tooShort");
  });

  it("counts characters, not UTF-16 units", () => {
    expect(passwordIssues("😀😀😀😀a")).toContain("tooShort");
  });

  it("rejects a password made of one repeated character", () => {
    expect(passwordIssues("aaaaaaaaaa")).toEqual(["allSame"]);
    expect(passwordIssues("aaaaaaaaab")).toEqual([]);
  });

  it("rejects the username as password, ignoring case", () => {
    expect(passwordIssues("AnnaSmith", "annasmith")).toEqual(["sameAsUsername"]);
    expect(passwordIssues("AnnaSmith1", "annasmith")).toEqual([]);
  });

  it("reports several broken rules together", () => {
    expect(passwordIssues("zzz", "zzz")).toEqual(["tooShort", "allSame", "sameAsUsername"]);
  });
});

describe("scorePassword", () => {
  it("is empty-aware", () => {
    expect(scorePassword("")).toMatchObject({ score: 0, strength: "weak" });
  });

  it("calls anything that breaks the policy weak, however random", () => {
    expect(scorePassword("x#9Lq!").strength).toBe("weak");
    expect(scorePassword("Zq8#Lm2!vX", "zq8#lm2!vx").strength).toBe("weak");
  });

  it("calls common passwords weak even when decorated", () => {
    for (const pw of ["password", "Password123!", "P@ssw0rd", "qwerty123", "12345678", "iloveyou2024", "1q2w3e4r"]) {
      expect(scorePassword(pw).strength, pw).toBe("weak");
    }
  });

  it("calls runs and repeats weak", () => {
    expect(scorePassword("abcdefgh").strength).toBe("weak");
    expect(scorePassword("ababababab").strength).toBe("weak");
    expect(scorePassword("qwertyui").strength).toBe("weak");
  });

  it("rises with length and variety", () => {
    const order = ["kitten12", "Sunflower7", "Sunflower7!", "Correct-Horse-Battery-9"].map((p) => scorePassword(p).score);
    for (let i = 1; i < order.length; i++) expect(order[i]).toBeGreaterThanOrEqual(order[i - 1]!);
    expect(scorePassword("Sunflower7").strength).toBe("fair");
    expect(scorePassword("Sunflower7!").strength).toBe("good");
    expect(scorePassword("correct horse battery staple").strength).toBe("strong");
    expect(scorePassword("tR8#kLp2$vQ9zW").strength).toBe("strong");
  });

  it("marks down a password that contains the username", () => {
    const without = scorePassword("mountainriver42", "anna").bits;
    const withName = scorePassword("mountainriver42", "mountain").bits;
    expect(withName).toBeLessThan(without);
  });

  it("handles Cyrillic passwords", () => {
    expect(scorePassword("пароль").strength).toBe("weak");
    expect(["good", "strong"]).toContain(scorePassword("Медведь-Ходит-По-Лесу").strength);
  });
});
