import { useQueryClient } from "@tanstack/react-query";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState, type Ref } from "react";
import { useTranslation } from "react-i18next";
import { Icon } from "../../lib/components/Icon";
import { Spinner } from "../../lib/components/Spinner";
import { useToast } from "../../lib/components/toastContext";
import { reasonMessage } from "../../lib/errors";
import { deleteMessage, discardFailed, markRead, retrySend, togglePin, toggleReaction } from "./actions";
import { fetchMessages, loadAround, messagesKey, PAGE_SIZE, useMessages, useReceipts } from "./api";
import { ConfirmDialog } from "./Dialog";
import { EditHistoryDialog } from "./EditHistoryDialog";
import { formatDaySeparator } from "./format";
import { buildItems, type ListItem } from "./grouping";
import { MessageItem } from "./MessageItem";
import { MessageMenu, type MenuAction } from "./MessageMenu";
import { compareIds, newestServerId, num, type Channel, type ChatMessage, type MessagesState, type UserSummary } from "./model";
import { prependPage } from "./reducers";
import { setViewing } from "./viewing";

export interface MessageListHandle {
  scrollToBottom: () => void;
  jumpTo: (messageId: string) => void;
}

interface MessageListProps {
  channel: Channel;
  me: UserSummary;
  onReply: (message: ChatMessage) => void;
  onEdit: (message: ChatMessage) => void;
  handle: Ref<MessageListHandle>;
  /** Open at this message (a search result): loaded around it, scrolled to it and highlighted. */
  anchorId?: string | null;
  /** Changes when the same message is asked for again (a new navigation). */
  anchorKey?: string;
}

const NEAR_BOTTOM_PX = 80;

export function MessageList({ channel, me, onReply, onEdit, handle, anchorId, anchorKey }: MessageListProps) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const toast = useToast();
  const messages = useMessages(channel.id);
  const receipts = useReceipts(channel.id);
  const scrollRef = useRef<HTMLDivElement>(null);
  // Where the "New messages" line goes: fixed when the chat opens, so reading does not move it.
  const [unreadAfter] = useState(() => (num(channel.unreadCount) > 0 ? channel.lastReadId : null));
  const [atBottom, setAtBottom] = useState(true);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [highlight, setHighlight] = useState<string | null>(null);
  const [menu, setMenu] = useState<{ message: ChatMessage; anchor: DOMRect } | null>(null);
  const [history, setHistory] = useState<ChatMessage | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<ChatMessage | null>(null);
  const [unreadLineSeen, setUnreadLineSeen] = useState(false);

  const state = messages.data;
  const items = useMemo(() => buildItems(state?.items ?? [], { unreadAfterId: unreadAfter, meId: me.id }), [state, unreadAfter, me.id]);
  const isGroup = channel.type !== "direct";
  const readUpTo = useMemo(() => {
    const values = Object.values(receipts.data ?? {});
    if (values.length === 0) return null;
    return values.reduce((a, b) => (compareIds(a, b) >= 0 ? a : b));
  }, [receipts.data]);

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read fresh on every render, never memoised
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (items[i]?.type === "message" ? 58 : 44),
    getItemKey: (i) => items[i]?.key ?? i,
    overscan: 10,
    anchorTo: "end",
    followOnAppend: true,
    scrollEndThreshold: 24,
    paddingStart: 8,
    paddingEnd: 8,
  });

  // First paint: at the "New messages" line if there is one, else at the bottom.
  const positioned = useRef(false);
  useEffect(() => {
    if (positioned.current || !state) return;
    positioned.current = true;
    // Opening at a message: the anchor effect below places the list.
    if (anchorId) return;
    const unreadIndex = items.findIndex((it) => it.type === "unread");
    if (unreadIndex >= 0) virtualizer.scrollToIndex(unreadIndex, { align: "start" });
    else if (items.length > 0) virtualizer.scrollToIndex(items.length - 1, { align: "end" });
  }, [state, items, virtualizer, anchorId]);

  const loadOlder = useCallback(async (): Promise<boolean> => {
    const current = queryClient.getQueryData<MessagesState>(messagesKey(channel.id));
    const first = current?.items.find((m) => !m.id.startsWith("local:"));
    if (!current?.hasOlder || !first) return false;
    setLoadingOlder(true);
    try {
      const page = await fetchMessages(channel.id, { before: first.id, limit: PAGE_SIZE });
      queryClient.setQueryData<MessagesState>(messagesKey(channel.id), (s) => prependPage(s, page, PAGE_SIZE));
      return page.length > 0;
    } catch {
      return false;
    } finally {
      setLoadingOlder(false);
    }
  }, [channel.id, queryClient]);

  const loadingRef = useRef(false);
  const onScroll = useCallback(() => {
    const el = scrollRef.current;
    if (!el) return;
    const distance = el.scrollHeight - el.scrollTop - el.clientHeight;
    setAtBottom(distance < NEAR_BOTTOM_PX);
    if (el.scrollTop < 400 && !loadingRef.current && positioned.current) {
      loadingRef.current = true;
      void loadOlder().finally(() => {
        loadingRef.current = false;
      });
    }
  }, [loadOlder]);

  // The composer grows (files waiting to be sent, a reply bar): stay at the bottom if we were there.
  const loaded = !messages.isPending;
  useEffect(() => {
    const el = scrollRef.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    let lastHeight = el.clientHeight;
    let wasAtBottom = true;
    const track = () => {
      wasAtBottom = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
    };
    el.addEventListener("scroll", track, { passive: true });
    const observer = new ResizeObserver(() => {
      const height = el.clientHeight;
      if (height < lastHeight && wasAtBottom) el.scrollTop = el.scrollHeight;
      lastHeight = height;
    });
    observer.observe(el);
    return () => {
      el.removeEventListener("scroll", track);
      observer.disconnect();
    };
  }, [loaded]);

  // The list may be shorter than the screen: fill it from the history.
  useEffect(() => {
    const el = scrollRef.current;
    if (!el || !state?.hasOlder || loadingRef.current) return;
    if (el.scrollHeight <= el.clientHeight + 40) {
      loadingRef.current = true;
      void loadOlder().finally(() => {
        loadingRef.current = false;
      });
    }
  }, [state, loadOlder]);

  // Read state: visible and at the bottom -> read up to the newest message.
  const newest = newestServerId(state);
  useEffect(() => {
    setViewing({ channelId: channel.id, atBottom });
    const mark = () => {
      if (atBottom && newest && document.visibilityState === "visible") void markRead(queryClient, channel.id, newest);
    };
    const timer = window.setTimeout(mark, 300);
    document.addEventListener("visibilitychange", mark);
    return () => {
      window.clearTimeout(timer);
      document.removeEventListener("visibilitychange", mark);
    };
  }, [atBottom, newest, channel.id, queryClient]);
  useEffect(
    () => () => {
      setViewing({ channelId: null, atBottom: false });
    },
    [],
  );

  const scrollToBottom = useCallback(() => {
    if (items.length > 0) virtualizer.scrollToIndex(items.length - 1, { align: "end" });
  }, [items.length, virtualizer]);

  const flash = useCallback((id: string, ms = 1600) => {
    setHighlight(id);
    window.setTimeout(() => {
      setHighlight((h) => (h === id ? null : h));
    }, ms);
  }, []);

  const itemsRef = useRef(items);
  useEffect(() => {
    itemsRef.current = items;
  }, [items]);

  const jumpTo = useCallback(
    async (messageId: string) => {
      const find = () => itemsRef.current.findIndex((it) => it.type === "message" && it.message.id === messageId);
      let index = find();
      for (let page = 0; index < 0 && page < 20; page++) {
        if (!(await loadOlder())) break;
        await new Promise((r) => setTimeout(r, 30));
        index = find();
      }
      if (index < 0) {
        toast.show(t("chat.conversation.jumpFailed"), "error");
        return;
      }
      virtualizer.scrollToIndex(index, { align: "center" });
      flash(messageId);
    },
    [loadOlder, virtualizer, flash, toast, t],
  );

  // Open at a message: load the page around it if it is not loaded yet, then centre and highlight it.
  const anchored = useRef<string | null>(null);
  useEffect(() => {
    if (!anchorId || !state) return;
    const token = `${anchorId} ${anchorKey ?? ""}`;
    if (anchored.current === token) return;
    anchored.current = token;
    const find = () => itemsRef.current.findIndex((it) => it.type === "message" && it.message.id === anchorId);
    void (async () => {
      let found = find() >= 0;
      if (!found) {
        found = await loadAround(queryClient, channel.id, anchorId).catch(() => false);
        // Wait for the list to render what was loaded.
        for (let frame = 0; found && find() < 0 && frame < 120; frame++) await new Promise((r) => requestAnimationFrame(r));
      }
      const index = find();
      if (!found || index < 0) {
        toast.show(t("chat.conversation.jumpFailed"), "error");
        if (items.length > 0) virtualizer.scrollToIndex(itemsRef.current.length - 1, { align: "end" });
        return;
      }
      virtualizer.scrollToIndex(index, { align: "center" });
      flash(anchorId, 4000);
    })();
  }, [anchorId, anchorKey, state, queryClient, channel.id, virtualizer, flash, toast, t, items.length]);

  useImperativeHandle(handle, () => ({ scrollToBottom, jumpTo: (id) => void jumpTo(id) }), [scrollToBottom, jumpTo]);

  const fail = useCallback(
    (error: unknown) => {
      toast.show(t("chat.message.actionFailed", { reason: reasonMessage(error, t) }), "error");
    },
    [toast, t],
  );

  const onReact = useCallback(
    (message: ChatMessage, emoji: string) => {
      toggleReaction(queryClient, message, emoji, me.id).catch(fail);
    },
    [queryClient, me.id, fail],
  );
  const onMenu = useCallback((message: ChatMessage, anchor: DOMRect) => {
    setMenu({ message, anchor });
  }, []);
  const onRetry = useCallback((message: ChatMessage) => void retrySend(queryClient, message, me.id), [queryClient, me.id]);
  const onDiscard = useCallback((message: ChatMessage) => {
    discardFailed(queryClient, message);
  }, [queryClient]);
  const onJump = useCallback((id: string) => void jumpTo(id), [jumpTo]);

  function onAction(message: ChatMessage, action: MenuAction) {
    switch (action) {
      case "reply":
        onReply(message);
        break;
      case "edit":
        onEdit(message);
        break;
      case "delete":
        setConfirmDelete(message);
        break;
      case "pin":
        togglePin(queryClient, message).catch(fail);
        break;
      case "copy":
        void navigator.clipboard.writeText(message.content).then(
          () => {
            toast.show(t("chat.message.copied"), "success");
          },
          () => undefined,
        );
        break;
    }
  }

  const unreadIndex = items.findIndex((it) => it.type === "unread");
  const virtualItems = virtualizer.getVirtualItems();
  useEffect(() => {
    if (unreadIndex < 0 || unreadLineSeen) return;
    if (virtualItems.some((v) => v.index <= unreadIndex)) setUnreadLineSeen(true);
  }, [virtualItems, unreadIndex, unreadLineSeen]);

  if (messages.isPending) {
    return (
      <div className="message-list message-list--loading" aria-busy="true">
        <Spinner label={t("chat.conversation.loading")} />
      </div>
    );
  }
  if (messages.isError) {
    return (
      <div className="message-list message-list--loading">
        <p>{t("chat.conversation.loadFailed")}</p>
        <button type="button" className="button button--secondary button--small" onClick={() => void messages.refetch()}>
          {t("common.retry")}
        </button>
      </div>
    );
  }

  const canDelete = (m: ChatMessage) => m.author.id === me.id || (channel.type === "group" && channel.ownerId === me.id);
  const unread = num(channel.unreadCount);

  return (
    <div className="message-list-wrap">
      <div ref={scrollRef} className="message-list" onScroll={onScroll} role="log" aria-label={t("chat.conversation.messages")} aria-live="polite" data-testid="message-list">
        {items.length === 0 ? (
          <div className="message-list__empty">
            <p className="conversation__empty-title">{t("chat.conversation.empty")}</p>
            <p className="conversation__empty-hint">{t("chat.conversation.emptyHint")}</p>
          </div>
        ) : null}
        <div className="message-list__inner" style={{ height: virtualizer.getTotalSize() }}>
          {virtualItems.map((v) => {
            const item = items[v.index];
            if (!item) return null;
            return (
              <div key={v.key} data-index={v.index} ref={virtualizer.measureElement} className="message-list__row" style={{ transform: `translateY(${String(v.start)}px)` }}>
                {v.index === 0 && state && !state.hasOlder ? <p className="message-list__start">{t("chat.conversation.start")}</p> : null}
                {v.index === 0 && loadingOlder ? (
                  <div className="message-list__older">
                    <Spinner label={t("chat.conversation.loadingOlder")} />
                  </div>
                ) : null}
                {renderItem(item)}
              </div>
            );
          })}
        </div>
      </div>
      <div className="jump-buttons">
        {unreadIndex >= 0 && !unreadLineSeen ? (
          <button
            type="button"
            className="jump-button"
            data-testid="jump-to-unread"
            title={t("chat.conversation.jumpToUnread")}
            aria-label={t("chat.conversation.jumpToUnread")}
            onClick={() => {
              virtualizer.scrollToIndex(unreadIndex, { align: "start" });
              setUnreadLineSeen(true);
            }}
          >
            <Icon name="at" size={20} />
          </button>
        ) : null}
        {!atBottom ? (
          <button type="button" className="jump-button" data-testid="jump-to-latest" title={t("chat.conversation.jumpToLatest")} aria-label={t("chat.conversation.jumpToLatest")} onClick={scrollToBottom}>
            <Icon name="arrowDown" size={22} />
            {unread > 0 ? <span className="jump-button__badge">{unread}</span> : null}
          </button>
        ) : null}
      </div>
      {menu ? (
        <MessageMenu
          message={menu.message}
          anchor={menu.anchor}
          canEdit={menu.message.author.id === me.id}
          canDelete={canDelete(menu.message)}
          onAction={(action) => {
            onAction(menu.message, action);
          }}
          onReact={(emoji) => {
            onReact(menu.message, emoji);
          }}
          onClose={() => {
            setMenu(null);
          }}
        />
      ) : null}
      {history ? (
        <EditHistoryDialog
          message={history}
          onClose={() => {
            setHistory(null);
          }}
        />
      ) : null}
      {confirmDelete ? (
        <ConfirmDialog
          title={t("chat.message.deleteTitle")}
          text={t("chat.message.deleteText")}
          confirm={t("chat.message.delete")}
          danger
          onConfirm={() => {
            deleteMessage(queryClient, confirmDelete).catch(fail);
          }}
          onClose={() => {
            setConfirmDelete(null);
          }}
        />
      ) : null}
    </div>
  );

  function renderItem(item: ListItem) {
    switch (item.type) {
      case "date":
        return (
          <div className="date-separator">
            <span>{formatDaySeparator(item.at, i18n.language, t)}</span>
          </div>
        );
      case "unread":
        return (
          <div className="new-messages-line" data-testid="new-messages-line">
            <span>{t("chat.conversation.newMessages")}</span>
          </div>
        );
      case "message":
        return (
          <MessageItem
            message={item.message}
            meId={me.id}
            meUsername={me.username}
            first={item.first}
            last={item.last}
            showAuthors={isGroup}
            readUpTo={readUpTo}
            highlighted={highlight === item.message.id}
            onMenu={onMenu}
            onReact={onReact}
            onJump={onJump}
            onHistory={setHistory}
            onRetry={onRetry}
            onDiscard={onDiscard}
          />
        );
    }
  }
}
