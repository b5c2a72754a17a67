import type { QueryClient } from "@tanstack/react-query";
import { channelsKey, fetchChannel, friendRequestsKey, friendsKey, messagesKey, pinsKey, receiptsKey, upsertChannel } from "./api";
import type { Channel, Friend, FriendRequest, Message, MessagesState, UserSummary, VisiblePresence } from "./model";
import {
  applyReaction,
  channelsOnDraft,
  channelsOnMessage,
  channelsOnMessageUpdated,
  channelsOnPresence,
  channelsOnReadState,
  channelsRemove,
  deletedLastMessage,
  removeMessage,
  upsertMessage,
} from "./reducers";
import { typingStore } from "./typingStore";
import { createServerEventHandlers, serverChannelOnMessage, serverChannelOnReadState, serverOfChannel } from "../servers/events";
import { isReading } from "./viewing";
import { applyPollUpdate, keepMyVotes, type PollUpdatedEvent } from "../polls/logic";

export interface ReactionEvent {
  channelId: string;
  messageId: string;
  emoji: string;
  userId: string;
}
export interface TypingEvent {
  channelId: string;
  userId: string;
  username: string;
}
export interface PresenceEvent {
  userId: string;
  presence: VisiblePresence;
  lastSeenAt: string | null;
}
export interface ReadStateEvent {
  channelId: string;
  lastReadId: string;
  unreadCount: number | string;
  mentionCount: number | string;
}
export interface ReadReceiptEvent {
  channelId: string;
  userId: string;
  lastReadId: string;
}
export interface MemberEvent {
  channelId: string;
  user: UserSummary;
}
export interface DraftEvent {
  channelId: string;
  content: string | null;
}

export interface EventContext {
  queryClient: QueryClient;
  meId: () => string | null;
  joinChannel: (channelId: string) => void;
  notify: (message: Message) => void;
  sessionRevoked: () => void;
}

/** Every hub event of IChatClient, applied to the query cache (one targeted fetch at most, never a refetch storm). */
export function createEventHandlers(ctx: EventContext) {
  const { queryClient: qc } = ctx;
  const me = () => ctx.meId() ?? "";
  const serverEvents = createServerEventHandlers(qc, me);

  const refreshChannel = (channelId: string) => {
    fetchChannel(channelId).then(
      (channel) => {
        const known = qc.getQueryData<Channel[]>(channelsKey)?.some((c) => c.id === channelId) ?? false;
        if (known) upsertChannel(qc, channel);
        else void qc.invalidateQueries({ queryKey: channelsKey });
      },
      () => {
        void qc.invalidateQueries({ queryKey: channelsKey });
        // Not a chat of ours: perhaps a server channel whose server list is not loaded.
        void qc.invalidateQueries({ queryKey: ["server-channels"] });
      },
    );
  };

  const onMessage = (message: Message) => {
    typingStore.stopped(message.channelId, message.author.id);
    qc.setQueryData<MessagesState>(messagesKey(message.channelId), (state) => (state ? upsertMessage(state, keepMyVotes(state, message)) : state));
    const list = qc.getQueryData<Channel[]>(channelsKey);
    if (serverChannelOnMessage(qc, message, me(), isReading(message.channelId))) {
      // A server text channel: its server's channel list carries the unread count.
    } else if (list && !list.some((c) => c.id === message.channelId)) {
      refreshChannel(message.channelId);
    } else {
      qc.setQueryData<Channel[]>(channelsKey, (l) => channelsOnMessage(l, message, { meId: me(), reading: isReading(message.channelId) }));
    }
    if (message.author.id !== me()) ctx.notify(message);
  };

  return {
    MessageCreated: onMessage,
    MessageUpdated: (message: Message) => {
      qc.setQueryData<MessagesState>(messagesKey(message.channelId), (state) => (state ? upsertMessage(state, keepMyVotes(state, message)) : state));
      qc.setQueryData<Channel[]>(channelsKey, (l) => channelsOnMessageUpdated(l, message));
    },
    MessageDeleted: (event: { channelId: string; id: string }) => {
      qc.setQueryData<MessagesState>(messagesKey(event.channelId), (state) => removeMessage(state, event.id));
      if (deletedLastMessage(qc.getQueryData<Channel[]>(channelsKey), event.channelId, event.id)) refreshChannel(event.channelId);
    },
    ReactionAdded: (event: ReactionEvent) => {
      qc.setQueryData<MessagesState>(messagesKey(event.channelId), (state) => applyReaction(state, event, me(), true));
    },
    ReactionRemoved: (event: ReactionEvent) => {
      qc.setQueryData<MessagesState>(messagesKey(event.channelId), (state) => applyReaction(state, event, me(), false));
    },
    PollUpdated: (event: PollUpdatedEvent) => {
      qc.setQueryData<MessagesState>(messagesKey(event.channelId), (state) => applyPollUpdate(state, event));
    },
    PinsChanged: (event: { channelId: string }) => {
      void qc.invalidateQueries({ queryKey: pinsKey(event.channelId) });
    },
    TypingStarted: (event: TypingEvent) => {
      if (event.userId === me()) return;
      typingStore.started(event.channelId, event.userId, event.username);
    },
    PresenceChanged: (event: PresenceEvent) => {
      qc.setQueryData<Channel[]>(channelsKey, (l) => channelsOnPresence(l, event));
      serverEvents.presence(event);
      qc.setQueryData<Friend[]>(friendsKey, (l) =>
        l?.map((f) => (f.user.id === event.userId ? { ...f, user: { ...f.user, presence: event.presence, lastSeenAt: event.lastSeenAt ?? f.user.lastSeenAt } } : f)),
      );
    },
    ReadStateChanged: (event: ReadStateEvent) => {
      if (serverChannelOnReadState(qc, event)) return;
      qc.setQueryData<Channel[]>(channelsKey, (l) => channelsOnReadState(l, event));
    },
    ReadReceiptUpdated: (event: ReadReceiptEvent) => {
      if (event.userId === me()) return;
      qc.setQueryData<Record<string, string>>(receiptsKey(event.channelId), (r) => (r ? { ...r, [event.userId]: event.lastReadId } : r));
    },
    ChannelCreated: (event: { channelId: string }) => {
      ctx.joinChannel(event.channelId);
      refreshChannel(event.channelId);
    },
    ChannelUpdated: (event: { channelId: string }) => {
      const serverId = serverOfChannel(qc, event.channelId);
      if (serverId) serverEvents.serverChannelChanged(serverId, event.channelId);
      else refreshChannel(event.channelId);
    },
    ChannelDeleted: (event: { channelId: string }) => {
      const serverId = serverOfChannel(qc, event.channelId);
      if (serverId) serverEvents.serverChannelChanged(serverId, event.channelId);
      qc.setQueryData<Channel[]>(channelsKey, (l) => channelsRemove(l, event.channelId));
      qc.removeQueries({ queryKey: messagesKey(event.channelId) });
    },
    MemberJoined: (event: MemberEvent) => {
      refreshChannel(event.channelId);
    },
    MemberLeft: (event: MemberEvent) => {
      if (event.user.id === me()) return;
      refreshChannel(event.channelId);
    },
    FriendRequestReceived: (request: FriendRequest) => {
      qc.setQueryData<{ incoming: FriendRequest[]; outgoing: FriendRequest[] }>(friendRequestsKey, (r) => {
        if (!r) return r;
        const mineOut = request.from.id === me();
        const list = mineOut ? r.outgoing : r.incoming;
        if (list.some((x) => x.id === request.id)) return r;
        return mineOut ? { ...r, outgoing: [...r.outgoing, request] } : { ...r, incoming: [...r.incoming, request] };
      });
    },
    FriendRequestRemoved: (event: { id: string }) => {
      qc.setQueryData<{ incoming: FriendRequest[]; outgoing: FriendRequest[] }>(friendRequestsKey, (r) =>
        r ? { incoming: r.incoming.filter((x) => x.id !== event.id), outgoing: r.outgoing.filter((x) => x.id !== event.id) } : r,
      );
    },
    FriendAdded: (friend: Friend) => {
      qc.setQueryData<Friend[]>(friendsKey, (l) => (l ? [...l.filter((f) => f.user.id !== friend.user.id), friend] : l));
      qc.setQueryData<Channel[]>(channelsKey, (l) =>
        l?.map((c) => (c.recipients.some((r) => r.id === friend.user.id) ? { ...c, recipients: c.recipients.map((r) => (r.id === friend.user.id ? { ...r, isFriend: true } : r)) } : c)),
      );
    },
    FriendRemoved: (event: { userId: string }) => {
      qc.setQueryData<Friend[]>(friendsKey, (l) => l?.filter((f) => f.user.id !== event.userId));
    },
    DraftChanged: (event: DraftEvent) => {
      qc.setQueryData<Channel[]>(channelsKey, (l) => channelsOnDraft(l, event.channelId, event.content));
    },
    SessionRevoked: () => {
      ctx.sessionRevoked();
    },
    ...serverEvents.handlers,
  };
}

export type EventHandlers = ReturnType<typeof createEventHandlers>;
