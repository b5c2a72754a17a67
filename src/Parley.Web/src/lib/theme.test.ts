// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { applyTheme, readStoredTheme, resolveTheme, THEME_STORAGE_KEY } from "./theme";

describe("resolveTheme", () => {
  it("keeps an explicit light or dark choice whatever the system says", () => {
    expect(resolveTheme("light", true)).toBe("light");
    expect(resolveTheme("light", false)).toBe("light");
    expect(resolveTheme("dark", false)).toBe("dark");
    expect(resolveTheme("dark", true)).toBe("dark");
  });

  it("follows the system preference on auto", () => {
    expect(resolveTheme("auto", true)).toBe("dark");
    expect(resolveTheme("auto", false)).toBe("light");
  });
});

describe("readStoredTheme", () => {
  it("reads a valid stored value and falls back to auto otherwise", () => {
    expect(readStoredTheme({ getItem: () => "dark" })).toBe("dark");
    expect(readStoredTheme({ getItem: () => "purple" })).toBe("auto");
    expect(readStoredTheme({ getItem: () => null })).toBe("auto");
    expect(readStoredTheme(undefined)).toBe("auto");
    expect(
      readStoredTheme({
        getItem: () => {
          throw new Error("denied");
        },
      }),
    ).toBe("auto");
  });
});

describe("applyTheme", () => {
  let systemDark = false;
  const changeListeners: (() => void)[] = [];

  beforeEach(() => {
    systemDark = false;
    vi.stubGlobal(
      "matchMedia",
      vi.fn((query: string) => ({
        get matches() {
          return query.includes("dark") && systemDark;
        },
        media: query,
        addEventListener: (_: string, cb: () => void) => changeListeners.push(cb),
        removeEventListener: vi.fn(),
      })),
    );
    window.localStorage.clear();
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("sets data-theme on <html> and caches the choice", () => {
    applyTheme("dark");
    expect(document.documentElement.dataset.theme).toBe("dark");
    expect(window.localStorage.getItem(THEME_STORAGE_KEY)).toBe("dark");
    applyTheme("light");
    expect(document.documentElement.dataset.theme).toBe("light");
    expect(window.localStorage.getItem(THEME_STORAGE_KEY)).toBe("light");
  });

  it("follows live system changes only while on auto", () => {
    applyTheme("auto");
    expect(document.documentElement.dataset.theme).toBe("light");
    systemDark = true;
    for (const cb of changeListeners) cb();
    expect(document.documentElement.dataset.theme).toBe("dark");

    applyTheme("light");
    systemDark = false;
    for (const cb of changeListeners) cb();
    systemDark = true;
    for (const cb of changeListeners) cb();
    expect(document.documentElement.dataset.theme).toBe("light");
  });
});
