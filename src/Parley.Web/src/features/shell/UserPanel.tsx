import { useTranslation } from "react-i18next";
import { Avatar } from "../../lib/components/Avatar";
import { useMe } from "../auth/api";
import { StatusPicker } from "./StatusPicker";

export function UserPanel() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  if (!me) return null;
  const name = me.displayName?.trim() || me.username;
  return (
    <section className="user-panel" data-testid="user-panel" aria-label={t("shell.user.panel")}>
      <Avatar name={name} seed={me.id} presence={me.presence} src={me.avatarUrl} />
      <div className="user-panel__text">
        <span className="user-panel__name" data-testid="user-panel-name">
          {name}
        </span>
        <span className="user-panel__sub">{me.statusText?.trim() || `@${me.username}`}</span>
      </div>
      <StatusPicker presence={me.presence} />
    </section>
  );
}
