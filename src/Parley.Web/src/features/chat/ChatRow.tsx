import { memo } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { Avatar } from "../../lib/components/Avatar";
import { Icon } from "../../lib/components/Icon";
import { avatarAt } from "../files/format";
import { formatChatTime, typingText } from "./format";
import { useTyping } from "./hooks";
import { channelTitle, directPeer, displayName, num, type Channel } from "./model";
import { toPlainText } from "./markdown";
import { messagePreview } from "./preview";

interface ChatRowProps {
  channel: Channel;
  meId: string;
  active: boolean;
  now: Date;
}

export const ChatRow = memo(function ChatRow({ channel, meId, active, now }: ChatRowProps) {
  const { t, i18n } = useTranslation();
  const title = channelTitle(channel, meId);
  const peer = directPeer(channel, meId);
  const typists = useTyping(channel.id);
  const unread = num(channel.unreadCount);
  const mentions = num(channel.mentionCount);
  const last = channel.lastMessage;

  let preview;
  if (typists.length > 0) {
    const names = typists.map((ty) => displayName(channel.recipients.find((r) => r.id === ty.userId) ?? { username: ty.username }));
    preview = <span className="chat-row__typing">{channel.type === "direct" ? t("chat.typing.short") : typingText(names, t)}</span>;
  } else if (channel.draft && !active) {
    preview = (
      <>
        <span className="chat-row__draft">{t("chat.list.draft")}</span>
        {toPlainText(channel.draft)}
      </>
    );
  } else if (last) {
    const mine = last.author.id === meId;
    const who = mine ? t("chat.list.you") : channel.type === "direct" ? "" : `${displayName(last.author)}: `;
    preview = (
      <>
        {who ? <span className="chat-row__author">{who}</span> : null}
        {messagePreview(last, t)}
      </>
    );
  } else {
    preview = <span className="chat-row__muted-text">{t("chat.list.noMessages")}</span>;
  }

  return (
    <Link
      to={`/chats/${channel.id}`}
      className={`chat-row${active ? " chat-row--active" : ""}`}
      data-testid="chat-row"
      data-channel-id={channel.id}
      role="listitem"
      aria-current={active ? "page" : undefined}
    >
      <Avatar
        name={title}
        seed={peer?.id ?? channel.id}
        src={peer ? peer.avatarUrl : avatarAt(channel.iconUrl, 128)}
        presence={peer && peer.id !== meId ? peer.presence : null}
      />
      <span className="chat-row__body">
        <span className="chat-row__top">
          <span className="chat-row__name">
            {channel.type === "group" ? <Icon name="users" size={15} className="chat-row__kind" /> : null}
            <span className="chat-row__title">{title}</span>
            {channel.muted ? <Icon name="bellOff" size={14} className="chat-row__muted-icon" aria-label={t("chat.list.muted")} /> : null}
          </span>
          {last ? <time className="chat-row__time" dateTime={last.createdAt}>{formatChatTime(last.createdAt, i18n.language, now)}</time> : null}
        </span>
        <span className="chat-row__bottom">
          <span className="chat-row__preview">{preview}</span>
          {mentions > 0 ? (
            <span className="chat-row__badge chat-row__badge--mention" aria-label={t("chat.list.mention")}>
              @
            </span>
          ) : null}
          {unread > 0 ? (
            <span
              className={`chat-row__badge${channel.muted ? " chat-row__badge--muted" : ""}`}
              data-testid="chat-unread-badge"
              aria-label={t("chat.list.unread", { count: unread })}
            >
              {unread > 999 ? "999+" : unread}
            </span>
          ) : null}
        </span>
      </span>
    </Link>
  );
});
