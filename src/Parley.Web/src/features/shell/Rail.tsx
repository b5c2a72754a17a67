import { useState } from "react";
import { useTranslation } from "react-i18next";
import { NavLink } from "react-router-dom";
import { Icon, type IconName } from "../../lib/components/Icon";
import { useMe } from "../auth/api";
import { useChannels, useFriendRequests } from "../chat/api";
import { totalUnread } from "../chat/reducers";
import { AddServerDialog } from "../servers/AddServerDialog";
import { AddServerButton, RailServers } from "../servers/RailServers";

function RailLink({ to, icon, label, testId, end, badge = 0 }: { to: string; icon: IconName; label: string; testId?: string; end?: boolean; badge?: number }) {
  return (
    <NavLink
      to={to}
      end={end}
      className={({ isActive }) => `rail__item${isActive ? " rail__item--active" : ""}`}
      title={label}
      data-testid={testId}
    >
      <span className="rail__icon">
        <Icon name={icon} size={24} />
        {badge > 0 ? <span className="rail__badge">{badge > 99 ? "99+" : badge}</span> : null}
      </span>
      <span className="rail__label">{label}</span>
    </NavLink>
  );
}

export function Rail() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const unread = totalUnread(useChannels(Boolean(me)).data);
  const requests = useFriendRequests(Boolean(me)).data?.incoming.length ?? 0;
  const [adding, setAdding] = useState(false);
  return (
    <nav className="rail" data-testid="rail" aria-label={t("shell.rail.label")}>
      <RailLink to="/" end icon="chat" label={t("shell.rail.home")} testId="home-link" badge={unread} />
      <RailLink to="/friends" icon="users" label={t("friends.rail")} testId="friends-tab" badge={requests} />
      <div className="rail__divider" aria-hidden="true" />
      <RailServers enabled={Boolean(me)} />
      <AddServerButton
        onClick={() => {
          setAdding(true);
        }}
      />
      <div className="rail__spacer" />
      <RailLink to="/settings" icon="settings" label={t("shell.rail.settings")} testId="settings-link" />
      <RailLink to="/help" icon="help" label={t("shell.rail.help")} testId="help-link" />
      {adding ? (
        <AddServerDialog
          onClose={() => {
            setAdding(false);
          }}
        />
      ) : null}
    </nav>
  );
}
