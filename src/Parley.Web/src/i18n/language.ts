export const LANGUAGES = ["en", "ru"] as const;
export type Language = (typeof LANGUAGES)[number];
export const LANGUAGE_STORAGE_KEY = "parley.language";

export function isLanguage(value: unknown): value is Language {
  return value === "en" || value === "ru";
}

/** The cached choice, else the browser's language when we have it, else English. */
export function detectLanguage(stored: string | null, browserLanguages: readonly string[]): Language {
  if (isLanguage(stored)) return stored;
  for (const lang of browserLanguages) {
    const base = lang.toLowerCase().split("-")[0];
    if (isLanguage(base)) return base;
  }
  return "en";
}
