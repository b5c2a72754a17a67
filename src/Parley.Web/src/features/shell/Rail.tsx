import { useTranslation } from "react-i18next";
import { NavLink } from "react-router-dom";
import { Icon, type IconName } from "../../lib/components/Icon";

function RailLink({ to, icon, label, testId, end }: { to: string; icon: IconName; label: string; testId?: string; end?: boolean }) {
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
      </span>
      <span className="rail__label">{label}</span>
    </NavLink>
  );
}

export function Rail() {
  const { t } = useTranslation();
  return (
    <nav className="rail" data-testid="rail" aria-label={t("shell.rail.label")}>
      <RailLink to="/" end icon="chat" label={t("shell.rail.home")} testId="home-link" />
      <div className="rail__spacer" />
      <RailLink to="/settings" icon="settings" label={t("shell.rail.settings")} testId="settings-link" />
      <RailLink to="/help" icon="help" label={t("shell.rail.help")} testId="help-link" />
    </nav>
  );
}
