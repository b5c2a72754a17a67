import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Icon } from "../../lib/components/Icon";
import { useDebouncedValue } from "../../lib/hooks";
import { moveFocus } from "./keys";
import { MessageResults } from "./MessageResults";
import { withFilter, type SearchScope } from "./query";
import { ScopeChips, type ScopeOption } from "./ScopeChips";
import { SearchHints } from "./SearchHints";
import { closeSearch, useSearchOverlay, type SearchContext } from "./searchStore";
import "./search.css";

/** The message search over a server or a conversation (Ctrl+K, "/", the header's search button). */
export function SearchOverlay() {
  const context = useSearchOverlay();
  if (!context) return null;
  return <SearchPanel context={context} />;
}

function SearchPanel({ context }: { context: SearchContext }) {
  const { t } = useTranslation();
  const [q, setQ] = useState("");
  const trimmed = q.trim();
  const debounced = useDebouncedValue(trimmed, 250);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const [scope, setScope] = useState<SearchScope>(() => (context.serverId ? { kind: "server", serverId: context.serverId } : { kind: "all" }));

  const options: ScopeOption[] = [{ scope: { kind: "all" }, label: t("search.scope.all") }];
  if (context.serverId) options.push({ scope: { kind: "server", serverId: context.serverId }, label: t("search.scope.server", { name: context.serverName ?? "" }) });
  if (context.channelId)
    options.push({
      scope: { kind: "channel", channelId: context.channelId },
      label: context.serverId ? t("search.scope.channel", { name: context.channelName ?? "" }) : t("search.scope.chat"),
    });

  useEffect(() => {
    inputRef.current?.focus();
    function onKey(e: KeyboardEvent) {
      if (e.key === "Escape") {
        e.preventDefault();
        closeSearch();
      }
    }
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("keydown", onKey);
    };
  }, []);

  return (
    <div
      className="search-overlay"
      data-testid="search-overlay"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) closeSearch();
      }}
    >
      <div className="search-overlay__panel" role="dialog" aria-modal="true" aria-label={t("search.title")}>
        <div className="search-overlay__bar">
          <div className="search search-overlay__search">
            <Icon name="search" size={18} className="search__icon" />
            <input
              ref={inputRef}
              className="search__input"
              type="search"
              value={q}
              placeholder={t("search.placeholder")}
              aria-label={t("search.title")}
              data-testid="search-overlay-input"
              autoComplete="off"
              onChange={(e) => {
                setQ(e.target.value);
              }}
              onKeyDown={(e) => {
                if (e.key === "ArrowDown" && moveFocus(listRef.current, inputRef.current, e.key)) e.preventDefault();
              }}
            />
          </div>
          <button type="button" className="icon-button" data-testid="search-overlay-close" aria-label={t("search.close")} title={t("search.close")} onClick={closeSearch}>
            <Icon name="close" size={20} />
          </button>
        </div>
        <ScopeChips options={options} value={scope} onChange={setScope} />
        <div
          ref={listRef}
          className="search-overlay__body"
          onKeyDown={(e) => {
            if (e.target !== inputRef.current && moveFocus(listRef.current, inputRef.current, e.key)) e.preventDefault();
          }}
        >
          {trimmed === "" ? (
            <SearchHints
              onInsert={(filter) => {
                setQ((v) => withFilter(v, filter));
                inputRef.current?.focus();
              }}
            />
          ) : debounced === "" ? null : (
            <MessageResults q={debounced} scope={scope} onPicked={closeSearch} />
          )}
        </div>
      </div>
    </div>
  );
}
