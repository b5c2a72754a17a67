import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Icon } from "../../lib/components/Icon";
import { SEARCH_INPUT_ID, takeSearchFocusRequest } from "./chatSearch";
import { UserPanel } from "./UserPanel";


export function Sidebar() {
  const { t } = useTranslation();
  const [query, setQuery] = useState("");
  const trimmed = query.trim();
  const searchRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (takeSearchFocusRequest()) searchRef.current?.focus();
  }, []);

  return (
    <aside className="sidebar" data-testid="sidebar" aria-label={t("shell.sidebar.label")}>
      <header className="sidebar__header">
        <h1 className="sidebar__title">{t("shell.sidebar.title")}</h1>
        <div className="search">
          <Icon name="search" size={18} className="search__icon" />
          <input
            ref={searchRef}
            id={SEARCH_INPUT_ID}
            className="search__input"
            type="search"
            value={query}
            placeholder={t("shell.sidebar.searchPlaceholder")}
            aria-label={t("shell.sidebar.searchLabel")}
            aria-keyshortcuts="Control+K"
            data-testid="chat-search"
            autoComplete="off"
            onChange={(e) => {
              setQuery(e.target.value);
            }}
            onKeyDown={(e) => {
              if (e.key === "Escape" && query !== "") {
                e.stopPropagation();
                setQuery("");
              }
            }}
          />
          {query !== "" ? (
            <button
              type="button"
              className="icon-button icon-button--small search__clear"
              aria-label={t("shell.sidebar.clearSearch")}
              onClick={() => {
                setQuery("");
                searchRef.current?.focus();
              }}
            >
              <Icon name="close" size={16} />
            </button>
          ) : null}
        </div>
      </header>
      <div className="sidebar__list" role="list" aria-label={t("shell.sidebar.chats")}>
        {trimmed === "" ? (
          <div className="empty-state" data-testid="chat-list-empty">
            <span className="empty-state__art" aria-hidden="true">
              <Icon name="chat" size={36} />
            </span>
            <p className="empty-state__title">{t("shell.sidebar.noChats")}</p>
            <p className="empty-state__hint">{t("shell.sidebar.noChatsHint")}</p>
          </div>
        ) : (
          <div className="empty-state" data-testid="chat-search-empty">
            <span className="empty-state__art" aria-hidden="true">
              <Icon name="search" size={32} />
            </span>
            <p className="empty-state__title">{t("shell.sidebar.noResults", { query: trimmed })}</p>
            <p className="empty-state__hint">{t("shell.sidebar.noResultsHint")}</p>
          </div>
        )}
      </div>
      <UserPanel />
    </aside>
  );
}
