import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { forgetSession, useMe } from "../auth/api";
import { useSettings } from "../settings/api";
import { channelsKey, fetchChannel, useChannels } from "./api";
import { channelTitle, displayName, type Channel, type Message } from "./model";
import { messagePreview } from "./preview";
import { startRealtime } from "./realtime";
import { serverChannelsKey, serverMembersKey, serverOfChannel } from "../servers/api";
import { totalUnread } from "./reducers";
import { shouldNotify } from "./notifications";
import { badgeLabel, drawBadgedIcon, titleWithUnread } from "./unreadBadge";
import { mentionsUser } from "./mentions";
import type { ServerChannel } from "../servers/tree";
import type { Member } from "../servers/members";

/**
 * The chat machinery that lives as long as the user is signed in: the hub connection, browser notifications, and the
 * unread count in the tab title and favicon.
 */
export function ChatRuntime() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { t } = useTranslation();
  const { data: me } = useMe();
  const settings = useSettings();
  const channels = useChannels(Boolean(me));
  const meId = me?.id;

  const latest = useRef({ me, settings: settings.data, t, navigate });
  useEffect(() => {
    latest.current = { me, settings: settings.data, t, navigate };
  });

  useEffect(() => {
    if (!meId) return;
    function showNotification(message: Message, channel: Channel) {
      const { me: current, settings: s, t: tr, navigate: nav } = latest.current;
      const permission = typeof Notification === "undefined" ? "unsupported" : Notification.permission;
      const ok = shouldNotify({
        hidden: document.visibilityState === "hidden",
        enabled: s?.notifications.enabled ?? true,
        permission,
        presence: current?.presence,
        channel,
        mentionsMe: mentionsUser(message, current?.id),
      });
      if (!ok || !current) return;
      const author = displayName(message.author);
      const title = channel.type === "direct" ? author : tr("chat.notify.inGroup", { name: author, group: channelTitle(channel, current.id) });
      const body = s?.notifications.showPreview === false ? tr("chat.notify.newMessage") : messagePreview(message, tr).slice(0, 200);
      try {
        const n = new Notification(title, { body, tag: message.channelId, icon: "/icon.svg", silent: s?.notifications.sound === false });
        n.onclick = () => {
          window.focus();
          void nav(`/chats/${message.channelId}`);
          n.close();
        };
      } catch {
        // Some browsers only allow notifications from a service worker.
      }
    }

    /** A server channel notifies only when it mentions you (by name, a role of yours, @everyone or @here). */
    function showServerMention(message: Message, serverId: string) {
      const { me: current, settings: s, t: tr, navigate: nav } = latest.current;
      if (!current || document.visibilityState !== "hidden" || s?.notifications.enabled === false || current.presence === "dnd") return;
      if (typeof Notification === "undefined" || Notification.permission !== "granted") return;
      const myRoles = queryClient.getQueryData<Member[]>(serverMembersKey(serverId))?.find((m) => m.user.id === current.id)?.roleIds ?? [];
      if (!mentionsUser(message, current.id, myRoles)) return;
      const channelName = queryClient.getQueryData<ServerChannel[]>(serverChannelsKey(serverId))?.find((c) => c.id === message.channelId)?.name ?? "";
      const title = tr("chat.notify.inGroup", { name: displayName(message.author), group: `#${channelName}` });
      const body = s?.notifications.showPreview === false ? tr("chat.notify.newMessage") : messagePreview(message, tr).slice(0, 200);
      try {
        const n = new Notification(title, { body, tag: message.channelId, icon: "/icon.svg", silent: s?.notifications.sound === false });
        n.onclick = () => {
          window.focus();
          void nav(`/servers/${serverId}/${message.channelId}`);
          n.close();
        };
      } catch {
        // Some browsers only allow notifications from a service worker.
      }
    }

    return startRealtime(queryClient, {
      meId: () => latest.current.me?.id ?? null,
      sessionRevoked: () => {
        forgetSession(queryClient);
      },
      notify: (message: Message) => {
        const known = queryClient.getQueryData<Channel[]>(channelsKey)?.find((c) => c.id === message.channelId);
        if (known) {
          showNotification(message, known);
          return;
        }
        const serverId = serverOfChannel(queryClient, message.channelId);
        if (serverId) {
          showServerMention(message, serverId);
          return;
        }
        // The first message of a chat that is new to us (someone writes for the first time): look the chat up first.
        fetchChannel(message.channelId).then(
          (channel) => {
            if (channel.type === "direct" || channel.type === "group") showNotification(message, channel);
          },
          () => undefined,
        );
      },
    });
  }, [meId, queryClient]);

  // Unread count in the title and on the favicon.
  const unread = totalUnread(channels.data);
  const base = t("app.name");
  useEffect(() => {
    document.title = titleWithUnread(base, unread);
  }, [base, unread]);
  useEffect(() => {
    return () => {
      document.title = base;
    };
  }, [base]);

  useFaviconBadge(unread);
  return null;
}

function useFaviconBadge(unread: number) {
  const icon = useRef<HTMLImageElement | null>(null);
  const original = useRef<string | null>(null);
  useEffect(() => {
    const link = document.querySelector<HTMLLinkElement>("link[rel~='icon']");
    if (!link) return;
    original.current ??= link.href;
    const label = badgeLabel(unread);
    if (!label) {
      link.href = original.current;
      link.type = "image/svg+xml";
      return;
    }
    let cancelled = false;
    const apply = () => {
      if (cancelled) return;
      const url = drawBadgedIcon(icon.current, label);
      if (url) {
        link.type = "image/png";
        link.href = url;
      }
    };
    if (icon.current) {
      apply();
    } else {
      const img = new Image();
      img.onload = () => {
        icon.current = img;
        apply();
      };
      img.onerror = apply;
      img.src = original.current;
    }
    return () => {
      cancelled = true;
    };
  }, [unread]);
  useEffect(() => {
    return () => {
      const link = document.querySelector<HTMLLinkElement>("link[rel~='icon']");
      if (link && original.current) {
        link.href = original.current;
        link.type = "image/svg+xml";
      }
    };
  }, []);
}
