import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Avatar } from "../../lib/components/Avatar";
import { Icon } from "../../lib/components/Icon";
import { useServerMembers, useServerRoles, type Server } from "./api";
import { groupMembers, memberColor, memberName, roleColor, sortRoles } from "./members";

/** The members of a server: by hoisted role, then online, then offline. */
export function ServerMembersPanel({ server, onClose }: { server: Server; onClose: () => void }) {
  const { t } = useTranslation();
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
