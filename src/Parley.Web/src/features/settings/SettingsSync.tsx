import { useEffect } from "react";
import { applyLanguage } from "../../i18n";
import { applyTheme } from "../../lib/theme";
import { useSettings } from "./api";

/** Once signed in, the server's theme and language win over what this browser had cached. */
export function SettingsSync() {
  const settings = useSettings();
  const theme = settings.data?.theme;
  const language = settings.data?.language;
  useEffect(() => {
    if (theme) applyTheme(theme);
  }, [theme]);
  useEffect(() => {
    if (language) applyLanguage(language);
  }, [language]);
  return null;
}
