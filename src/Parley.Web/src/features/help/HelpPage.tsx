import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { Icon, type IconName } from "../../lib/components/Icon";
import { useIsPhone } from "../../lib/hooks";
import "./help.css";

const TOPICS = ["startChat", "groups", "servers", "invites", "secret", "privacy"] as const;
type Topic = (typeof TOPICS)[number];

const TOPIC_ICONS: Record<Topic, IconName> = {
  startChat: "chat",
  groups: "users",
  servers: "server",
  invites: "link",
  secret: "shield",
  privacy: "lock",
};

const SHORTCUTS = [
  { id: "search", keys: ["Ctrl", "K"] },
  { id: "send", keys: ["Enter"] },
  { id: "newline", keys: ["Shift", "Enter"] },
  { id: "editLast", keys: ["↑"] },
  { id: "close", keys: ["Esc"] },
  { id: "navigate", keys: ["Tab"] },
] as const;

export function HelpPage() {
  const { t } = useTranslation();
  const isPhone = useIsPhone();

  return (
    <main className="help" aria-labelledby="help-title" data-testid="help-page">
      <header className="pane-header">
        {isPhone ? (
          <Link to="/" className="icon-button back-button" aria-label={t("common.back")} data-testid="back-button">
            <Icon name="back" size={22} />
          </Link>
        ) : null}
        <h1 className="pane-header__title" id="help-title">
          {t("help.title")}
        </h1>
      </header>
      <div className="help__scroll">
        <article className="help__inner">
          <p className="help__intro">{t("help.intro")}</p>
          <nav className="help__toc" aria-label={t("help.contents")}>
            {[...TOPICS, "shortcuts" as const].map((topic) => (
              <a key={topic} href={`#help-${topic}`} className="chip">
                {t(`help.${topic}.title`)}
              </a>
            ))}
          </nav>
          {TOPICS.map((topic) => (
            <section key={topic} className="help__topic" id={`help-${topic}`} aria-labelledby={`help-${topic}-title`}>
              <span className={`help__topic-icon help__topic-icon--${topic}`} aria-hidden="true">
                <Icon name={TOPIC_ICONS[topic]} size={22} />
              </span>
              <div className="help__topic-body">
                <h2 id={`help-${topic}-title`}>{t(`help.${topic}.title`)}</h2>
                <p>{t(`help.${topic}.p1`)}</p>
                <p>{t(`help.${topic}.p2`)}</p>
              </div>
            </section>
          ))}
          <section className="help__topic" id="help-shortcuts" aria-labelledby="help-shortcuts-title">
            <span className="help__topic-icon help__topic-icon--shortcuts" aria-hidden="true">
              <Icon name="keyboard" size={22} />
            </span>
            <div className="help__topic-body">
              <h2 id="help-shortcuts-title">{t("help.shortcuts.title")}</h2>
              <p>{t("help.shortcuts.p1")}</p>
              <table className="shortcuts">
                <caption className="visually-hidden">{t("help.shortcuts.title")}</caption>
                <thead className="visually-hidden">
                  <tr>
                    <th scope="col">{t("help.shortcuts.keys")}</th>
                    <th scope="col">{t("help.shortcuts.action")}</th>
                  </tr>
                </thead>
                <tbody>
                  {SHORTCUTS.map((s) => (
                    <tr key={s.id}>
                      <td className="shortcuts__keys">
                        {s.keys.map((k, i) => (
                          <span key={k}>
                            {i > 0 ? <span className="shortcuts__plus">+</span> : null}
                            <kbd>{k}</kbd>
                          </span>
                        ))}
                      </td>
                      <td>{t(`help.shortcuts.items.${s.id}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </article>
      </div>
    </main>
  );
}
