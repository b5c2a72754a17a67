import { describe, expect, it } from "vitest";
import { detectLanguage } from "./language";

describe("detectLanguage", () => {
  it("prefers the cached choice", () => {
    expect(detectLanguage("ru", ["en-US"])).toBe("ru");
    expect(detectLanguage("en", ["ru-RU"])).toBe("en");
  });
  it("falls back to the first supported browser language, then English", () => {
    expect(detectLanguage(null, ["de-DE", "ru-RU", "en"])).toBe("ru");
    expect(detectLanguage("xx", ["fr"])).toBe("en");
    expect(detectLanguage(null, [])).toBe("en");
  });
});
