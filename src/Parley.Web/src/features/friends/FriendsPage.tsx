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
import { blocksKey, friendRequestsKey, friendsKey, openDirectChat, useBlocks, useFriendRequests, useFriends } from "../chat/api";
import { formatLastSeen } from "../chat/format";
import { useNow } from "../chat/hooks";
import { displayName, type Friend, type FriendRequest, type PublicUser } from "../chat/model";
import "../chat/chat.css";

export function FriendsPage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const toast = useToast();
  const now = useNow(60_000);
  const friends = useFriends();
  const requests = useFriendRequests();
  const blocks = useBlocks();
  const [username, setUsername] = useState("");
  const [busy, setBusy] = useState(false);

  const fail = (error: unknown) => {
    toast.show(t("friends.failed", { reason: reasonMessage(error, t) }), "error");
  };
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: friendsKey });
    void queryClient.invalidateQueries({ queryKey: friendRequestsKey });
    void queryClient.invalidateQueries({ queryKey: blocksKey });
  };
  async function run(call: () => Promise<unknown>) {
    try {
      await call();
      refresh();
    } catch (error) {
      fail(error);
    }
  }

  async function add() {
    const name = username.trim().replace(/^@/, "");
    if (name === "") return;
    setBusy(true);
    try {
      await unwrap(() => api.POST("/api/v1/friends/requests", { body: { username: name } }));
      toast.show(t("friends.addSent", { username: name }), "success");
      setUsername("");
      refresh();
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  }

  async function message(user: PublicUser | FriendRequest["from"]) {
    try {
      const channel = await openDirectChat(queryClient, user.id);
      void navigate(`/chats/${channel.id}`);
    } catch (error) {
      fail(error);
    }
  }

  const requestRow = (r: FriendRequest, incoming: boolean) => {
    const other = incoming ? r.from : r.to;
    return (
      <li key={r.id} className="friend-row" data-testid="friend-request" data-direction={incoming ? "incoming" : "outgoing"}>
        <Avatar name={displayName(other)} seed={other.id} src={other.avatarUrl} />
        <span className="friend-row__text">
          <span className="friend-row__name">{displayName(other)}</span>
          <span className="friend-row__sub">
            @{other.username} · {incoming ? t("friends.wantsToBeFriends") : t("friends.waiting")}
          </span>
        </span>
        {incoming ? (
          <>
            <button
              type="button"
              className="button button--primary button--small"
              data-testid="accept-request"
              onClick={() => void run(() => unwrap(() => api.POST("/api/v1/friends/requests/{id}/accept", { params: { path: { id: pathId(r.id) } } })))}
            >
              {t("friends.accept")}
            </button>
            <button
              type="button"
              className="button button--ghost button--small"
              data-testid="decline-request"
              onClick={() => void run(() => unwrap(() => api.DELETE("/api/v1/friends/requests/{id}", { params: { path: { id: pathId(r.id) } } })))}
            >
              {t("friends.decline")}
            </button>
          </>
        ) : (
          <button
            type="button"
            className="button button--ghost button--small"
            data-testid="cancel-request"
            onClick={() => void run(() => unwrap(() => api.DELETE("/api/v1/friends/requests/{id}", { params: { path: { id: pathId(r.id) } } })))}
          >
            {t("friends.cancel")}
          </button>
        )}
      </li>
    );
  };

  const friendRow = (f: Friend) => (
    <li key={f.user.id} className="friend-row" data-testid="friend">
      <Avatar name={displayName(f.user)} seed={f.user.id} src={f.user.avatarUrl} presence={f.user.presence} />
      <span className="friend-row__text">
        <span className="friend-row__name">{displayName(f.user)}</span>
        <span className="friend-row__sub">
          @{f.user.username} · {formatLastSeen(f.user.presence, f.user.lastSeenAt, i18n.language, t, now)}
        </span>
      </span>
      <button type="button" className="icon-button" title={t("friends.message")} aria-label={t("friends.message")} data-testid="friend-message" onClick={() => void message(f.user)}>
        <Icon name="chat" size={20} />
      </button>
      <button
        type="button"
        className="icon-button"
        title={t("friends.remove")}
        aria-label={t("friends.remove")}
        data-testid="friend-remove"
        onClick={() => void run(() => unwrap(() => api.DELETE("/api/v1/friends/{userId}", { params: { path: { userId: pathId(f.user.id) } } })))}
      >
        <Icon name="trash" size={20} />
      </button>
      <button
        type="button"
        className="icon-button"
        title={t("friends.block")}
        aria-label={t("friends.block")}
        data-testid="friend-block"
        onClick={() => void run(() => unwrap(() => api.PUT("/api/v1/blocks/{userId}", { params: { path: { userId: pathId(f.user.id) } } })))}
      >
        <Icon name="ban" size={20} />
      </button>
    </li>
  );

  const incoming = requests.data?.incoming ?? [];
  const outgoing = requests.data?.outgoing ?? [];
  return (
    <main className="friends" data-testid="friends-page">
      <header className="pane-header">
        <h1 className="pane-header__title">{t("friends.title")}</h1>
      </header>
      <div className="friends__scroll">
        <section className="friends__section">
          <h2 className="friends__heading">{t("friends.add")}</h2>
          <form
            className="friends__add"
            onSubmit={(e) => {
              e.preventDefault();
              void add();
            }}
          >
            <input
              className="input"
              value={username}
              placeholder={t("friends.addPlaceholder")}
              aria-label={t("friends.addPlaceholder")}
              data-testid="add-friend-input"
              autoComplete="off"
              onChange={(e) => {
                setUsername(e.target.value);
              }}
            />
            <button type="submit" className="button button--primary" data-testid="add-friend-submit" disabled={busy || username.trim() === ""}>
              {t("friends.addSubmit")}
            </button>
          </form>
        </section>
        <section className="friends__section">
          <h2 className="friends__heading">{t("friends.incoming")}</h2>
          {requests.isPending ? <Spinner /> : null}
          {requests.isSuccess && incoming.length === 0 ? <p className="friends__empty">{t("friends.noRequests")}</p> : null}
          <ul className="friends__list">{incoming.map((r) => requestRow(r, true))}</ul>
        </section>
        {outgoing.length > 0 ? (
          <section className="friends__section">
            <h2 className="friends__heading">{t("friends.outgoing")}</h2>
            <ul className="friends__list">{outgoing.map((r) => requestRow(r, false))}</ul>
          </section>
        ) : null}
        <section className="friends__section">
          <h2 className="friends__heading">{t("friends.list")}</h2>
          {friends.isPending ? <Spinner /> : null}
          {friends.data?.length === 0 ? <p className="friends__empty">{t("friends.none")}</p> : null}
          <ul className="friends__list">{(friends.data ?? []).map(friendRow)}</ul>
        </section>
        {(blocks.data ?? []).length > 0 ? (
          <section className="friends__section">
            <h2 className="friends__heading">{t("friends.blocked")}</h2>
            <ul className="friends__list">
              {(blocks.data ?? []).map((u) => (
                <li key={u.id} className="friend-row" data-testid="blocked-user">
                  <Avatar name={displayName(u)} seed={u.id} src={u.avatarUrl} />
                  <span className="friend-row__text">
                    <span className="friend-row__name">{displayName(u)}</span>
                    <span className="friend-row__sub">@{u.username}</span>
                  </span>
                  <button
                    type="button"
                    className="button button--ghost button--small"
                    data-testid="unblock"
                    onClick={() => void run(() => unwrap(() => api.DELETE("/api/v1/blocks/{userId}", { params: { path: { userId: pathId(u.id) } } })))}
                  >
                    {t("friends.unblock")}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    </main>
  );
}
