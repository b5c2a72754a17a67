import { useTranslation } from "react-i18next";
import { applyLanguage, currentLanguage } from "../../i18n";
import type { Language } from "../../i18n/language";
import { ChoiceCards } from "./ChoiceCards";
import { useSaveSettings } from "./useSaveSettings";

export function LanguageSection() {
  const { t, i18n } = useTranslation();
  const save = useSaveSettings();
  // Re-rendered by react-i18next when the language changes.
  const language = i18n.language === "ru" ? "ru" : currentLanguage();

  function choose(next: Language) {
    applyLanguage(next);
    save({ language: next });
  }

  return (
    <div className="settings-stack">
      <p className="settings-lead">{t("settings.language.description")}</p>
      <ChoiceCards
        name="language"
        legend={t("settings.language.title")}
        value={language}
        onChange={choose}
        variant="list"
        choices={[
          { value: "en", label: "English", hint: t("settings.language.en"), testId: "language-en", lang: "en" },
          { value: "ru", label: "Русский", hint: t("settings.language.ru"), testId: "language-ru", lang: "ru" },
        ]}
      />
    </div>
  );
}
