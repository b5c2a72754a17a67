import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { applyLanguage, currentLanguage } from "../../i18n";
import { isLanguage } from "../../i18n/language";
import "./auth.css";

interface AuthLayoutProps {
  title: string;
  subtitle: string;
  children: ReactNode;
  footer: ReactNode;
}

export function AuthLayout({ title, subtitle, children, footer }: AuthLayoutProps) {
  const { t } = useTranslation();
  return (
    <div className="auth">
      <main className="auth__main">
        <div className="auth__card">
          <div className="auth__brand">
            <img src="/icon.svg" alt="" width={72} height={72} className="auth__logo" />
            <h1 className="auth__title">{title}</h1>
            <p className="auth__subtitle">{subtitle}</p>
          </div>
          {children}
        </div>
        <p className="auth__footer">{footer}</p>
      </main>
      <footer className="auth__bottom">
        <label className="auth__language">
          <span className="visually-hidden">{t("settings.language.title")}</span>
          <select
            className="auth__language-select"
            value={currentLanguage()}
            onChange={(e) => {
              if (isLanguage(e.target.value)) applyLanguage(e.target.value);
            }}
          >
            <option value="en">English</option>
            <option value="ru">Русский</option>
          </select>
        </label>
        <span className="auth__tagline">{t("auth.tagline")}</span>
      </footer>
    </div>
  );
}
