import { memo } from "react";
import { useTranslation } from "react-i18next";
import { Avatar } from "../../lib/components/Avatar";
import { Icon } from "../../lib/components/Icon";
import { reactionName } from "../emoji/api";
import { ReactionEmoji, StickerView } from "../emoji/EmojiViews";
import { Attachments } from "../files/Attachments";
import { PollCard } from "../polls/PollCard";
import { formatClock } from "./format";
import { Markdown } from "./Markdown";
import { isEmojiOnly, toPlainText } from "./markdown";
import { compareIds, displayName, isLocalId, num, type ChatMessage } from "./model";
import { mentionsUser } from "./mentions";

export interface MessageItemProps {
  message: ChatMessage;
  meId: string;
  meUsername: string;
  first: boolean;
  last: boolean;
  /** Group chats show names and avatars of others. */
  showAuthors: boolean;
  /** Someone else has read up to here (for ✓✓ on my messages); null: no receipts. */
  readUpTo: string | null;
  highlighted: boolean;
  onMenu: (message: ChatMessage, anchor: DOMRect) => void;
  onReact: (message: ChatMessage, emoji: string) => void;
  onJump: (messageId: string) => void;
  onHistory: (message: ChatMessage) => void;
  onRetry: (message: ChatMessage) => void;
  onDiscard: (message: ChatMessage) => void;
}

export const MessageItem = memo(function MessageItem(props: MessageItemProps) {
  const { message: m, meId, first, last, showAuthors, readUpTo, highlighted } = props;
  const { t, i18n } = useTranslation();
  const own = m.author.id === meId;
  const local = isLocalId(m.id);
  const status = m.status ?? "sent";
  const read = own && !local && readUpTo !== null && compareIds(readUpTo, m.id) >= 0;
  const mentionsMe = mentionsUser(m, meId);
  const big = isEmojiOnly(m.content) && !m.replyTo;
  const authorName = displayName(m.author);

  const classes = ["msg", own ? "msg--own" : "msg--other", first ? "msg--first" : "", last ? "msg--last" : "", mentionsMe ? "msg--mention" : "", highlighted ? "msg--highlight" : "", big ? "msg--big" : "", m.sticker ? "msg--sticker" : "", status === "failed" ? "msg--failed" : ""]
    .filter(Boolean)
    .join(" ");

  return (
    <div
      className={classes}
      data-testid="message"
      data-message-id={m.id}
      data-status={status}
      onContextMenu={(e) => {
        if (local) return;
        const selection = window.getSelection()?.toString() ?? "";
        if (selection !== "") return;
        e.preventDefault();
        props.onMenu(m, new DOMRect(e.clientX, e.clientY, 0, 0));
      }}
    >
      {showAuthors && !own ? (
        <span className="msg__avatar">{last ? <Avatar name={authorName} seed={m.author.id} src={m.author.avatarUrl} size="sm" /> : null}</span>
      ) : null}
      <div
        className="msg__bubble"
        onClick={(e) => {
          // On touch screens a tap on a message opens its menu, as in Telegram.
          if (local || !window.matchMedia("(pointer: coarse)").matches) return;
          if ((e.target as HTMLElement).closest("a, button, [role=button]")) return;
          props.onMenu(m, e.currentTarget.getBoundingClientRect());
        }}
      >
        {showAuthors && !own && first ? <span className={`msg__author msg__author--c${String(colorOf(m.author.id))}`}>{authorName}</span> : null}
        {m.replyTo ? (
          <button
            type="button"
            className="msg__reply"
            data-testid="message-reply-preview"
            disabled={m.replyTo.deleted}
            aria-label={t("chat.message.jumpToReply")}
            onClick={() => {
              if (m.replyTo) props.onJump(m.replyTo.id);
            }}
          >
            <span className="msg__reply-author">{m.replyTo.author ? displayName(m.replyTo.author) : t("chat.list.deletedUser")}</span>
            <span className="msg__reply-text">{m.replyTo.deleted ? t("chat.message.deleted") : toPlainText(m.replyTo.content ?? "")}</span>
          </button>
        ) : null}
        {m.attachments.length > 0 ? <Attachments attachments={m.attachments} /> : null}
        {m.sticker ? <StickerView sticker={m.sticker} /> : null}
        {m.poll && !local ? <PollCard channelId={m.channelId} messageId={m.id} authorId={m.author.id} meId={meId} poll={m.poll} /> : null}
        <div className={`msg__text${m.content === "" ? " msg__text--empty" : ""}`} data-testid="message-content">
          {m.content !== "" ? <Markdown text={m.content} me={props.meUsername} /> : null}
          <span className="msg__meta">
            {m.pinned ? <Icon name="pin" size={12} className="msg__pin" aria-label={t("chat.message.pinned")} /> : null}
            {m.editedAt ? (
              <button
                type="button"
                className="msg__edited"
                data-testid="message-edited"
                title={t("chat.message.editHistory")}
                onClick={() => {
                  props.onHistory(m);
                }}
              >
                {t("chat.message.edited")}
              </button>
            ) : null}
            <time dateTime={m.createdAt}>{formatClock(m.createdAt, i18n.language)}</time>
            {own ? (
              status === "sending" ? (
                <Icon name="clock" size={13} className="msg__status" aria-label={t("chat.message.sending")} />
              ) : status === "failed" ? (
                <Icon name="alert" size={14} className="msg__status msg__status--failed" aria-label={t("chat.message.notSent")} />
              ) : (
                <Icon
                  name={read ? "checks" : "check"}
                  size={15}
                  className={`msg__status${read ? " msg__status--read" : ""}`}
                  data-testid="message-receipt"
                  data-read={read ? "true" : "false"}
                  aria-label={read ? t("chat.message.read") : t("chat.message.sent")}
                />
              )
            ) : null}
          </span>
        </div>
        {m.reactions.length > 0 ? (
          <div className="msg__reactions" data-testid="message-reactions">
            {m.reactions.map((r) => (
              <button
                key={r.emoji}
                type="button"
                className={`reaction${r.me ? " reaction--mine" : ""}`}
                data-testid="reaction"
                data-emoji={r.emoji}
                aria-pressed={r.me}
                aria-label={t("chat.message.reactionLabel", { emoji: reactionName(r.emoji), count: num(r.count) })}
                onClick={() => {
                  props.onReact(m, r.emoji);
                }}
              >
                <span className="reaction__emoji">
                  <ReactionEmoji emoji={r.emoji} />
                </span>
                <span className="reaction__count">{num(r.count)}</span>
              </button>
            ))}
          </div>
        ) : null}
        {status === "failed" ? (
          <div className="msg__failed" role="alert">
            <span>{t("chat.message.notSent")}</span>
            <button
              type="button"
              className="msg__failed-button"
              data-testid="retry-send"
              onClick={() => {
                props.onRetry(m);
              }}
            >
              {t("chat.message.retry")}
            </button>
            <button
              type="button"
              className="msg__failed-button"
              data-testid="discard-send"
              onClick={() => {
                props.onDiscard(m);
              }}
            >
              {t("chat.message.delete")}
            </button>
          </div>
        ) : null}
      </div>
      {!local ? (
        <button
          type="button"
          className="msg__menu-button"
          data-testid="message-menu-button"
          aria-label={t("chat.message.menu")}
          aria-haspopup="menu"
          onClick={(e) => {
            props.onMenu(m, e.currentTarget.getBoundingClientRect());
          }}
        >
          <Icon name="more" size={18} />
        </button>
      ) : null}
    </div>
  );
});

function colorOf(seed: string): number {
  let hash = 0;
  for (const ch of seed) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return hash % 7;
}
