import { useEffect, useRef, type ComponentType } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, NavLink, useNavigate, useParams } from "react-router-dom";
import { Avatar } from "../../lib/components/Avatar";
import { Icon } from "../../lib/components/Icon";
import { useToast } from "../../lib/components/toastContext";
import { generalErrorMessage } from "../../lib/errors";
import { useIsPhone } from "../../lib/hooks";
import { useLogout, useMe } from "../auth/api";
import { AppearanceSection } from "./AppearanceSection";
import { LanguageSection } from "./LanguageSection";
import { NotificationsSection } from "./NotificationsSection";
import { PrivacySection } from "./PrivacySection";
import { ProfileSection } from "./ProfileSection";
import { isSection, SECTION_ICONS, SECTIONS, type SectionId } from "./sections";
import { SecuritySection } from "./SecuritySection";
import { SessionsSection } from "./SessionsSection";
import { TokensSection } from "./TokensSection";
import "./settings.css";

const CONTENT: Record<SectionId, ComponentType> = {
  profile: ProfileSection,
  appearance: AppearanceSection,
  language: LanguageSection,
  notifications: NotificationsSection,
  privacy: PrivacySection,
  security: SecuritySection,
  sessions: SessionsSection,
  tokens: TokensSection,
};

function BackButton({ to, label }: { to: string; label: string }) {
  return (
    <Link to={to} className="icon-button back-button" aria-label={label} data-testid="back-button">
      <Icon name="back" size={22} />
    </Link>
  );
}

function SettingsNav({ isPhone }: { isPhone: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const toast = useToast();
  const { data: me } = useMe();
  const logout = useLogout();
  const name = me ? me.displayName?.trim() || me.username : "";

  return (
    <nav className="settings-nav" aria-label={t("settings.navLabel")}>
      <header className="pane-header">
        {isPhone ? <BackButton to="/" label={t("common.back")} /> : null}
        <h1 className="pane-header__title">{t("settings.title")}</h1>
      </header>
      <div className="settings-nav__scroll">
        {me ? (
          <Link to="/settings/profile" className="settings-nav__me">
            <Avatar name={name} seed={me.id} size="lg" presence={me.presence} src={me.avatarUrl} />
            <span className="settings-nav__me-text">
              <span className="settings-nav__me-name">{name}</span>
              <span className="settings-nav__me-username">@{me.username}</span>
            </span>
          </Link>
        ) : null}
        <ul className="settings-nav__list">
          {SECTIONS.map((s) => (
            <li key={s}>
              <NavLink
                to={`/settings/${s}`}
                className={({ isActive }) => `settings-nav__item${isActive ? " settings-nav__item--active" : ""}`}
                data-testid={`settings-nav-${s}`}
              >
                <span className={`settings-nav__icon settings-nav__icon--${s}`}>
                  <Icon name={SECTION_ICONS[s]} size={20} />
                </span>
                <span className="settings-nav__label">{t(`settings.sections.${s}`)}</span>
                <Icon name="chevronRight" size={18} className="settings-nav__chevron" />
              </NavLink>
            </li>
          ))}
        </ul>
        <button
          type="button"
          className="settings-nav__item settings-nav__logout"
          data-testid="logout-button"
          disabled={logout.isPending}
          onClick={() => {
            logout.mutate(undefined, {
              onSuccess: () => {
                void navigate("/login", { replace: true });
              },
              onError: (error) => {
                toast.show(generalErrorMessage(error, t), "error");
                void navigate("/login", { replace: true });
              },
            });
          }}
        >
          <span className="settings-nav__icon settings-nav__icon--logout">
            <Icon name="logout" size={20} />
          </span>
          <span className="settings-nav__label">{t("settings.signOut")}</span>
        </button>
      </div>
    </nav>
  );
}

export function SettingsPage() {
  const { t } = useTranslation();
  const { section } = useParams();
  const isPhone = useIsPhone();
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    // Moving between sections: put focus (and the screen reader) on the new section's heading.
    if (section) heading.current?.focus({ preventScroll: true });
  }, [section]);

  if (section !== undefined && !isSection(section)) return <Navigate to="/settings/profile" replace />;
  if (section === undefined && !isPhone) return <Navigate to="/settings/profile" replace />;

  const Content = section ? CONTENT[section] : null;

  return (
    <div className={`settings${section ? " settings--section" : " settings--index"}`}>
      {!isPhone || !section ? <SettingsNav isPhone={isPhone} /> : null}
      {section && Content ? (
        <main className="settings__content" aria-labelledby="settings-heading">
          <header className="pane-header">
            {isPhone ? <BackButton to="/settings" label={t("common.back")} /> : null}
            <h2 className="pane-header__title" id="settings-heading" tabIndex={-1} ref={heading}>
              {t(`settings.sections.${section}`)}
            </h2>
          </header>
          <div className="settings__scroll">
            <div className="settings__inner" data-testid={`settings-section-${section}`}>
              <Content />
            </div>
          </div>
        </main>
      ) : null}
    </div>
  );
}
