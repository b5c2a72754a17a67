import { useQueries } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { NavLink } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { pathId } from "../../api/wire";
import { Icon } from "../../lib/components/Icon";
import { initials } from "../../lib/initials";
import { serverChannelsKey, useServers, type Server } from "./api";
import { serverUnread, type ServerChannel } from "./tree";
import "./servers.css";

/** The rail's server icons: one round icon per server (initials without a picture), an unread dot or mention badge. */
export function RailServers({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation();
  const servers = useServers(enabled);
  const list = servers.data ?? [];
  const channelQueries = useQueries({
    queries: list.map((s) => ({
      queryKey: serverChannelsKey(s.id),
      queryFn: ({ signal }: { signal: AbortSignal }): Promise<ServerChannel[]> =>
        unwrap(() => api.GET("/api/v1/servers/{id}/channels", { params: { path: { id: pathId(s.id) } }, signal })),
      staleTime: 30_000,
    })),
  });
  if (list.length === 0) return null;
  return (
    <div className="rail__servers" role="list" aria-label={t("servers.rail.label")}>
      {list.map((s, i) => (
        <ServerIcon key={s.id} server={s} {...serverUnread(channelQueries[i]?.data)} />
      ))}
    </div>
  );
}

function ServerIcon({ server, unread, mentions }: { server: Server; unread: boolean; mentions: number }) {
  const { t } = useTranslation();
  const label = mentions > 0 ? t("servers.rail.mentions", { name: server.name, count: mentions }) : unread ? t("servers.rail.unread", { name: server.name }) : server.name;
  return (
    <NavLink
      to={`/servers/${server.id}`}
      role="listitem"
      className={({ isActive }) => `rail__item rail__server${isActive ? " rail__item--active" : ""}${unread ? " rail__item--unread" : ""}`}
      title={server.name}
      aria-label={label}
      data-testid="server-icon"
      data-server-id={server.id}
    >
      <span className="rail__icon rail__icon--server">
        {server.iconUrl ? <img className="rail__server-img" src={server.iconUrl} alt="" /> : <span aria-hidden="true">{initials(server.name)}</span>}
        {mentions > 0 ? <span className="rail__badge">{mentions > 99 ? "99+" : mentions}</span> : null}
      </span>
      <span className="rail__label">{server.name}</span>
    </NavLink>
  );
}

export function AddServerButton({ onClick }: { onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="rail__item rail__add" title={t("servers.add.title")} aria-label={t("servers.add.title")} data-testid="add-server-button" onClick={onClick}>
      <span className="rail__icon rail__icon--add">
        <Icon name="plus" size={24} />
      </span>
      <span className="rail__label">{t("servers.add.short")}</span>
    </button>
  );
}
