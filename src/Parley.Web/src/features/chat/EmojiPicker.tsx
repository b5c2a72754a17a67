import { useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useCustomEmojiSections, type CustomEmoji } from "../emoji/api";
import "../emoji/emoji.css";
import { EMOJI_CATEGORIES, type EmojiCategory } from "./emojiData";

interface EmojiPickerProps {
  onPick: (emoji: string) => void;
  /** Given: the servers' custom emoji are offered too, a tab per server. */
  onPickCustom?: (emoji: CustomEmoji) => void;
  onClose: () => void;
}

type Tab = EmojiCategory["id"] | `server:${string}`;

/**
 * A compact picker over the bundled emoji set. Built here rather than taken from npm: the maintained pickers
 * (frimousse, emoji-picker-element) fetch their emoji data from a CDN at run time, which the CSP (connect-src 'self')
 * and a self-hosted server rule out.
 */
export function EmojiPicker({ onPick, onPickCustom, onClose }: EmojiPickerProps) {
  const { t } = useTranslation();
  const [q, setQ] = useState("");
  const [category, setCategory] = useState<Tab>("smileys");
  const grid = useRef<HTMLDivElement>(null);
  const query = q.trim().toLowerCase().replace(/^:/, "").replace(/:$/, "");
  const allSections = useCustomEmojiSections();
  const withCustom = onPickCustom !== undefined;
  const sections = useMemo(() => (withCustom ? allSections : []), [withCustom, allSections]);
  const section = category.startsWith("server:") ? sections.find((x) => `server:${x.serverId}` === category) : undefined;

  const shown = useMemo(() => {
    if (query === "") return EMOJI_CATEGORIES.find((c) => c.id === category)?.emoji ?? [];
    return EMOJI_CATEGORIES.flatMap((c) => c.emoji).filter((e) => e.names.some((n) => n.includes(query)));
  }, [query, category]);
  const customShown = useMemo(() => {
    if (query === "") return section?.items ?? [];
    return sections.flatMap((x) => x.items).filter((e) => e.name.toLowerCase().includes(query));
  }, [query, section, sections]);
  const pickCustom = (e: CustomEmoji) => {
    onPickCustom?.(e);
  };

  return (
    <div
      className="emoji-picker"
      data-testid="emoji-picker"
      role="dialog"
      aria-label={t("chat.composer.emoji")}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <input
        className="emoji-picker__search"
        type="search"
        value={q}
        autoFocus
        placeholder={t("chat.emoji.search")}
        aria-label={t("chat.emoji.search")}
        onChange={(e) => {
          setQ(e.target.value);
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter" && customShown[0]) {
            e.preventDefault();
            pickCustom(customShown[0]);
          } else if (e.key === "Enter" && shown[0]) {
            e.preventDefault();
            onPick(shown[0].char);
          } else if (e.key === "ArrowDown") {
            e.preventDefault();
            grid.current?.querySelector<HTMLButtonElement>("button")?.focus();
          }
        }}
      />
      {query === "" ? (
        <div className="emoji-picker__tabs" role="tablist">
          {EMOJI_CATEGORIES.map((c) => (
            <button
              key={c.id}
              type="button"
              role="tab"
              aria-selected={c.id === category}
              className="emoji-picker__tab"
              title={t(`chat.emoji.${c.id}`)}
              aria-label={t(`chat.emoji.${c.id}`)}
              onClick={() => {
                setCategory(c.id);
              }}
            >
              {c.emoji[0]?.char}
            </button>
          ))}
          {sections.map((x) => {
            const first = x.items[0];
            return (
              <button
                key={x.serverId}
                type="button"
                role="tab"
                aria-selected={`server:${x.serverId}` === category}
                className="emoji-picker__tab"
                title={x.serverName}
                aria-label={x.serverName}
                data-testid="emoji-server-tab"
                onClick={() => {
                  setCategory(`server:${x.serverId}`);
                }}
              >
                {first ? <img src={first.url} alt="" /> : null}
              </button>
            );
          })}
        </div>
      ) : null}
      <div ref={grid} className="emoji-picker__grid" role="listbox" aria-label={section ? section.serverName : query === "" && !category.startsWith("server:") ? t(`chat.emoji.${category as EmojiCategory["id"]}`) : t("chat.emoji.search")}>
        {shown.length === 0 && customShown.length === 0 ? <p className="emoji-picker__none">{t("chat.emoji.none")}</p> : null}
        {section ? <p className="emoji-picker__section">{section.serverName}</p> : null}
        {customShown.map((e) => (
          <button
            key={e.id}
            type="button"
            role="option"
            aria-selected={false}
            className="emoji-picker__item"
            title={`:${e.name}:`}
            aria-label={`:${e.name}:`}
            data-testid="custom-emoji-option"
            data-name={e.name}
            onClick={() => {
              pickCustom(e);
            }}
          >
            <img src={e.url} alt="" loading="lazy" />
          </button>
        ))}
        {shown.map((e) => (
          <button
            key={e.char}
            type="button"
            role="option"
            aria-selected={false}
            className="emoji-picker__item"
            title={`:${e.names[0] ?? ""}:`}
            aria-label={e.names[0]?.replace(/_/g, " ")}
            data-testid="emoji-option"
            onClick={() => {
              onPick(e.char);
            }}
          >
            {e.char}
          </button>
        ))}
      </div>
    </div>
  );
}
