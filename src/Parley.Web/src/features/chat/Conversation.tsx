import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams, useSearchParams } from "react-router-dom";
import { Icon } from "../../lib/components/Icon";
import { Spinner } from "../../lib/components/Spinner";
import { useIsPhone } from "../../lib/hooks";
import { useMe } from "../auth/api";
import { setPageSearchContext } from "../search/searchStore";
import { Sidebar } from "../shell/Sidebar";
import { fetchChannel, messagesKey, useChannels } from "./api";
import { Composer } from "./Composer";
import { ConnectionBar } from "./ConnectionBar";
import { ConversationHeader } from "./ConversationHeader";
import { MessageList, type MessageListHandle } from "./MessageList";
import { channelTitle, isLocalId, type ChatMessage, type MessagesState, type UserSummary } from "./model";
import { MembersPanel, PinsPanel } from "./SidePanels";
import "./chat.css";

/** /chats/:channelId: the chat list beside the conversation (on phones, the conversation alone). */
export function ChatPage() {
  const { channelId = "" } = useParams();
  const isPhone = useIsPhone();
  return (
    <>
      {!isPhone ? <Sidebar activeChannelId={channelId} /> : null}
      <Conversation key={channelId} channelId={channelId} />
    </>
  );
}

function Conversation({ channelId }: { channelId: string }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const channels = useChannels(Boolean(me));
  const listed = channels.data?.find((c) => c.id === channelId);
  // Not in the list (yet): ask for the one chat, which also tells a missing chat from a slow list.
  const single = useQuery({
    queryKey: ["channel", channelId],
    queryFn: () => fetchChannel(channelId),
    enabled: Boolean(me) && channels.isSuccess && !listed,
    retry: false,
  });
  const channel = listed ?? single.data;

  if (!me || (!channel && (channels.isPending || single.isPending || single.isFetching))) {
    return (
      <main className="conversation conversation--open" aria-busy="true">
        <div className="message-list message-list--loading">
          <Spinner label={t("chat.conversation.loading")} />
        </div>
      </main>
    );
  }
  if (!channel) {
    return (
      <main className="conversation conversation--open">
        <div className="conversation__empty" data-testid="conversation-not-found">
          <p className="conversation__empty-title">{t("chat.conversation.notFound")}</p>
          <Link to="/" className="button button--secondary">
            <Icon name="back" size={18} />
            {t("chat.conversation.back")}
          </Link>
        </div>
      </main>
    );
  }
  const summary: UserSummary = { id: me.id, username: me.username, displayName: me.displayName, avatarUrl: me.avatarUrl };
  return <OpenConversation channel={channel} me={summary} />;
}

function OpenConversation({ channel, me }: { channel: NonNullable<ReturnType<typeof useChannels>["data"]>[number]; me: UserSummary }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [replyTo, setReplyTo] = useState<ChatMessage | null>(null);
  const [editing, setEditing] = useState<ChatMessage | null>(null);
  const [panel, setPanel] = useState<"pins" | "members" | null>(null);
  const list = useRef<MessageListHandle>(null);
  const title = channelTitle(channel, me.id);
  // ?message=<id>: opened from a search result, at that message.
  const [params] = useSearchParams();
  const location = useLocation();

  useEffect(() => {
    setPageSearchContext({ channelId: channel.id, channelName: title });
    return () => {
      setPageSearchContext(null);
    };
  }, [channel.id, title]);

  const editLast = useCallback(() => {
    const state = queryClient.getQueryData<MessagesState>(messagesKey(channel.id));
    const mine = [...(state?.items ?? [])].reverse().find((m) => m.author.id === me.id && !isLocalId(m.id));
    if (mine) {
      setReplyTo(null);
      setEditing(mine);
    }
  }, [queryClient, channel.id, me.id]);

  return (
    <main className="conversation conversation--open" aria-label={t("chat.conversation.label", { name: title })} data-testid="conversation">
      <ConversationHeader channel={channel} meId={me.id} panel={panel} onPanel={setPanel} />
      <ConnectionBar />
      <div className="conversation__main">
        <div className="conversation__column">
          <MessageList
            channel={channel}
            me={me}
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
          <Composer
            channel={channel}
            me={me}
            title={title}
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
        </div>
        {panel === "pins" ? (
          <PinsPanel
            channel={channel}
            onClose={() => {
              setPanel(null);
            }}
            onJump={(id) => list.current?.jumpTo(id)}
          />
        ) : null}
        {panel === "members" && channel.type !== "direct" ? (
          <MembersPanel
            channel={channel}
            meId={me.id}
            onClose={() => {
              setPanel(null);
            }}
          />
        ) : null}
      </div>
    </main>
  );
}
