export type ThemePreference = "light" | "dark" | "auto";
export type ResolvedTheme = "light" | "dark";

export const THEME_STORAGE_KEY = "parley.theme";
export const DARK_QUERY = "(prefers-color-scheme: dark)";

export function isThemePreference(value: unknown): value is ThemePreference {
  return value === "light" || value === "dark" || value === "auto";
}

/** The theme to paint: an explicit choice wins, "auto" follows the system. */
export function resolveTheme(preference: ThemePreference, systemPrefersDark: boolean): ResolvedTheme {
  if (preference === "auto") return systemPrefersDark ? "dark" : "light";
  return preference;
}

export function readStoredTheme(storage: Pick<Storage, "getItem"> | undefined): ThemePreference {
  try {
    const value = storage?.getItem(THEME_STORAGE_KEY);
    return isThemePreference(value) ? value : "auto";
  } catch {
    return "auto";
  }
}

function systemPrefersDark(): boolean {
  return typeof window.matchMedia === "function" && window.matchMedia(DARK_QUERY).matches;
}

let currentPreference: ThemePreference = "auto";
let mediaQuery: MediaQueryList | null = null;
const listeners = new Set<(preference: ThemePreference) => void>();

function paint(): void {
  const resolved = resolveTheme(currentPreference, systemPrefersDark());
  const root = document.documentElement;
  root.dataset.theme = resolved;
  root.dataset.themePreference = currentPreference;
  // The browser chrome follows the painted theme, not the system one.
  for (const meta of document.querySelectorAll<HTMLMetaElement>('meta[name="theme-color"]')) {
    meta.content = resolved === "dark" ? "#17212b" : "#ffffff";
  }
}

function onSystemChange(): void {
  if (currentPreference === "auto") paint();
}

/** Applies a theme at once, remembers it for the next load and keeps "auto" in step with the system. */
export function applyTheme(preference: ThemePreference): void {
  currentPreference = preference;
  try {
    window.localStorage.setItem(THEME_STORAGE_KEY, preference);
  } catch {
    // Storage may be unavailable (private mode); the theme still applies for this visit.
  }
  if (!mediaQuery && typeof window.matchMedia === "function") {
    mediaQuery = window.matchMedia(DARK_QUERY);
    mediaQuery.addEventListener("change", onSystemChange);
  }
  paint();
  for (const listener of listeners) listener(preference);
}

export function getThemePreference(): ThemePreference {
  return currentPreference;
}

export function subscribeTheme(listener: (preference: ThemePreference) => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Called once at start-up: picks up what theme-boot.js painted and starts following the system. */
export function initTheme(): void {
  applyTheme(readStoredTheme(typeof window === "undefined" ? undefined : window.localStorage));
}
