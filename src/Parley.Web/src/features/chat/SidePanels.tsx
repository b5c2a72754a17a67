import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { pathId } from "../../api/wire";
import { Avatar } from "../../lib/components/Avatar";
import { Icon } from "../../lib/components/Icon";
import { Spinner } from "../../lib/components/Spinner";
import { useToast } from "../../lib/components/toastContext";
import { reasonMessage } from "../../lib/errors";
import { channelsKey, upsertChannel, usePins } from "./api";
import { ConfirmDialog } from "./Dialog";
import { formatLastSeen } from "./format";
import { useNow } from "./hooks";
import { toPlainText } from "./markdown";
import { channelTitle, displayName, type Channel } from "./model";
import { channelsRemove } from "./reducers";
import { PersonPicker } from "./PersonPicker";
import { fetchChannel } from "./api";
import { PictureEditor } from "../files/AvatarEditor";
import { uploadMultipart } from "../files/upload";

function PanelShell({ title, onClose, children, testId }: { title: string; onClose: () => void; children: React.ReactNode; testId: string }) {
  const { t } = useTranslation();
  return (
    <aside className="side-panel" data-testid={testId} aria-label={title}>
      <header className="side-panel__header">
        <h2 className="side-panel__title">{title}</h2>
        <button type="button" className="icon-button" aria-label={t("chat.group.close")} onClick={onClose}>
          <Icon name="close" size={20} />
        </button>
      </header>
      <div className="side-panel__body">{children}</div>
    </aside>
  );
}

export function PinsPanel({ channel, onClose, onJump }: { channel: Channel; onClose: () => void; onJump: (id: string) => void }) {
  const { t } = useTranslation();
  const pins = usePins(channel.id, true);
  return (
    <PanelShell title={t("chat.conversation.pins")} onClose={onClose} testId="pins-panel">
      {pins.isPending ? <Spinner label={t("app.loading")} /> : null}
      {pins.data?.length === 0 ? <p className="side-panel__empty">{t("chat.conversation.noPins")}</p> : null}
      <ul className="pins-list">
        {(pins.data ?? []).map((m) => (
          <li key={m.id}>
            <button
              type="button"
              className="pins-list__item"
              data-testid="pinned-message"
              onClick={() => {
                onJump(m.id);
              }}
            >
              <span className="pins-list__author">{displayName(m.author)}</span>
              <span className="pins-list__text">{toPlainText(m.content)}</span>
            </button>
          </li>
        ))}
      </ul>
    </PanelShell>
  );
}

export function MembersPanel({ channel, meId, onClose }: { channel: Channel; meId: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const toast = useToast();
  const navigate = useNavigate();
  const now = useNow(60_000);
  const isOwner = channel.ownerId === meId;
  const [name, setName] = useState(channel.name ?? "");
  const [adding, setAdding] = useState(false);
  const [confirmLeave, setConfirmLeave] = useState(false);
  const fail = (error: unknown) => {
    toast.show(t("chat.message.actionFailed", { reason: reasonMessage(error, t) }), "error");
  };
  const refresh = () => {
    fetchChannel(channel.id).then((c) => {
      upsertChannel(queryClient, c);
    }, fail);
  };
  const path = (userId: string) => ({ id: pathId(channel.id), userId: pathId(userId) });

  async function rename() {
    try {
      // The OpenAPI document types this answer as a server channel (the same route serves both); read the group back.
      await unwrap(() => api.PATCH("/api/v1/channels/{id}", { params: { path: { id: pathId(channel.id) } }, body: { name: name.trim() || null, topic: null, parentId: null, position: null } }));
      refresh();
    } catch (error) {
      fail(error);
    }
  }

  async function add(userId: string) {
    try {
      await unwrap(() => api.PUT("/api/v1/channels/{id}/recipients/{userId}", { params: { path: path(userId) } }));
      refresh();
    } catch (error) {
      fail(error);
    }
  }

  async function remove(userId: string) {
    try {
      await unwrap(() => api.DELETE("/api/v1/channels/{id}/recipients/{userId}", { params: { path: path(userId) } }));
      if (userId === meId) {
        queryClient.setQueryData<Channel[]>(channelsKey, (l) => channelsRemove(l, channel.id));
        void navigate("/");
      } else {
        refresh();
      }
    } catch (error) {
      fail(error);
    }
  }

  const members = [...channel.recipients].sort((a, b) => Number(b.id === channel.ownerId) - Number(a.id === channel.ownerId) || displayName(a).localeCompare(displayName(b)));

  return (
    <PanelShell title={t("chat.conversation.members")} onClose={onClose} testId="members-panel">
      {isOwner ? (
        <div className="members__picture">
          <PictureEditor
            name={channelTitle(channel, meId)}
            seed={channel.id}
            current={channel.iconUrl}
            testId="group-picture"
            savedText={t("chat.group.pictureSaved")}
            removedText={t("chat.group.pictureRemoved")}
            cropTitle={t("chat.group.pictureCropTitle")}
            onUpload={async (blob, fileName) => {
              await uploadMultipart(`/api/v1/channels/${channel.id}/icon`, blob, { method: "PUT", fileName });
              upsertChannel(queryClient, await fetchChannel(channel.id));
            }}
            onRemove={async () => {
              await unwrap(() => api.DELETE("/api/v1/channels/{id}/icon", { params: { path: { id: pathId(channel.id) } } }));
              upsertChannel(queryClient, await fetchChannel(channel.id));
            }}
          />
        </div>
      ) : null}
      {isOwner ? (
        <form
          className="members__rename"
          onSubmit={(e) => {
            e.preventDefault();
            void rename();
          }}
        >
          <input
            className="input"
            value={name}
            maxLength={100}
            placeholder={t("chat.group.renamePlaceholder")}
            aria-label={t("chat.group.name")}
            data-testid="group-rename-input"
            onChange={(e) => {
              setName(e.target.value);
            }}
          />
          <button type="submit" className="button button--secondary button--small" data-testid="group-rename" disabled={name.trim() === (channel.name ?? "")}>
            {t("chat.group.rename")}
          </button>
        </form>
      ) : null}
      {isOwner ? (
        adding ? (
          <PersonPicker
            autoFocus
            excluded={new Set(channel.recipients.map((r) => r.id))}
            excludedLabel={t("chat.people.alreadyMember")}
            onPick={(p) => {
              void add(p.id);
              setAdding(false);
            }}
          />
        ) : (
          <button
            type="button"
            className="button button--ghost members__add"
            data-testid="group-add-member"
            onClick={() => {
              setAdding(true);
            }}
          >
            <Icon name="userPlus" size={18} />
            {t("chat.group.addPeople")}
          </button>
        )
      ) : null}
      <ul className="members__list">
        {members.map((m) => (
          <li key={m.id} className="members__item" data-testid="member">
            <Avatar name={displayName(m)} seed={m.id} src={m.avatarUrl} size="sm" presence={m.presence} />
            <span className="members__text">
              <span className="members__name">
                {displayName(m)}
                {m.id === meId ? <span className="members__tag">{t("chat.group.you")}</span> : null}
                {m.id === channel.ownerId ? <span className="members__tag members__tag--owner">{t("chat.group.owner")}</span> : null}
              </span>
              <span className="members__sub">{formatLastSeen(m.presence, m.lastSeenAt, i18n.language, t, now)}</span>
            </span>
            {isOwner && m.id !== meId ? (
              <button
                type="button"
                className="icon-button icon-button--small"
                aria-label={t("chat.group.remove", { name: displayName(m) })}
                data-testid="group-remove-member"
                onClick={() => void remove(m.id)}
              >
                <Icon name="close" size={16} />
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="button button--danger-ghost members__leave"
        data-testid="group-leave"
        onClick={() => {
          setConfirmLeave(true);
        }}
      >
        <Icon name="logout" size={18} />
        {t("chat.group.leave")}
      </button>
      {confirmLeave ? (
        <ConfirmDialog
          title={t("chat.group.leaveTitle")}
          text={t("chat.group.leaveText")}
          confirm={t("chat.group.leave")}
          danger
          onConfirm={() => void remove(meId)}
          onClose={() => {
            setConfirmLeave(false);
          }}
        />
      ) : null}
    </PanelShell>
  );
}
