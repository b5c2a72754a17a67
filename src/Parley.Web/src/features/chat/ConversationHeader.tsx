import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { Avatar } from "../../lib/components/Avatar";
import { Icon } from "../../lib/components/Icon";
import { useToast } from "../../lib/components/toastContext";
import { reasonMessage } from "../../lib/errors";
import { formatDateTime } from "../../lib/time";
import { openSearch } from "../search/searchStore";
import { setMute } from "./actions";
import { avatarAt } from "../files/format";
import { formatLastSeen, typingText } from "./format";
import { useNow, useTyping } from "./hooks";
import { channelTitle, directPeer, displayName, type Channel } from "./model";

interface HeaderProps {
  channel: Channel;
  meId: string;
  panel: "pins" | "members" | null;
  onPanel: (panel: "pins" | "members" | null) => void;
}

export function ConversationHeader({ channel, meId, panel, onPanel }: HeaderProps) {
  const { t, i18n } = useTranslation();
  const now = useNow(30_000);
  const typists = useTyping(channel.id);
  const title = channelTitle(channel, meId);
  const peer = directPeer(channel, meId);
  const isDirect = channel.type === "direct";

  let status: string;
  if (isDirect && peer) {
    status = peer.id === meId ? "" : formatLastSeen(peer.presence, peer.lastSeenAt, i18n.language, t, now);
  } else {
    const online = channel.recipients.filter((r) => r.presence !== "offline").length;
    status = online > 1 ? t("chat.status.membersOnline", { count: channel.recipients.length, online }) : t("chat.status.members", { count: channel.recipients.length });
  }
  const typingNames = typists.map((ty) => displayName(channel.recipients.find((r) => r.id === ty.userId) ?? { username: ty.username }));

  return (
    <header className="conversation-header" data-testid="conversation-header">
      <Link to="/" className="icon-button conversation-header__back" data-testid="back-button" aria-label={t("chat.conversation.back")}>
        <Icon name="back" size={22} />
      </Link>
      <button
        type="button"
        className="conversation-header__who"
        onClick={() => {
          if (!isDirect) onPanel(panel === "members" ? null : "members");
        }}
      >
        <Avatar
          name={title}
          seed={peer?.id ?? channel.id}
          src={peer ? peer.avatarUrl : avatarAt(channel.iconUrl, 128)}
          presence={isDirect && peer && peer.id !== meId ? peer.presence : null}
        />
        <span className="conversation-header__text">
          <span className="conversation-header__title" data-testid="conversation-title">
            {title}
          </span>
          {typists.length > 0 ? (
            <span className="conversation-header__status conversation-header__status--typing" data-testid="typing-indicator">
              {isDirect ? t("chat.typing.short") : typingText(typingNames, t)}
            </span>
          ) : (
            <span
              className={`conversation-header__status${isDirect && peer?.presence === "online" ? " conversation-header__status--online" : ""}`}
              data-testid="conversation-status"
            >
              {status}
            </span>
          )}
        </span>
      </button>
      <div className="conversation-header__actions">
        <button
          type="button"
          className="icon-button conversation-header__search"
          data-testid="chat-search-button"
          aria-label={t("search.inThisChat")}
          title={t("search.inThisChat")}
          onClick={() => {
            openSearch({ channelId: channel.id, channelName: channelTitle(channel, meId) });
          }}
        >
          <Icon name="search" size={20} />
        </button>
        <MuteMenu channel={channel} />
        <button
          type="button"
          className={`icon-button${panel === "pins" ? " icon-button--active" : ""}`}
          data-testid="pins-button"
          aria-label={t("chat.conversation.pins")}
          title={t("chat.conversation.pins")}
          aria-pressed={panel === "pins"}
          onClick={() => {
            onPanel(panel === "pins" ? null : "pins");
          }}
        >
          <Icon name="pin" size={20} />
        </button>
        {!isDirect ? (
          <button
            type="button"
            className={`icon-button${panel === "members" ? " icon-button--active" : ""}`}
            data-testid="members-button"
            aria-label={t("chat.conversation.members")}
            title={t("chat.conversation.members")}
            aria-pressed={panel === "members"}
            onClick={() => {
              onPanel(panel === "members" ? null : "members");
            }}
          >
            <Icon name="users" size={20} />
          </button>
        ) : null}
      </div>
      {channel.muted ? (
        <span className="visually-hidden">
          {channel.mutedUntil ? t("chat.conversation.mutedUntil", { time: formatDateTime(channel.mutedUntil, i18n.language) }) : t("chat.conversation.mutedForever")}
        </span>
      ) : null}
    </header>
  );
}

function MuteMenu({ channel }: { channel: Channel }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    ref.current?.querySelector<HTMLButtonElement>("[role=menuitem]")?.focus();
    const onPointer = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") setOpen(false);
    };
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  function choose(hours: number | null) {
    setOpen(false);
    setMute(queryClient, channel.id, hours).catch((error: unknown) => {
      toast.show(t("chat.message.actionFailed", { reason: reasonMessage(error, t) }), "error");
    });
  }

  return (
    <div className="mute-menu" ref={ref}>
      <button
        type="button"
        className={`icon-button${channel.muted ? " icon-button--muted" : ""}`}
        data-testid="mute-button"
        data-muted={channel.muted ? "true" : "false"}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={t("chat.conversation.mute")}
        title={channel.muted ? (channel.mutedUntil ? t("chat.conversation.mutedUntil", { time: formatDateTime(channel.mutedUntil, i18n.language) }) : t("chat.conversation.mutedForever")) : t("chat.conversation.mute")}
        onClick={() => {
          setOpen((o) => !o);
        }}
      >
        <Icon name={channel.muted ? "bellOff" : "bell"} size={20} />
      </button>
      {open ? (
        <div className="menu mute-menu__list" role="menu">
          {channel.muted ? (
            <button type="button" role="menuitem" className="menu__item menu__item--compact" data-testid="unmute" onClick={() => { choose(0); }}>
              <Icon name="bell" size={18} />
              <span className="menu__label">{t("chat.conversation.unmute")}</span>
            </button>
          ) : null}
          <button type="button" role="menuitem" className="menu__item menu__item--compact" data-testid="mute-1h" onClick={() => { choose(1); }}>
            <Icon name="clock" size={18} />
            <span className="menu__label">{t("chat.conversation.mute1h")}</span>
          </button>
          <button type="button" role="menuitem" className="menu__item menu__item--compact" data-testid="mute-8h" onClick={() => { choose(8); }}>
            <Icon name="clock" size={18} />
            <span className="menu__label">{t("chat.conversation.mute8h")}</span>
          </button>
          <button type="button" role="menuitem" className="menu__item menu__item--compact" data-testid="mute-forever" onClick={() => { choose(null); }}>
            <Icon name="bellOff" size={18} />
            <span className="menu__label">{t("chat.conversation.muteForever")}</span>
          </button>
        </div>
      ) : null}
    </div>
  );
}
