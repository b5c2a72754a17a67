import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";
import { Icon } from "../../lib/components/Icon";
import { useToast } from "../../lib/components/toastContext";
import { reasonMessage } from "../../lib/errors";
import { useMe } from "../auth/api";
import { ConnectionBar } from "../chat/ConnectionBar";
import { ConfirmDialog } from "../chat/Dialog";
import { num } from "../chat/model";
import { UserPanel } from "../shell/UserPanel";
import { leaveServer, type Server } from "./api";
import { InviteDialog } from "./InviteDialog";
import { can, canOpenSettings } from "./permissions";
import { buildChannelTree, loadFolded, saveFolded, type ServerChannel } from "./tree";

interface Props {
  server: Server;
  channels: ServerChannel[] | undefined;
  loading: boolean;
  activeChannelId?: string;
}

export function ServerSidebar({ server, channels, loading, activeChannelId }: Props) {
  const { t } = useTranslation();
  const [folded, setFolded] = useState(loadFolded);
  const [menuOpen, setMenuOpen] = useState(false);
  const [inviting, setInviting] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const { data: me } = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const toast = useToast();
  const menuRef = useRef<HTMLDivElement>(null);
  const isOwner = me?.id === server.ownerId;
  const tree = buildChannelTree(channels ?? []);
  const inviteChannel = channels?.find((c) => c.id === activeChannelId && c.type !== "category") ?? channels?.find((c) => c.type !== "category" && can(c.myPermissions, "CreateInvites"));
  const mayInvite = inviteChannel !== undefined && can(inviteChannel.myPermissions, "CreateInvites");

  useEffect(() => {
    if (!menuOpen) return;
    const close = (e: MouseEvent) => {
      if (!menuRef.current?.contains(e.target as Node)) setMenuOpen(false);
    };
    const esc = (e: KeyboardEvent) => {
      if (e.key === "Escape") setMenuOpen(false);
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", esc);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", esc);
    };
  }, [menuOpen]);

  function toggle(categoryId: string) {
    setFolded((prev) => {
      const next = new Set(prev);
      if (next.has(categoryId)) next.delete(categoryId);
      else next.add(categoryId);
      saveFolded(next);
      return next;
    });
  }

  async function leave() {
    if (!me) return;
    try {
      await leaveServer(qc, server.id, me.id);
      void navigate("/");
      toast.show(t("servers.menu.left", { name: server.name }));
    } catch (error) {
      toast.show(reasonMessage(error, t), "error");
    }
  }

  return (
    <aside className="sidebar server-sidebar" data-testid="sidebar" aria-label={t("servers.sidebar.label", { name: server.name })}>
      <div className="server-sidebar__head" ref={menuRef}>
        <button
          type="button"
          className="server-sidebar__name"
          aria-haspopup="menu"
          aria-expanded={menuOpen}
          data-testid="server-name-menu"
          onClick={() => {
            setMenuOpen((o) => !o);
          }}
        >
          <span className="server-sidebar__title">{server.name}</span>
          <Icon name={menuOpen ? "close" : "more"} size={18} />
        </button>
        {menuOpen ? (
          <div className="server-menu" role="menu">
            {mayInvite ? (
              <button
                type="button"
                role="menuitem"
                className="server-menu__item server-menu__item--accent"
                data-testid="invite-button"
                onClick={() => {
                  setMenuOpen(false);
                  setInviting(true);
                }}
              >
                <Icon name="users" size={18} />
                {t("servers.menu.invite")}
              </button>
            ) : null}
            {canOpenSettings(server.myPermissions, isOwner) ? (
              <Link
                role="menuitem"
                className="server-menu__item"
                to={`/servers/${server.id}/settings`}
                data-testid="server-settings-link"
                onClick={() => {
                  setMenuOpen(false);
                }}
              >
                <Icon name="settings" size={18} />
                {t("servers.menu.settings")}
              </Link>
            ) : null}
            {!isOwner ? (
              <button
                type="button"
                role="menuitem"
                className="server-menu__item server-menu__item--danger"
                data-testid="leave-server"
                onClick={() => {
                  setMenuOpen(false);
                  setLeaving(true);
                }}
              >
                <Icon name="logout" size={18} />
                {t("servers.menu.leave")}
              </button>
            ) : null}
          </div>
        ) : null}
      </div>
      <ConnectionBar />
      <nav className="server-channels" aria-label={t("servers.sidebar.channels")}>
        {loading ? (
          <p className="sidebar__hint">{t("servers.sidebar.loading")}</p>
        ) : tree.length === 0 ? (
          <p className="sidebar__hint">{t("servers.sidebar.empty")}</p>
        ) : (
          tree.map((group) => {
            const isFolded = group.category ? folded.has(group.category.id) : false;
            return (
              <div key={group.category?.id ?? "top"} className="server-channels__group">
                {group.category ? (
                  <button
                    type="button"
                    className="server-channels__category"
                    aria-expanded={!isFolded}
                    data-testid="category-toggle"
                    data-category-id={group.category.id}
                    onClick={() => {
                      if (group.category) toggle(group.category.id);
                    }}
                  >
                    <span className={`server-channels__chevron${isFolded ? " server-channels__chevron--folded" : ""}`} aria-hidden="true">
                      ▾
                    </span>
                    {group.category.name}
                  </button>
                ) : null}
                {group.channels
                  // A folded category still shows the open channel and the ones with unread messages, as Discord does.
                  .filter((c) => !isFolded || c.id === activeChannelId || num(c.unreadCount) > 0)
                  .map((c) => (
                    <ChannelLink key={c.id} serverId={server.id} channel={c} active={c.id === activeChannelId} />
                  ))}
              </div>
            );
          })
        )}
      </nav>
      <UserPanel />
      {inviting && inviteChannel ? (
        <InviteDialog
          server={server}
          channel={inviteChannel}
          onClose={() => {
            setInviting(false);
          }}
        />
      ) : null}
      {leaving ? (
        <ConfirmDialog
          title={t("servers.menu.leaveTitle", { name: server.name })}
          text={t("servers.menu.leaveText")}
          confirm={t("servers.menu.leave")}
          danger
          onConfirm={() => void leave()}
          onClose={() => {
            setLeaving(false);
          }}
        />
      ) : null}
    </aside>
  );
}

function ChannelLink({ serverId, channel, active }: { serverId: string; channel: ServerChannel; active: boolean }) {
  const { t } = useTranslation();
  const unread = num(channel.unreadCount) > 0;
  const mentions = num(channel.mentionCount);
  return (
    <Link
      to={`/servers/${serverId}/${channel.id}`}
      className={`server-channel${active ? " server-channel--active" : ""}${unread ? " server-channel--unread" : ""}`}
      aria-current={active ? "page" : undefined}
      data-testid="server-channel"
      data-channel-id={channel.id}
      data-unread={unread ? "true" : "false"}
    >
      <span className="server-channel__hash" aria-hidden="true">
        #
      </span>
      <span className="server-channel__name">{channel.name}</span>
      {mentions > 0 ? (
        <span className="server-channel__badge" aria-label={t("servers.sidebar.mentions", { count: mentions })}>
          {mentions > 99 ? "99+" : mentions}
        </span>
      ) : null}
    </Link>
  );
}
