import { useSyncExternalStore } from "react";
import { useTranslation } from "react-i18next";
import { applyTheme, getThemePreference, subscribeTheme, type ThemePreference } from "../../lib/theme";
import { ChoiceCards } from "./ChoiceCards";
import { useSaveSettings } from "./useSaveSettings";

function ThemePreview({ kind }: { kind: ThemePreference }) {
  return (
    <span className={`theme-preview theme-preview--${kind}`} aria-hidden="true">
      <span className="theme-preview__side" />
      <span className="theme-preview__main">
        <span className="theme-preview__bubble theme-preview__bubble--in" />
        <span className="theme-preview__bubble theme-preview__bubble--out" />
      </span>
    </span>
  );
}

export function AppearanceSection() {
  const { t } = useTranslation();
  const save = useSaveSettings();
  const theme = useSyncExternalStore(subscribeTheme, getThemePreference);

  function choose(next: ThemePreference) {
    applyTheme(next); // at once, before the server answers
    save({ theme: next });
  }

  return (
    <div className="settings-stack">
      <p className="settings-lead">{t("settings.appearance.description")}</p>
      <ChoiceCards
        name="theme"
        legend={t("settings.appearance.theme")}
        value={theme}
        onChange={choose}
        choices={[
          { value: "light", label: t("settings.appearance.light"), art: <ThemePreview kind="light" />, testId: "theme-light" },
          { value: "dark", label: t("settings.appearance.dark"), art: <ThemePreview kind="dark" />, testId: "theme-dark" },
          {
            value: "auto",
            label: t("settings.appearance.auto"),
            hint: t("settings.appearance.autoHint"),
            art: <ThemePreview kind="auto" />,
            testId: "theme-auto",
          },
        ]}
      />
    </div>
  );
}
