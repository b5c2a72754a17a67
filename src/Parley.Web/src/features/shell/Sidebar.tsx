import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { Avatar } from "../../lib/components/Avatar";
import { Icon } from "../../lib/components/Icon";
import { Spinner } from "../../lib/components/Spinner";
import { useToast } from "../../lib/components/toastContext";
import { reasonMessage } from "../../lib/errors";
import { useDebouncedValue } from "../../lib/hooks";
import { useMe } from "../auth/api";
import { openDirectChat, useChannels, usePeopleSearch } from "../chat/api";
import { ChatRow } from "../chat/ChatRow";
import { ConnectionBar } from "../chat/ConnectionBar";
import { useNow } from "../chat/hooks";
import { channelTitle, displayName, type PublicUser } from "../chat/model";
import { NewGroupDialog } from "../chat/NewGroupDialog";
import { formatLastSeen } from "../chat/format";
import { MessageResults } from "../search/MessageResults";
import { moveFocus } from "../search/keys";
import { withFilter, type SearchScope } from "../search/query";
import { ScopeChips } from "../search/ScopeChips";
import { SearchHints } from "../search/SearchHints";
import { rememberedQuery, rememberQuery } from "../search/searchStore";
import { SEARCH_INPUT_ID, takeSearchFocusRequest } from "./chatSearch";
import { UserPanel } from "./UserPanel";

export function Sidebar({ activeChannelId }: { activeChannelId?: string }) {
  const { t, i18n } = useTranslation();
  // Kept while moving between the list and a found message (each page has its own sidebar).
  const [query, setQueryState] = useState(rememberedQuery);
  const setQuery = (value: string) => {
    rememberQuery(value);
    setQueryState(value);
  };
  const trimmed = query.trim();
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const [scope, setScope] = useState<SearchScope>({ kind: "all" });
  const [helpOpen, setHelpOpen] = useState(false);
  const { data: me } = useMe();
  const channels = useChannels(Boolean(me));
  const now = useNow(60_000);
  const debounced = useDebouncedValue(trimmed, 250);
  const people = usePeopleSearch(debounced);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const toast = useToast();
  const [groupOpen, setGroupOpen] = useState(false);
  const [opening, setOpening] = useState<string | null>(null);

  useEffect(() => {
    if (takeSearchFocusRequest()) searchRef.current?.focus();
  }, []);

  const meId = me?.id ?? "";
  const list = channels.data;
  const filtered = useMemo(() => {
    if (!list) return [];
    if (trimmed === "") return list;
    const q = trimmed.toLocaleLowerCase();
    return list.filter(
      (c) =>
        channelTitle(c, meId).toLocaleLowerCase().includes(q) ||
        c.recipients.some((r) => r.id !== meId && (r.username.toLocaleLowerCase().includes(q) || displayName(r).toLocaleLowerCase().includes(q))),
    );
  }, [list, trimmed, meId]);

  async function openPerson(person: PublicUser) {
    setOpening(person.id);
    try {
      const channel = await openDirectChat(queryClient, person.id);
      setQuery("");
      void navigate(`/chats/${channel.id}`);
    } catch (error) {
      toast.show(reasonMessage(error, t), "error");
    } finally {
      setOpening(null);
    }
  }

  const searching = trimmed !== "";
  const peopleList = searching && debounced === trimmed ? (people.data ?? []) : [];

  return (
    <aside className="sidebar" data-testid="sidebar" aria-label={t("shell.sidebar.label")}>
      <header className="sidebar__header">
        <div className="sidebar__title-row">
          <h1 className="sidebar__title">{t("shell.sidebar.title")}</h1>
          <button
            type="button"
            className="icon-button"
            data-testid="new-group-button"
            title={t("chat.list.newGroup")}
            aria-label={t("chat.list.newGroup")}
            onClick={() => {
              setGroupOpen(true);
            }}
          >
            <Icon name="edit" size={20} />
          </button>
        </div>
        <ConnectionBar />
        <div className="search-row">
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
                } else if (e.key === "ArrowDown" && moveFocus(listRef.current, searchRef.current, e.key)) {
                  e.preventDefault();
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
          <button
            type="button"
            className="icon-button icon-button--small search-help-toggle"
            data-testid="search-help-toggle"
            aria-expanded={helpOpen}
            aria-label={t("search.hints.toggle")}
            title={t("search.hints.toggle")}
            onClick={() => {
              setHelpOpen((open) => !open);
            }}
          >
            <Icon name="help" size={18} />
          </button>
        </div>
      </header>
      <div
        ref={listRef}
        className="sidebar__list"
        role="list"
        aria-label={t("shell.sidebar.chats")}
        data-testid="chat-list"
        onKeyDown={(e) => {
          if (e.key === "Escape" && query !== "") {
            setQuery("");
            searchRef.current?.focus();
          } else if (moveFocus(listRef.current, searchRef.current, e.key)) {
            e.preventDefault();
          }
        }}
      >
        {helpOpen ? (
          <SearchHints
            onInsert={(filter) => {
              setQuery(withFilter(query, filter));
              searchRef.current?.focus();
            }}
          />
        ) : null}
        {channels.isPending && me ? (
          <ChatListSkeleton />
        ) : channels.isError ? (
          <div className="empty-state">
            <p className="empty-state__title">{t("chat.list.loadFailed")}</p>
            <button type="button" className="button button--secondary button--small" onClick={() => void channels.refetch()}>
              {t("common.retry")}
            </button>
          </div>
        ) : (
          <>
            {searching && filtered.length > 0 ? <h2 className="sidebar__section">{t("chat.list.chats")}</h2> : null}
            {filtered.map((c) => (
              <ChatRow key={c.id} channel={c} meId={meId} active={c.id === activeChannelId} now={now} />
            ))}
            {searching ? (
              <>
                {peopleList.length > 0 ? <h2 className="sidebar__section">{t("chat.list.people")}</h2> : null}
                {peopleList.map((p) => (
                  <button
                    key={p.id}
                    type="button"
                    role="listitem"
                    className="chat-row chat-row--person"
                    data-testid="person-result"
                    data-user-id={p.id}
                    disabled={opening !== null}
                    onClick={() => void openPerson(p)}
                  >
                    <Avatar name={displayName(p)} seed={p.id} src={p.avatarUrl} presence={p.presence} />
                    <span className="chat-row__body">
                      <span className="chat-row__top">
                        <span className="chat-row__name">
                          <span className="chat-row__title">{displayName(p)}</span>
                        </span>
                        {opening === p.id ? <Spinner /> : null}
                      </span>
                      <span className="chat-row__bottom">
                        <span className="chat-row__preview">
                          @{p.username} · {formatLastSeen(p.presence, p.lastSeenAt, i18n.language, t, now)}
                        </span>
                      </span>
                    </span>
                  </button>
                ))}
                {debounced !== "" ? (
                  <MessageResults
                    q={debounced}
                    scope={scope}
                    toolbar={
                      activeChannelId ? (
                        <ScopeChips
                          options={[
                            { scope: { kind: "all" }, label: t("search.scope.all") },
                            { scope: { kind: "channel", channelId: activeChannelId }, label: t("search.scope.chat") },
                          ]}
                          value={scope}
                          onChange={setScope}
                        />
                      ) : null
                    }
                  />
                ) : (
                  <p className="sidebar__hint">{t("chat.list.searching")}</p>
                )}
              </>
            ) : filtered.length === 0 ? (
              <div className="empty-state" data-testid="chat-list-empty">
                <span className="empty-state__art" aria-hidden="true">
                  <Icon name="chat" size={36} />
                </span>
                <p className="empty-state__title">{t("shell.sidebar.noChats")}</p>
                <p className="empty-state__hint">{t("shell.sidebar.noChatsHint")}</p>
              </div>
            ) : null}
          </>
        )}
      </div>
      <UserPanel />
      {groupOpen ? (
        <NewGroupDialog
          onClose={() => {
            setGroupOpen(false);
          }}
        />
      ) : null}
    </aside>
  );
}

function ChatListSkeleton() {
  return (
    <div aria-hidden="true">
      {Array.from({ length: 6 }, (_, i) => (
        <div key={i} className="chat-row chat-row--skeleton">
          <span className="skeleton skeleton--circle" />
          <span className="chat-row__body">
            <span className="skeleton skeleton--line" />
            <span className="skeleton skeleton--line skeleton--short" />
          </span>
        </div>
      ))}
    </div>
  );
}
