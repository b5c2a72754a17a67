import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import { setApiLanguage } from "../api/client";
import en from "./en.json";
import { detectLanguage, LANGUAGE_STORAGE_KEY, type Language } from "./language";
import ru from "./ru.json";

function storedLanguage(): string | null {
  try {
    return window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    return null;
  }
}

const initial = detectLanguage(storedLanguage(), navigator.languages.length > 0 ? navigator.languages : [navigator.language]);

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, ru: { translation: ru } },
  lng: initial,
  fallbackLng: "en",
  supportedLngs: ["en", "ru"],
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

function reflect(language: Language): void {
  document.documentElement.lang = language;
  setApiLanguage(language);
  document.title = i18n.t("app.name");
}

reflect(initial);

/** Switches every string at once, updates <html lang> and remembers the choice for the next load. */
export function applyLanguage(language: Language): void {
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Not fatal: the language still applies for this visit.
  }
  if (i18n.language !== language) void i18n.changeLanguage(language);
  reflect(language);
}

export function currentLanguage(): Language {
  return i18n.language === "ru" ? "ru" : "en";
}

export default i18n;
