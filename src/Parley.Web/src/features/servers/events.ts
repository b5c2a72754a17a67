import type { QueryClient } from "@tanstack/react-query";
import type { Message } from "../chat/model";
import { compareIds, num } from "../chat/model";
import { onEmojiChanged } from "../emoji/api";
import {
  forgetServer,
  overwritesKey,
  serverAuditKey,
  serverChannelsKey,
  serverMembersKey,
  serverOfChannel,
  serverRolesKey,
  serversKey,
} from "./api";
import type { Member } from "./members";
import type { ServerChannel } from "./tree";
import { mentionsUser } from "../chat/mentions";

export { serverOfChannel };

export interface ServerRefEvent {
  serverId: string;
}
export interface ServerMemberEvent {
  serverId: string;
  userId: string;
}

/** A message in a server channel: counts it on that channel (unless it is mine or on screen). False if not a server channel. */
export function serverChannelOnMessage(qc: QueryClient, message: Message, meId: string, reading: boolean): boolean {
  const serverId = serverOfChannel(qc, message.channelId);
  if (!serverId) return false;
  const mine = message.author.id === meId;
  const myRoles = qc.getQueryData<Member[]>(serverMembersKey(serverId))?.find((m) => m.user.id === meId)?.roleIds ?? [];
  const mentionsMe = mentionsUser(message, meId, myRoles);
  qc.setQueryData<ServerChannel[]>(serverChannelsKey(serverId), (l) =>
    l?.map((c) => {
      if (c.id !== message.channelId) return c;
      const newer = !c.lastMessageId || compareIds(message.id, c.lastMessageId) > 0;
      const counts = mine || reading ? { unreadCount: mine ? 0 : c.unreadCount } : { unreadCount: num(c.unreadCount) + 1, mentionCount: num(c.mentionCount) + (mentionsMe ? 1 : 0) };
      return { ...c, ...(newer ? { lastMessageId: message.id } : {}), ...counts };
    }),
  );
  return true;
}

export function serverChannelOnReadState(qc: QueryClient, event: { channelId: string; lastReadId?: string; unreadCount: number | string; mentionCount: number | string }): boolean {
  const serverId = serverOfChannel(qc, event.channelId);
  if (!serverId) return false;
  qc.setQueryData<ServerChannel[]>(serverChannelsKey(serverId), (l) =>
    l?.map((c) =>
      c.id === event.channelId
        ? { ...c, unreadCount: event.unreadCount, mentionCount: event.mentionCount, ...(event.lastReadId ? { lastReadId: event.lastReadId } : {}) }
        : c,
    ),
  );
  return true;
}

/** The hub's server events: each refreshes the queries it touches (the lists are small; the events carry only ids). */
export function createServerEventHandlers(qc: QueryClient, meId: () => string) {
  const invalidate = (key: readonly unknown[]) => {
    void qc.invalidateQueries({ queryKey: key });
  };
  const everything = (serverId: string) => {
    invalidate(serversKey);
    invalidate(serverChannelsKey(serverId));
    invalidate(serverRolesKey(serverId));
    invalidate(serverMembersKey(serverId));
    invalidate(serverAuditKey(serverId));
  };
  return {
    serverChannelChanged(serverId: string, channelId: string) {
      invalidate(serverChannelsKey(serverId));
      invalidate(overwritesKey(channelId));
      invalidate(serverAuditKey(serverId));
    },
    /** Someone's presence: the member lists that hold them show it at once. */
    presence(event: { userId: string; presence: Member["user"]["presence"]; lastSeenAt: string | null }) {
      for (const [key] of qc.getQueriesData<Member[]>({ queryKey: ["server-members"] })) {
        qc.setQueryData<Member[]>(key, (l) =>
          l?.map((m) => (m.user.id === event.userId ? { ...m, user: { ...m.user, presence: event.presence, lastSeenAt: event.lastSeenAt ?? m.user.lastSeenAt } } : m)),
        );
      }
    },
    handlers: {
      ServerUpdated: (event: ServerRefEvent) => {
        // Roles and their permissions change with it: what I may see and do is read again.
        everything(event.serverId);
      },
      EmojiChanged: (event: ServerRefEvent) => {
        onEmojiChanged(qc, event.serverId);
      },
      ServerDeleted: (event: ServerRefEvent) => {
        forgetServer(qc, event.serverId);
        invalidate(serversKey);
      },
      ServerMemberJoined: (event: ServerMemberEvent) => {
        invalidate(serverMembersKey(event.serverId));
        invalidate(serversKey);
      },
      ServerMemberLeft: (event: ServerMemberEvent) => {
        if (event.userId === meId()) {
          forgetServer(qc, event.serverId);
          invalidate(serversKey);
          return;
        }
        invalidate(serverMembersKey(event.serverId));
        invalidate(serversKey);
      },
      ServerMemberUpdated: (event: ServerMemberEvent) => {
        invalidate(serverMembersKey(event.serverId));
        if (event.userId === meId()) {
          // My roles changed: my permissions and the channels I can see may have too.
          invalidate(serversKey);
          invalidate(serverChannelsKey(event.serverId));
        }
      },
    },
  };
}
