import { Fragment, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { reasonMessage } from "../../lib/errors";
import { Avatar } from "../../lib/components/Avatar";
import { Icon } from "../../lib/components/Icon";
import { Spinner } from "../../lib/components/Spinner";
import { formatChatTime } from "../chat/format";
import { displayName } from "../chat/model";
import { useDirectory, useMessageSearch, type SearchHit, type Place } from "./api";
import { flattenHits, messagePath, splitHighlights, type SearchScope, type SearchSort } from "./query";
import "./search.css";

let lastSort: SearchSort = "newest";

interface Props {
  /** What was typed (already debounced). */
  q: string;
  scope: SearchScope;
  /** Shown between the heading and the results: the scope chips. */
  toolbar?: ReactNode;
  /** A result was opened. */
  onPicked?: () => void;
}

/** The "Messages" part of a search: count, sort toggle, highlighted snippets, more results, and jumping to one. */
export function MessageResults({ q, scope, toolbar, onPicked }: Props) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [sort, setSort] = useState<SearchSort>(lastSort);
  const directory = useDirectory();
  const search = useMessageSearch(q, scope, sort, directory.resolve);
  const hits = flattenHits(search.data?.pages ?? []);
  const total = search.data?.pages[0]?.totalCount ?? 0;
  // The server stops counting at 1,000: then the figure is a lower bound ("1,000+").
  const totalIsLowerBound = search.data?.pages[0]?.totalIsLowerBound ?? false;

  function choose(next: SearchSort) {
    lastSort = next;
    setSort(next);
  }

  function open(hit: SearchHit) {
    const place = directory.place(hit.message.channelId);
    void navigate(messagePath(hit.message.channelId, hit.message.id, place?.serverId ?? null));
    onPicked?.();
  }

  return (
    <section className="search-results" data-testid="message-results" aria-label={t("search.messages")}>
      <div className="search-results__head">
        <h2 className="sidebar__section search-results__title">
          {t("search.messages")}
          {search.isSuccess ? (
            <span className="search-results__count" data-testid="search-total">
              {totalIsLowerBound
                ? t("search.countAtLeast", { value: Number(total).toLocaleString(i18n.language) })
                : t("search.count", { count: Number(total) })}
            </span>
          ) : null}
        </h2>
        <div className="search-sort" role="group" aria-label={t("search.sort.label")}>
          <button type="button" className="search-sort__option" aria-pressed={sort === "newest"} data-testid="search-sort-newest" onClick={() => { choose("newest"); }}>
            {t("search.sort.newest")}
          </button>
          <button type="button" className="search-sort__option" aria-pressed={sort === "relevance"} data-testid="search-sort-relevance" onClick={() => { choose("relevance"); }}>
            {t("search.sort.relevance")}
          </button>
        </div>
      </div>
      {toolbar}
      {search.isPending ? (
        <p className="sidebar__hint" data-testid="search-loading">
          {t("chat.list.searching")}
        </p>
      ) : search.isError ? (
        <div className="search-results__error" role="alert">
          <p>{reasonMessage(search.error, t)}</p>
          <button type="button" className="button button--secondary button--small" onClick={() => void search.refetch()}>
            {t("common.retry")}
          </button>
        </div>
      ) : hits.length === 0 ? (
        <p className="sidebar__hint" data-testid="search-no-messages">
          {t("search.noMessages")}
        </p>
      ) : (
        <div role="list">
          {hits.map((hit) => (
            <Hit key={hit.message.id} hit={hit} place={directory.place(hit.message.channelId)} language={i18n.language} onOpen={open} />
          ))}
        </div>
      )}
      {search.hasNextPage ? (
        <button type="button" className="button button--secondary button--small search-results__more" data-testid="search-more" data-search-item disabled={search.isFetchingNextPage} onClick={() => void search.fetchNextPage()}>
          {search.isFetchingNextPage ? <Spinner /> : null}
          {t("search.more")}
        </button>
      ) : null}
    </section>
  );
}

function Hit({ hit, place, language, onOpen }: { hit: SearchHit; place: Place | null; language: string; onOpen: (hit: SearchHit) => void }) {
  const { t } = useTranslation();
  const m = hit.message;
  const author = displayName(m.author);
  const segments = splitHighlights(hit.snippet, hit.highlights);
  const where = place ? (place.serverId ? `#${place.title} · ${place.serverName ?? ""}` : place.title) : t("search.unknownChat");
  return (
    <button
      type="button"
      role="listitem"
      className="search-hit"
      data-testid="search-result"
      data-message-id={m.id}
      data-channel-id={m.channelId}
      data-search-item
      onClick={() => {
        onOpen(hit);
      }}
    >
      <Avatar name={author} seed={m.author.id} src={m.author.avatarUrl} size="sm" />
      <span className="search-hit__body">
        <span className="search-hit__top">
          <span className="search-hit__where">
            {place?.serverId ? <Icon name="server" size={14} /> : null}
            {where}
          </span>
          <time className="search-hit__time" dateTime={m.createdAt}>
            {formatChatTime(m.createdAt, language)}
          </time>
        </span>
        <span className="search-hit__author">{author}</span>
        <span className="search-hit__snippet" data-testid="search-snippet">
          {hit.snippet === "" ? (
            <span className="search-hit__attachment">{t("search.attachment")}</span>
          ) : (
            segments.map((s, i) => (s.mark ? <mark key={i}>{s.text}</mark> : <Fragment key={i}>{s.text}</Fragment>))
          )}
        </span>
      </span>
    </button>
  );
}
