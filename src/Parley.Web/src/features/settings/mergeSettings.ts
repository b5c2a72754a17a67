import type { Settings, SettingsChange } from "../../api/wire";

/** What the settings will be once the server accepts a partial update (nested objects merge). */
export function mergeSettings(current: Settings, patch: SettingsChange): Settings {
  return {
    ...current,
    ...(patch.theme ? { theme: patch.theme } : {}),
    ...(patch.language ? { language: patch.language } : {}),
    notifications: { ...current.notifications, ...patch.notifications },
    privacy: { ...current.privacy, ...patch.privacy },
  };
}
