import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useSearchParams } from "react-router-dom";
import { Icon } from "../../lib/components/Icon";
import { PHONE_QUERY } from "../../lib/hooks";
import { useMe } from "../auth/api";
import { messagesKey } from "../chat/api";
import { Composer, type GroupMention } from "../chat/Composer";
import { ConnectionBar } from "../chat/ConnectionBar";
import { useTyping } from "../chat/hooks";
import { MessageList, type MessageListHandle } from "../chat/MessageList";
import { openSearch, setPageSearchContext } from "../search/searchStore";
import { isLocalId, num, type Channel, type ChatMessage, type MessagesState, type UserSummary } from "../chat/model";
import { typingText } from "../chat/format";
import { useServerMembers, useServerRoles, type Server } from "./api";
import { memberName } from "./members";
import { can } from "./permissions";
import { ServerMembersPanel } from "./ServerMembersPanel";
import type { ServerChannel } from "./tree";
import "../chat/chat.css";

const MEMBERS_PANEL_KEY = "parley.server-members-open";

/**
 * A server text channel in the chat's own message list and composer: the channel is handed to them in the shape of a
 * chat (its members as recipients, for @mention suggestions).
 */
export function ServerConversation({ server, channel }: { server: Server; channel: ServerChannel }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { data: me } = useMe();
  const members = useServerMembers(server.id);
  const roles = useServerRoles(server.id);
  const [replyTo, setReplyTo] = useState<ChatMessage | null>(null);
  const [editing, setEditing] = useState<ChatMessage | null>(null);
  const [membersOpen, setMembersOpen] = useState(() => !window.matchMedia(PHONE_QUERY).matches && localStorage.getItem(MEMBERS_PANEL_KEY) !== "0");
  const list = useRef<MessageListHandle>(null);
  const typists = useTyping(channel.id);
  // ?message=<id>: opened from a search result, at that message.
  const [params] = useSearchParams();
  const location = useLocation();
  const searchContext = useMemo(() => ({ serverId: server.id, serverName: server.name, channelId: channel.id, channelName: channel.name }), [server.id, server.name, channel.id, channel.name]);
  useEffect(() => {
    setPageSearchContext(searchContext);
    return () => {
      setPageSearchContext(null);
    };
  }, [searchContext]);

  const asChat = useMemo<Channel>(
    () => ({
      id: channel.id,
      type: "text",
      name: channel.name,
      ownerId: server.ownerId,
      recipients: (members.data ?? []).map((m) => m.user),
      lastMessage: null,
      lastReadId: channel.lastReadId,
      unreadCount: num(channel.unreadCount),
      mentionCount: 0,
      muted: false,
      mutedUntil: null,
      draft: null,
      createdAt: server.createdAt,
    }),
    [channel.id, channel.name, channel.lastReadId, channel.unreadCount, server.ownerId, server.createdAt, members.data],
  );

  const mayMentionEveryone = can(channel.myPermissions, "MentionEveryone");
  const groupMentions = useMemo<GroupMention[]>(
    () => [
      ...(mayMentionEveryone ? [{ token: "everyone", name: t("chat.composer.everyone") }, { token: "here", name: t("chat.composer.here") }] : []),
      ...(roles.data ?? [])
        .filter((r) => r.id !== server.id && (r.mentionable || mayMentionEveryone) && /^[\p{L}\p{Nd}_.-]{3,32}$/u.test(r.name))
        .map((r) => ({ token: r.name, name: r.name })),
    ],
    [mayMentionEveryone, roles.data, server.id, t],
  );

  const editLast = useCallback(() => {
    if (!me) return;
    const state = qc.getQueryData<MessagesState>(messagesKey(channel.id));
    const mine = [...(state?.items ?? [])].reverse().find((m) => m.author.id === me.id && !isLocalId(m.id));
    if (mine) {
      setReplyTo(null);
      setEditing(mine);
    }
  }, [qc, channel.id, me]);

  if (!me) return null;
  const summary: UserSummary = { id: me.id, username: me.username, displayName: me.displayName, avatarUrl: me.avatarUrl };
  const mayWrite = can(channel.myPermissions, "SendMessages");
  const typingNames = typists.map((ty) => {
    const m = members.data?.find((x) => x.user.id === ty.userId);
    return m ? memberName(m) : ty.username;
  });

  function toggleMembers() {
    setMembersOpen((open) => {
      if (!window.matchMedia(PHONE_QUERY).matches) localStorage.setItem(MEMBERS_PANEL_KEY, open ? "0" : "1");
      return !open;
    });
  }

  return (
    <main className="conversation conversation--open server-conversation" aria-label={t("servers.channel.label", { name: channel.name })} data-testid="conversation">
      <header className="conversation-header server-header" data-testid="conversation-header">
        <Link to={`/servers/${server.id}`} className="icon-button conversation-header__back" data-testid="back-button" aria-label={t("servers.backToChannels")}>
          <Icon name="back" size={22} />
        </Link>
        <span className="server-header__hash" aria-hidden="true">
          #
        </span>
        <span className="server-header__text">
          <span className="conversation-header__title" data-testid="conversation-title">
            {channel.name}
          </span>
          {typists.length > 0 ? (
            <span className="server-header__topic server-header__topic--typing" data-testid="typing-indicator">
              {typingText(typingNames, t)}
            </span>
          ) : channel.topic ? (
            <span className="server-header__topic" data-testid="channel-topic" title={channel.topic}>
              {channel.topic}
            </span>
          ) : null}
        </span>
        <button
          type="button"
          className="icon-button"
          aria-label={t("search.inServer", { name: server.name })}
          title={t("search.inServer", { name: server.name })}
          data-testid="server-search-button"
          onClick={() => {
            openSearch(searchContext);
          }}
        >
          <Icon name="search" size={22} />
        </button>
        <button
          type="button"
          className={`icon-button${membersOpen ? " icon-button--active" : ""}`}
          aria-pressed={membersOpen}
          aria-label={t("servers.members.toggle")}
          title={t("servers.members.toggle")}
          data-testid="members-toggle"
          onClick={toggleMembers}
        >
          <Icon name="users" size={22} />
        </button>
      </header>
      <ConnectionBar />
      <div className="conversation__main">
        <div className="conversation__column">
          <MessageList
            channel={asChat}
            me={summary}
            handle={list}
            anchorId={params.get("message")}
            anchorKey={location.key}
            onReply={(m) => {
              setEditing(null);
              setReplyTo(m);
            }}
            onEdit={(m) => {
              setReplyTo(null);
              setEditing(m);
            }}
          />
          {mayWrite ? (
            <Composer
              channel={asChat}
              me={summary}
              title={`#${channel.name}`}
              groupMentions={groupMentions}
              replyTo={replyTo}
              editing={editing}
              onCancelReply={() => {
                setReplyTo(null);
              }}
              onCancelEdit={() => {
                setEditing(null);
              }}
              onEditLast={editLast}
              onSent={() => {
                requestAnimationFrame(() => list.current?.scrollToBottom());
              }}
            />
          ) : (
            <p className="server-readonly" data-testid="composer-readonly">
              {t("servers.channel.readOnly")}
            </p>
          )}
        </div>
        {membersOpen ? <ServerMembersPanel server={server} onClose={toggleMembers} /> : null}
      </div>
    </main>
  );
}
