import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useLayoutEffect, useRef, useState, type ClipboardEvent, type KeyboardEvent } from "react";
import { createPortal } from "react-dom";
import { useTranslation } from "react-i18next";
import { mentionSuggestions, type GroupMention, type MentionSuggestion } from "./mentions";
import { Avatar } from "../../lib/components/Avatar";
import { Icon } from "../../lib/components/Icon";
import { useToast } from "../../lib/components/toastContext";
import { reasonMessage } from "../../lib/errors";
import { emojiToken, expandCustomEmoji, sendSticker, useCustomEmojiSections } from "../emoji/api";
import { StickerPicker } from "../emoji/StickerPicker";
import { CreatePollDialog } from "../polls/CreatePollDialog";
import { PollIcon } from "../polls/PollCard";
import { PendingFiles } from "../files/PendingFiles";
import { serverOfChannel } from "../servers/api";
import { queueReady, uploadedAttachments } from "../files/uploadQueue";
import { nameForPasted, usePendingFiles } from "../files/usePendingFiles";
import { editMessage, MESSAGE_MAX_LENGTH, saveDraft, sendMessage } from "./actions";
import { EmojiPicker } from "./EmojiPicker";
import { toPlainText } from "./markdown";
import { displayName, type Channel, type ChatMessage, type PublicUser, type UserSummary } from "./model";
import { hubSend } from "./realtime";

const DRAFT_DELAY_MS = 1000;
const TYPING_EVERY_MS = 3000;
const MAX_HEIGHT_PX = 200;

interface ComposerProps {
  channel: Channel;
  me: UserSummary;
  replyTo: ChatMessage | null;
  editing: ChatMessage | null;
  onCancelReply: () => void;
  onCancelEdit: () => void;
  /** Up arrow in an empty composer: edit my last message. */
  onEditLast: () => void;
  onSent: () => void;
  title: string;
  /** Mentions that are not people (roles, @everyone, @here) offered after "@"; groups offer @everyone and @here themselves. */
  groupMentions?: readonly GroupMention[];
}


/** Tells the others "typing…" at most every few seconds. */
function sendTypingIfDue(last: { current: number }, channelId: string): void {
  const now = Date.now();
  if (now - last.current <= TYPING_EVERY_MS) return;
  last.current = now;
  hubSend("Typing", channelId);
}

/** The "@name" being typed right before the caret, if any. */
function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const m = /(^|[^\p{L}\p{N}_])@([\p{L}\p{Nd}_.-]{0,32})$/u.exec(before);
  if (!m) return null;
  return { start: caret - (m[2]?.length ?? 0) - 1, query: (m[2] ?? "").toLowerCase() };
}

export type { GroupMention };

export function Composer({ channel, me, replyTo, editing, onCancelReply, onCancelEdit, onEditLast, onSent, title, groupMentions }: ComposerProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [text, setText] = useState(() => channel.draft ?? "");
  const [emojiOpen, setEmojiOpen] = useState(false);
  const [stickerOpen, setStickerOpen] = useState(false);
  const [pollOpen, setPollOpen] = useState(false);
  const customEmoji = useCustomEmojiSections().flatMap((section) => section.items);
  const channelServerId = channel.type === "text" ? serverOfChannel(queryClient, channel.id) : null;
  const [mention, setMention] = useState<{ start: number; query: string } | null>(null);
  const [mentionIndex, setMentionIndex] = useState(0);
  const input = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const pending = usePendingFiles();
  const addFiles = pending.add;
  const [dropTarget, setDropTarget] = useState<HTMLElement | null>(null);
  const [dragging, setDragging] = useState(false);
  const draftTimer = useRef<number | null>(null);
  const lastTyping = useRef(0);
  // The text as the server last knew it, to tell our edits from another device's draft.
  const synced = useRef(channel.draft ?? "");
  const textRef = useRef(text);
  // Editing puts the message's text in the box; leaving puts the draft back (adjusted during render, not in an effect).
  const editingId = editing?.id ?? null;
  const [shownEdit, setShownEdit] = useState<string | null>(null);
  const [stash, setStash] = useState<string | null>(null);
  if (editingId !== shownEdit) {
    setShownEdit(editingId);
    if (editing) {
      if (shownEdit === null) setStash(text);
      setText(editing.content);
    } else {
      setText(stash ?? "");
      setStash(null);
    }
  }

  useEffect(() => {
    textRef.current = text;
  }, [text]);

  // Grow with the text up to a maximum height (set through the CSSOM, which the CSP allows).
  useLayoutEffect(() => {
    const el = input.current;
    if (!el) return;
    el.style.height = "auto";
    el.style.height = `${String(Math.min(el.scrollHeight, MAX_HEIGHT_PX))}px`;
    el.style.overflowY = el.scrollHeight > MAX_HEIGHT_PX ? "auto" : "hidden";
  }, [text]);

  // Focus when the chat opens, when replying and when editing (not on phones: the keyboard would jump up).
  useEffect(() => {
    if (window.matchMedia("(pointer: fine)").matches || replyTo || editing) input.current?.focus();
  }, [replyTo, editing, channel.id]);

  // Files dragged anywhere over the conversation's column drop into the composer (the overlay shows where).
  useEffect(() => {
    const column = root.current?.closest<HTMLElement>(".conversation__column") ?? root.current?.parentElement ?? null;
    if (!column) return;
    setDropTarget(column);
    let depth = 0;
    const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes("Files");
    const onEnter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth += 1;
      setDragging(true);
    };
    const onOver = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = "copy";
    };
    const onLeave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onDrop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      addFiles(Array.from(e.dataTransfer?.files ?? []));
    };
    column.addEventListener("dragenter", onEnter);
    column.addEventListener("dragover", onOver);
    column.addEventListener("dragleave", onLeave);
    column.addEventListener("drop", onDrop);
    return () => {
      column.removeEventListener("dragenter", onEnter);
      column.removeEventListener("dragover", onOver);
      column.removeEventListener("dragleave", onLeave);
      column.removeEventListener("drop", onDrop);
    };
  }, [addFiles]);

  function onPaste(e: ClipboardEvent<HTMLTextAreaElement>) {
    const files = Array.from(e.clipboardData.files);
    if (files.length === 0) return;
    e.preventDefault();
    addFiles(files.map((f) => (f.name && f.name !== "image.png" ? f : new File([f], nameForPasted(f), { type: f.type }))));
  }

  // Another device (or tab) changed the draft: take it unless we are in the middle of our own edits.
  useEffect(() => {
    const remote = channel.draft ?? "";
    if (editing || draftTimer.current !== null) return;
    if (remote !== synced.current && textRef.current === synced.current) {
      synced.current = remote;
      setText(remote);
    } else {
      synced.current = remote;
    }
  }, [channel.draft, editing]);

  const flushDraft = useRef<() => void>(() => undefined);
  const isEditing = editing !== null;
  useEffect(() => {
    flushDraft.current = () => {
      if (draftTimer.current !== null) {
        window.clearTimeout(draftTimer.current);
        draftTimer.current = null;
      }
      if (isEditing) return;
      const value = textRef.current;
      if (value === synced.current) return;
      synced.current = value;
      saveDraft(queryClient, channel.id, value).catch(() => undefined);
    };
  }, [isEditing, queryClient, channel.id]);
  useEffect(
    () => () => {
      flushDraft.current();
    },
    [],
  );

  function changed(value: string, caret: number) {
    setText(value);
    textRef.current = value;
    const q = mentionQuery(value, caret);
    setMention(q);
    setMentionIndex(0);
    if (editing) return;
    if (draftTimer.current !== null) window.clearTimeout(draftTimer.current);
    draftTimer.current = window.setTimeout(() => {
      draftTimer.current = null;
      flushDraft.current();
    }, DRAFT_DELAY_MS);
    if (value.trim() !== "") sendTypingIfDue(lastTyping, channel.id);
  }

  const members: PublicUser[] = channel.recipients.filter((r) => r.id !== me.id);
  const special: readonly GroupMention[] =
    groupMentions ?? (channel.type === "group" ? [{ token: "everyone", name: t("chat.composer.everyone") }, { token: "here", name: t("chat.composer.here") }] : []);
  const suggestions: MentionSuggestion<PublicUser>[] = mention ? mentionSuggestions(members, special, mention.query) : [];

  function insertMention(pick: MentionSuggestion<PublicUser>) {
    if (!mention) return;
    const el = input.current;
    const caret = el?.selectionStart ?? text.length;
    const next = `${text.slice(0, mention.start)}@${pick.token} ${text.slice(caret)}`;
    const pos = mention.start + pick.token.length + 2;
    changed(next, pos);
    setMention(null);
    requestAnimationFrame(() => {
      el?.setSelectionRange(pos, pos);
      el?.focus();
    });
  }

  function insertEmoji(emoji: string) {
    const el = input.current;
    const start = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? text.length;
    const next = text.slice(0, start) + emoji + text.slice(end);
    changed(next, start + emoji.length);
    setEmojiOpen(false);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + emoji.length, start + emoji.length);
    });
  }

  function submit() {
    const content = text.trim();
    if (content.length > MESSAGE_MAX_LENGTH) {
      toast.show(t("chat.composer.tooLong", { max: MESSAGE_MAX_LENGTH }), "error");
      return;
    }
    if (editing) {
      if (content === "" || content === editing.content) {
        onCancelEdit();
        return;
      }
      const target = editing;
      onCancelEdit();
      editMessage(queryClient, target, content).catch((error: unknown) => {
        toast.show(t("chat.message.actionFailed", { reason: reasonMessage(error, t) }), "error");
      });
      return;
    }
    const ready = queueReady(pending.state);
    const attachments = uploadedAttachments(pending.state);
    if (!ready || (content === "" && attachments.length === 0)) return;
    const reply = replyTo;
    setText("");
    textRef.current = "";
    setMention(null);
    onCancelReply();
    if (draftTimer.current !== null) {
      window.clearTimeout(draftTimer.current);
      draftTimer.current = null;
    }
    if (synced.current !== "") {
      synced.current = "";
      saveDraft(queryClient, channel.id, "").catch(() => undefined);
    }
    pending.clear();
    void sendMessage(queryClient, channel.id, me, content, reply, attachments);
    onSent();
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.nativeEvent.isComposing) return;
    if (suggestions.length > 0) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        const d = e.key === "ArrowDown" ? 1 : -1;
        setMentionIndex((i) => (i + d + suggestions.length) % suggestions.length);
        return;
      }
      if (e.key === "Enter" || e.key === "Tab") {
        e.preventDefault();
        const pick = suggestions[mentionIndex] ?? suggestions[0];
        if (pick) insertMention(pick);
        return;
      }
      if (e.key === "Escape") {
        e.preventDefault();
        setMention(null);
        return;
      }
    }
    if (e.key === "Enter" && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      submit();
    } else if (e.key === "ArrowUp" && text === "" && !editing) {
      e.preventDefault();
      onEditLast();
    } else if (e.key === "Escape") {
      if (editing) {
        e.preventDefault();
        onCancelEdit();
      } else if (replyTo) {
        e.preventDefault();
        onCancelReply();
      } else if (emojiOpen) {
        setEmojiOpen(false);
      } else if (stickerOpen) {
        setStickerOpen(false);
      }
    }
  }

  const bar = editing ?? replyTo;
  const filesReady = queueReady(pending.state);
  const hasFiles = pending.state.files.length > 0;
  const canSend = editing ? text.trim() !== "" : filesReady && (text.trim() !== "" || hasFiles);
  return (
    <div className="composer" ref={root}>
      {dragging && dropTarget
        ? createPortal(
            <div className="drop-overlay" data-testid="drop-overlay" aria-hidden="true">
              <div className="drop-overlay__box">
                <Icon name="paperclip" size={36} />
                <span className="drop-overlay__title">{t("files.drop.title")}</span>
                <span className="drop-overlay__hint">{t("files.drop.hint", { name: title })}</span>
              </div>
            </div>,
            dropTarget,
          )
        : null}
      {!editing ? <PendingFiles state={pending.state} onRemove={pending.remove} onDismissRejected={pending.dismissRejected} /> : null}
      {bar ? (
        <div className="composer__bar" data-testid="reply-bar" data-mode={editing ? "edit" : "reply"}>
          <Icon name={editing ? "edit" : "reply"} size={20} className="composer__bar-icon" />
          <div className="composer__bar-text">
            <span className="composer__bar-title">{editing ? t("chat.composer.editing") : t("chat.composer.replyTo", { name: displayName(bar.author) })}</span>
            <span className="composer__bar-quote">{toPlainText(bar.content)}</span>
          </div>
          <button
            type="button"
            className="icon-button"
            aria-label={editing ? t("chat.composer.cancelEdit") : t("chat.composer.cancelReply")}
            data-testid="reply-bar-cancel"
            onClick={editing ? onCancelEdit : onCancelReply}
          >
            <Icon name="close" size={20} />
          </button>
        </div>
      ) : null}
      {suggestions.length > 0 ? (
        <ul className="mention-list" role="listbox" aria-label={t("chat.composer.mentions")} data-testid="mention-list">
          {suggestions.map((u, i) => (
            <li key={u.id} role="option" aria-selected={i === mentionIndex}>
              <button
                type="button"
                className={`mention-list__item${i === mentionIndex ? " mention-list__item--active" : ""}`}
                data-testid="mention-option"
                onMouseDown={(e) => {
                  e.preventDefault();
                  insertMention(u);
                }}
              >
                {u.user ? (
                  <Avatar name={u.name} seed={u.user.id} src={u.user.avatarUrl} size="xs" />
                ) : (
                  <span className="mention-list__group" aria-hidden="true">
                    @
                  </span>
                )}
                <span className="mention-list__name">{u.name}</span>
                <span className="mention-list__username">@{u.token}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="composer__row">
        <div className="composer__box">
          <input
            ref={fileInput}
            type="file"
            multiple
            className="visually-hidden-input"
            data-testid="file-input"
            tabIndex={-1}
            aria-hidden="true"
            onChange={(e) => {
              addFiles(Array.from(e.target.files ?? []));
              e.target.value = "";
            }}
          />
          <button
            type="button"
            className="icon-button composer__attach"
            data-testid="attach-button"
            aria-label={t("files.attach")}
            title={t("files.attach")}
            disabled={editing !== null}
            onClick={() => {
              fileInput.current?.click();
            }}
          >
            <Icon name="paperclip" size={22} />
          </button>
          <button
            type="button"
            className="icon-button composer__emoji"
            data-testid="emoji-button"
            aria-label={t("chat.composer.emoji")}
            aria-expanded={emojiOpen}
            onClick={() => {
              setEmojiOpen((o) => !o);
            }}
          >
            <Icon name="smile" size={22} />
          </button>
          {!editing ? (
            <button
              type="button"
              className="icon-button composer__sticker"
              data-testid="sticker-button"
              aria-label={t("chat.composer.stickers")}
              title={t("chat.composer.stickers")}
              aria-expanded={stickerOpen}
              onClick={() => {
                setEmojiOpen(false);
                setStickerOpen((o) => !o);
              }}
            >
              <Icon name="image" size={22} />
            </button>
          ) : null}
          {!editing ? (
            <button
              type="button"
              className="icon-button composer__poll"
              data-testid="poll-button"
              aria-label={t("polls.composer")}
              title={t("polls.composer")}
              aria-haspopup="dialog"
              onClick={() => {
                setEmojiOpen(false);
                setStickerOpen(false);
                setPollOpen(true);
              }}
            >
              <PollIcon />
            </button>
          ) : null}
          <textarea
            ref={input}
            className="composer__input"
            data-testid="composer-input"
            rows={1}
            value={text}
            placeholder={t("chat.composer.placeholder")}
            aria-label={t("chat.composer.label", { name: title })}
            maxLength={MESSAGE_MAX_LENGTH + 100}
            onChange={(e) => {
              const expanded = expandCustomEmoji(e.target.value, e.target.selectionStart, customEmoji, channelServerId);
              if (!expanded) {
                changed(e.target.value, e.target.selectionStart);
                return;
              }
              const el = e.target;
              changed(expanded.text, expanded.caret);
              requestAnimationFrame(() => {
                el.setSelectionRange(expanded.caret, expanded.caret);
              });
            }}
            onKeyDown={onKeyDown}
            onPaste={onPaste}
            onBlur={() => {
              setMention(null);
              flushDraft.current();
            }}
          />
        </div>
        <button
          type="button"
          className="composer__send"
          data-testid="composer-send"
          aria-label={editing ? t("chat.composer.save") : t("chat.composer.send")}
          disabled={!canSend}
          title={hasFiles && !filesReady && !editing ? t("files.waitForUploads") : undefined}
          onMouseDown={(e) => {
            e.preventDefault();
          }}
          onClick={submit}
        >
          <Icon name={editing ? "check" : "send"} size={22} />
        </button>
      </div>
      {emojiOpen ? (
        <div className="composer__emoji-popover">
          <EmojiPicker
            onPick={insertEmoji}
            onPickCustom={(emoji) => {
              insertEmoji(emojiToken(emoji));
            }}
            onClose={() => {
              setEmojiOpen(false);
              input.current?.focus();
            }}
          />
        </div>
      ) : null}
      {pollOpen ? (
        <CreatePollDialog
          channelId={channel.id}
          meId={me.id}
          replyToId={replyTo?.id ?? null}
          onClose={() => {
            setPollOpen(false);
            input.current?.focus();
          }}
          onCreated={() => {
            setPollOpen(false);
            onCancelReply();
            onSent();
          }}
        />
      ) : null}
      {stickerOpen ? (
        <div className="composer__emoji-popover">
          <StickerPicker
            serverId={channelServerId}
            onPick={(sticker) => {
              setStickerOpen(false);
              const reply = replyTo;
              onCancelReply();
              sendSticker(queryClient, channel.id, me.id, sticker.id, reply?.id ?? null)
                .then(onSent)
                .catch((error: unknown) => {
                  toast.show(t("chat.message.actionFailed", { reason: reasonMessage(error, t) }), "error");
                });
            }}
            onClose={() => {
              setStickerOpen(false);
              input.current?.focus();
            }}
          />
        </div>
      ) : null}
    </div>
  );
}
