import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useParams } from "react-router-dom";
import { Icon } from "../../../lib/components/Icon";
import { Spinner } from "../../../lib/components/Spinner";
import { useMe } from "../../auth/api";
import { useServers, type Server } from "../api";
import { can, type PermissionName } from "../permissions";
import { AuditTab, BansTab, InvitesTab } from "./ModerationTabs";
import { ChannelsTab } from "./ChannelsTab";
import { EmojiTab } from "./EmojiTab";
import { MembersTab } from "./MembersTab";
import { OverviewTab } from "./OverviewTab";
import { RolesTab } from "./RolesTab";
import { StickersTab } from "./StickersTab";
import "../servers.css";

const TABS = ["overview", "roles", "members", "channels", "emoji", "stickers", "invites", "bans", "audit"] as const;
type Tab = (typeof TABS)[number];

const NEEDS: Record<Tab, readonly PermissionName[]> = {
  overview: ["ManageServer"],
  roles: ["ManageRoles"],
  members: ["ManageRoles", "KickMembers", "BanMembers", "ManageServer"],
  channels: ["ManageChannels", "ManageRoles"],
  invites: ["ManageServer"],
  bans: ["BanMembers"],
  emoji: ["ManageEmoji"],
  stickers: ["ManageEmoji"],
  audit: ["ViewAuditLog"],
};

/** The tabs this member may open: the owner sees every one. */
function visibleTabs(server: Server, meId: string): Tab[] {
  const owner = server.ownerId === meId;
  return TABS.filter((tab) => owner || NEEDS[tab].some((p) => can(server.myPermissions, p)));
}

function isTab(value: string | undefined): value is Tab {
  return (TABS as readonly string[]).includes(value ?? "");
}

export function ServerSettingsPage() {
  const { serverId = "", tab } = useParams();
  const { t } = useTranslation();
  const revealTab = useCallback((tab: HTMLAnchorElement | null) => {
    if (tab && "scrollIntoView" in tab) tab.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, []);
  const { data: me } = useMe();
  const servers = useServers(Boolean(me));
  const server = servers.data?.find((s) => s.id === serverId);
  if (!me || servers.isPending) return <Spinner label={t("servers.loading")} />;
  if (!server) return <Navigate to="/" replace />;
  const tabs = visibleTabs(server, me.id);
  const first = tabs[0];
  if (!first) return <Navigate to={`/servers/${serverId}`} replace />;
  const current: Tab = isTab(tab) && tabs.includes(tab) ? tab : first;
  const isOwner = server.ownerId === me.id;

  return (
    <div className="server-settings" data-testid="server-settings">
      <nav className="server-settings__nav" aria-label={t("servers.settings.title")}>
        <Link to={`/servers/${serverId}`} className="server-settings__back" data-testid="server-settings-close">
          <Icon name="back" size={18} />
          {t("servers.settings.back")}
        </Link>
        <h1 className="server-settings__server">{server.name}</h1>
        {tabs.map((name) => (
          <Link
            key={name}
            to={`/servers/${serverId}/settings/${name}`}
            className={`server-settings__tab${name === current ? " server-settings__tab--active" : ""}`}
            aria-current={name === current ? "page" : undefined}
            ref={name === current ? revealTab : undefined}
            data-testid={`settings-tab-${name}`}
          >
            {t(`servers.settings.tabs.${name}`)}
          </Link>
        ))}
      </nav>
      <main className="server-settings__main" data-testid={`settings-panel-${current}`}>
        <h2 className="server-settings__heading">{t(`servers.settings.tabs.${current}`)}</h2>
        {current === "overview" ? <OverviewTab server={server} isOwner={isOwner} /> : null}
        {current === "roles" ? <RolesTab server={server} /> : null}
        {current === "members" ? <MembersTab server={server} meId={me.id} /> : null}
        {current === "channels" ? <ChannelsTab server={server} /> : null}
        {current === "invites" ? <InvitesTab server={server} /> : null}
        {current === "bans" ? <BansTab server={server} /> : null}
        {current === "emoji" ? <EmojiTab server={server} /> : null}
        {current === "stickers" ? <StickersTab server={server} /> : null}
        {current === "audit" ? <AuditTab server={server} /> : null}
      </main>
    </div>
  );
}
