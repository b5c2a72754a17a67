import { useTranslation } from "react-i18next";
import { Spinner } from "../../lib/components/Spinner";
import { useConnectionStatus } from "./hooks";

/** "Connecting…" / "Waiting for network…" while the live connection is down (it fades in after a short grace period). */
export function ConnectionBar() {
  const { t } = useTranslation();
  const status = useConnectionStatus();
  if (status === "connected") return null;
  return (
    <div className="connection-bar" role="status" data-testid="connection-bar" data-status={status}>
      <Spinner />
      {status === "offline" ? t("chat.connection.offline") : t("chat.connection.connecting")}
    </div>
  );
}
