import { useTranslation } from "react-i18next";
import { Switch } from "../../lib/components/Switch";
import { NotificationPermission } from "../chat/NotificationPermission";
import { useSettings } from "./api";
import { QueryState } from "./QueryState";
import { useSaveSettings } from "./useSaveSettings";

export function NotificationsSection() {
  const { t } = useTranslation();
  const settings = useSettings();
  const save = useSaveSettings();
  return (
    <div className="settings-stack">
      <p className="settings-lead">{t("settings.notifications.description")}</p>
      <NotificationPermission />
      <QueryState query={settings}>
        {({ notifications: n }) => (
          <div className="card card--list">
            <Switch
              label={t("settings.notifications.enabled")}
              hint={t("settings.notifications.enabledHint")}
              checked={n.enabled}
              testId="notifications-enabled"
              onChange={(enabled) => {
                save({ notifications: { enabled } });
              }}
            />
            <Switch
              label={t("settings.notifications.sound")}
              hint={t("settings.notifications.soundHint")}
              checked={n.sound}
              testId="notifications-sound"
              onChange={(sound) => {
                save({ notifications: { sound } });
              }}
            />
            <Switch
              label={t("settings.notifications.showPreview")}
              hint={t("settings.notifications.showPreviewHint")}
              checked={n.showPreview}
              testId="notifications-preview"
              onChange={(showPreview) => {
                save({ notifications: { showPreview } });
              }}
            />
          </div>
        )}
      </QueryState>
    </div>
  );
}
