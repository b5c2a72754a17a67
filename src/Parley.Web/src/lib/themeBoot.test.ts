// @vitest-environment jsdom
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { resolveTheme, type ThemePreference } from "./theme";

// public/theme-boot.js paints the theme before the bundle loads; it must agree with src/lib/theme.ts.
const bootScript = readFileSync(resolve(process.cwd(), "public/theme-boot.js"), "utf8");

function runBoot(stored: Record<string, string>, systemDark: boolean, navigatorLanguage = "en-US"): void {
  window.localStorage.clear();
  for (const [k, v] of Object.entries(stored)) window.localStorage.setItem(k, v);
  vi.stubGlobal("matchMedia", (query: string) => ({ matches: query.includes("dark") && systemDark }));
  vi.spyOn(window.navigator, "language", "get").mockReturnValue(navigatorLanguage);
  document.documentElement.removeAttribute("data-theme");
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const run = new Function(bootScript) as () => void;
  run();
}

describe("theme-boot.js", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  const prefs: (ThemePreference | undefined)[] = ["light", "dark", "auto", undefined];
  for (const pref of prefs) {
    for (const systemDark of [false, true]) {
      it(`paints what resolveTheme says for stored=${pref ?? "none"}, systemDark=${String(systemDark)}`, () => {
        runBoot(pref ? { "parley.theme": pref } : {}, systemDark);
        expect(document.documentElement.getAttribute("data-theme")).toBe(resolveTheme(pref ?? "auto", systemDark));
      });
    }
  }

  it("sets lang from the cached language, else from the browser", () => {
    runBoot({ "parley.language": "ru" }, false, "en-GB");
    expect(document.documentElement.lang).toBe("ru");
    runBoot({}, false, "ru-RU");
    expect(document.documentElement.lang).toBe("ru");
    runBoot({ "parley.language": "xx" }, false, "de-DE");
    expect(document.documentElement.lang).toBe("en");
  });
});
