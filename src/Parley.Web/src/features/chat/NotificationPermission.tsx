import { useState } from "react";
import { useTranslation } from "react-i18next";
import { notificationPermission, requestNotificationPermission } from "./notifications";

/** Asks the browser for notification permission, only when the person clicks (never on page load). */
export function NotificationPermission() {
  const { t } = useTranslation();
  const [permission, setPermission] = useState(notificationPermission);
  if (permission === "unsupported") return <p className="field__hint">{t("chat.notify.unsupported")}</p>;
  if (permission === "granted") return <p className="field__hint" data-testid="notifications-permission-granted">{t("chat.notify.permissionGranted")}</p>;
  if (permission === "denied") return <p className="field__hint">{t("chat.notify.permissionDenied")}</p>;
  return (
    <button
      type="button"
      className="button button--secondary button--small"
      data-testid="notifications-permission"
      onClick={() => {
        void requestNotificationPermission().then(setPermission);
      }}
    >
      {t("chat.notify.permissionButton")}
    </button>
  );
}
