import { useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { EMOJI_CATEGORIES, type EmojiCategory } from "./emojiData";

interface EmojiPickerProps {
  onPick: (emoji: string) => void;
  onClose: () => void;
}

/**
 * A compact picker over the bundled emoji set. Built here rather than taken from npm: the maintained pickers
 * (frimousse, emoji-picker-element) fetch their emoji data from a CDN at run time, which the CSP (connect-src 'self')
 * and a self-hosted server rule out.
 */
export function EmojiPicker({ onPick, onClose }: EmojiPickerProps) {
  const { t } = useTranslation();
  const [q, setQ] = useState("");
  const [category, setCategory] = useState<EmojiCategory["id"]>("smileys");
  const grid = useRef<HTMLDivElement>(null);
  const query = q.trim().toLowerCase().replace(/^:/, "");

  const shown = useMemo(() => {
    if (query === "") return EMOJI_CATEGORIES.find((c) => c.id === category)?.emoji ?? [];
    return EMOJI_CATEGORIES.flatMap((c) => c.emoji).filter((e) => e.names.some((n) => n.includes(query)));
  }, [query, category]);

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
          if (e.key === "Enter" && shown[0]) {
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
        </div>
      ) : null}
      <div ref={grid} className="emoji-picker__grid" role="listbox" aria-label={query === "" ? t(`chat.emoji.${category}`) : t("chat.emoji.search")}>
        {shown.length === 0 ? <p className="emoji-picker__none">{t("chat.emoji.none")}</p> : null}
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
