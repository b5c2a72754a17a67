import { useTranslation } from "react-i18next";
import { useStickerSections, type Sticker } from "./api";
import "./emoji.css";

interface StickerPickerProps {
  /** A server channel's server (only its stickers); null in direct and group chats (every server's). */
  serverId: string | null;
  onPick: (sticker: Sticker) => void;
  onClose: () => void;
}

export function StickerPicker({ serverId, onPick, onClose }: StickerPickerProps) {
  const { t } = useTranslation();
  const sections = useStickerSections(serverId);
  return (
    <div
      className="sticker-picker"
      role="dialog"
      aria-label={t("chat.composer.stickers")}
      data-testid="sticker-picker"
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      {sections.length === 0 ? <p className="sticker-picker__none">{t("chat.composer.noStickers")}</p> : null}
      <div className="sticker-picker__grid" role="listbox" aria-label={t("chat.composer.stickers")}>
        {sections.map((section) => [
          serverId === null ? (
            <p key={`h${section.serverId}`} className="sticker-picker__section">
              {section.serverName}
            </p>
          ) : null,
          ...section.items.map((s, i) => (
            <button
              key={s.id}
              type="button"
              role="option"
              aria-selected={false}
              className="sticker-picker__item"
              title={s.description ?? s.name}
              aria-label={s.name}
              data-testid="sticker-option"
              data-name={s.name}
              autoFocus={i === 0 && section === sections[0]}
              onClick={() => {
                onPick(s);
              }}
            >
              <img src={s.url} alt="" loading="lazy" />
            </button>
          )),
        ])}
      </div>
    </div>
  );
}
