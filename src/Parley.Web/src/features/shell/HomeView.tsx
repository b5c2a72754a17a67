import { useTranslation } from "react-i18next";
import { Icon } from "../../lib/components/Icon";
import { Sidebar } from "./Sidebar";
import "../chat/chat.css";

export function HomeView() {
  const { t } = useTranslation();
  return (
    <>
      <Sidebar />
      <main className="conversation" aria-label={t("shell.conversation.label")}>
        <div className="conversation__empty" data-testid="conversation-empty">
          <span className="conversation__empty-art" aria-hidden="true">
            <Icon name="chat" size={44} />
          </span>
          <p className="conversation__empty-title">{t("shell.conversation.empty")}</p>
          <p className="conversation__empty-hint">{t("shell.conversation.emptyHint")}</p>
        </div>
      </main>
    </>
  );
}
