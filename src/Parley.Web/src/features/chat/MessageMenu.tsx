import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Icon, type IconName } from "../../lib/components/Icon";
import { reactionKey } from "../emoji/api";
import { QUICK_REACTIONS } from "./emojiData";
import { EmojiPicker } from "./EmojiPicker";
import type { ChatMessage } from "./model";

export type MenuAction = "reply" | "edit" | "delete" | "pin" | "copy";

interface MessageMenuProps {
  message: ChatMessage;
  anchor: DOMRect;
  canEdit: boolean;
  canDelete: boolean;
  onAction: (action: MenuAction) => void;
  onReact: (emoji: string) => void;
  onClose: () => void;
}

/** The message's context menu: quick reactions on top, then reply, edit, pin, copy, delete. */
export function MessageMenu({ message, anchor, canEdit, canDelete, onAction, onReact, onClose }: MessageMenuProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const [pickerOpen, setPickerOpen] = useState(false);
  const [position, setPosition] = useState<{ top: number; left: number } | null>(null);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const w = el.offsetWidth;
    const h = el.offsetHeight;
    const margin = 8;
    let left = anchor.right - w;
    if (anchor.width === 0) left = anchor.left;
    left = Math.max(margin, Math.min(left, window.innerWidth - w - margin));
    let top = anchor.bottom + 4;
    if (top + h > window.innerHeight - margin) top = Math.max(margin, anchor.top - h - 4);
    setPosition({ top, left });
  }, [anchor, pickerOpen]);

  useEffect(() => {
    const first = ref.current?.querySelector<HTMLButtonElement>("button");
    first?.focus();
    function onPointer(e: PointerEvent) {
      if (!ref.current?.contains(e.target as Node)) onClose();
    }
    function onKey(e: KeyboardEvent) {
      if (e.key === "Escape") {
        e.stopPropagation();
        onClose();
      }
    }
    document.addEventListener("pointerdown", onPointer, true);
    document.addEventListener("keydown", onKey, true);
    return () => {
      document.removeEventListener("pointerdown", onPointer, true);
      document.removeEventListener("keydown", onKey, true);
    };
  }, [onClose]);

  const item = (action: MenuAction, icon: IconName, label: string, testId: string, danger = false) => (
    <button
      type="button"
      role="menuitem"
      className={`menu__item menu__item--compact${danger ? " menu__item--danger" : ""}`}
      data-testid={testId}
      onClick={() => {
        onAction(action);
        onClose();
      }}
    >
      <Icon name={icon} size={18} />
      <span className="menu__label">{label}</span>
    </button>
  );

  return (
    <div
      ref={ref}
      className="menu message-menu"
      role="menu"
      aria-label={t("chat.message.menu")}
      style={position ? { top: position.top, left: position.left } : { top: -9999, left: -9999 }}
      onKeyDown={(e) => {
        if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
        e.preventDefault();
        const items = Array.from(ref.current?.querySelectorAll<HTMLButtonElement>("[role=menuitem]") ?? []);
        const i = items.indexOf(document.activeElement as HTMLButtonElement);
        items[(i + (e.key === "ArrowDown" ? 1 : -1) + items.length) % items.length]?.focus();
      }}
    >
      {pickerOpen ? (
        <EmojiPicker
          onPick={(emoji) => {
            onReact(emoji);
            onClose();
          }}
          onPickCustom={(emoji) => {
            onReact(reactionKey(emoji));
            onClose();
          }}
          onClose={() => {
            setPickerOpen(false);
          }}
        />
      ) : (
        <>
          <div className="message-menu__reactions" role="group" aria-label={t("chat.message.react")}>
            {QUICK_REACTIONS.map((emoji) => (
              <button
                key={emoji}
                type="button"
                role="menuitem"
                className={`message-menu__reaction${message.reactions.some((r) => r.emoji === emoji && r.me) ? " message-menu__reaction--mine" : ""}`}
                data-testid="menu-react"
                data-emoji={emoji}
                onClick={() => {
                  onReact(emoji);
                  onClose();
                }}
              >
                {emoji}
              </button>
            ))}
            <button
              type="button"
              role="menuitem"
              className="message-menu__reaction message-menu__more"
              aria-label={t("chat.message.moreReactions")}
              data-testid="menu-react-more"
              onClick={() => {
                setPickerOpen(true);
              }}
            >
              <Icon name="plus" size={18} />
            </button>
          </div>
          {item("reply", "reply", t("chat.message.reply"), "menu-reply")}
          {canEdit ? item("edit", "edit", t("chat.message.edit"), "menu-edit") : null}
          {item("pin", "pin", message.pinned ? t("chat.message.unpin") : t("chat.message.pin"), "menu-pin")}
          {message.content.trim() !== "" ? item("copy", "copy", t("chat.message.copy"), "menu-copy") : null}
          {canDelete ? item("delete", "trash", t("chat.message.delete"), "menu-delete", true) : null}
        </>
      )}
    </div>
  );
}
