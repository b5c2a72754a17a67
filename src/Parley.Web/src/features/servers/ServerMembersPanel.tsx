import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { Avatar } from "../../lib/components/Avatar";
import { Icon } from "../../lib/components/Icon";
import { useMe } from "../auth/api";
import { useServerMembers, useServerRoles, type Server } from "./api";
import { useMemberModeration } from "./MemberModeration";
import { groupMembers, memberColor, memberName, roleColor, sortRoles, type Member } from "./members";
import { can } from "./permissions";

/** The members of a server: by hoisted role, then online, then offline. */
export function ServerMembersPanel({ server, onClose }: { server: Server; onClose: () => void }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const members = useServerMembers(server.id);
  const roles = useServerRoles(server.id);
  const high = useMemo(() => sortRoles(roles.data ?? []), [roles.data]);
  const groups = useMemo(() => groupMembers(members.data ?? [], roles.data ?? []), [members.data, roles.data]);
  return (
    <aside className="side-panel server-members" aria-label={t("servers.members.title")} data-testid="members-panel">
      <header className="side-panel__header">
        <h2 className="side-panel__title">{t("servers.members.title")}</h2>
        <button type="button" className="icon-button" aria-label={t("servers.members.close")} onClick={onClose}>
          <Icon name="close" size={20} />
        </button>
      </header>
      <div className="server-members__list">
        {members.isPending ? <p className="sidebar__hint">{t("servers.loading")}</p> : null}
        {groups.map((g) => {
          const title = g.kind === "role" ? g.role.name : g.kind === "online" ? t("servers.members.online") : t("servers.members.offline");
          return (
            <section key={g.kind === "role" ? g.role.id : g.kind} className="server-members__group">
              <h3 className="server-members__heading">
                {title} — {g.members.length}
              </h3>
              <ul>
                {g.members.map((m) => {
                  const name = memberName(m);
                  const color = roleColor(memberColor(m, high));
                  return (
                    <li key={m.user.id} className={`server-member${m.user.presence === "offline" ? " server-member--offline" : ""}`} data-testid="member-row" data-user-id={m.user.id}>
                      <Avatar name={name} seed={m.user.id} src={m.user.avatarUrl} size="sm" presence={m.user.presence} />
                      <span className="server-member__text">
                        <span className="server-member__name" style={color ? { color } : undefined}>
                          {name}
                          {m.user.id === server.ownerId ? (
                            <span className="server-member__owner" title={t("servers.members.owner")} aria-label={t("servers.members.owner")}>
                              ♛
                            </span>
                          ) : null}
                        </span>
                        {m.user.statusText ? <span className="server-member__status">{m.user.statusText}</span> : null}
                      </span>
                      {me ? <MemberActions server={server} member={m} meId={me.id} /> : null}
                    </li>
                  );
                })}
              </ul>
            </section>
          );
        })}
      </div>
    </aside>
  );
}

/** A moderator's menu on a member's row: kick, ban, and the member's roles and nickname in the settings. */
function MemberActions({ server, member, meId }: { server: Server; member: Member; meId: string }) {
  const { t } = useTranslation();
  const moderation = useMemberModeration(server, member, meId);
  const mayRoles = can(server.myPermissions, "ManageRoles");
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    const esc = (e: KeyboardEvent) => {
      if (e.key === "Escape") setOpen(false);
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", esc);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", esc);
    };
  }, [open]);
  if (!moderation.mayKick && !moderation.mayBan && !mayRoles) return null;

  const name = memberName(member);
  return (
    <div className="server-member__actions" ref={ref}>
      <button
        type="button"
        className="icon-button icon-button--small"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={t("servers.members.actions", { name })}
        data-testid="member-actions"
        onClick={() => {
          setOpen((v) => !v);
        }}
      >
        <Icon name="more" size={18} />
      </button>
      {open ? (
        <div className="server-menu server-member__menu" role="menu">
          {mayRoles ? (
            <Link role="menuitem" className="server-menu__item" to={`/servers/${server.id}/settings/members`} data-testid="member-manage">
              <Icon name="settings" size={18} />
              {t("servers.members.manage")}
            </Link>
          ) : null}
          {moderation.mayKick ? (
            <button
              type="button"
              role="menuitem"
              className="server-menu__item server-menu__item--danger"
              data-testid="member-kick"
              onClick={() => {
                setOpen(false);
                moderation.startKick();
              }}
            >
              {t("servers.settings.members.kick")}
            </button>
          ) : null}
          {moderation.mayBan ? (
            <button
              type="button"
              role="menuitem"
              className="server-menu__item server-menu__item--danger"
              data-testid="member-ban"
              onClick={() => {
                setOpen(false);
                moderation.startBan();
              }}
            >
              {t("servers.settings.members.ban")}
            </button>
          ) : null}
        </div>
      ) : null}
      {moderation.dialog}
    </div>
  );
}
