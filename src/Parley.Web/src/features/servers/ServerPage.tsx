import { useEffect, useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useNavigate, useParams } from "react-router-dom";
import { Icon } from "../../lib/components/Icon";
import { Spinner } from "../../lib/components/Spinner";
import { useToast } from "../../lib/components/toastContext";
import { useIsPhone } from "../../lib/hooks";
import { useMe } from "../auth/api";
import { useServerChannels, useServers } from "./api";
import { ServerConversation } from "./ServerConversation";
import { ServerSidebar } from "./ServerSidebar";
import { orderedTextChannels } from "./tree";
import "./servers.css";

/** /servers/:serverId and /servers/:serverId/:channelId: the server's sidebar beside a text channel. */
export function ServerPage() {
  const { serverId = "", channelId } = useParams();
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const toast = useToast();
  const { data: me } = useMe();
  const servers = useServers(Boolean(me));
  const server = servers.data?.find((s) => s.id === serverId);
  const channels = useServerChannels(serverId, Boolean(server));
  const text = useMemo(() => orderedTextChannels(channels.data ?? []), [channels.data]);
  const channel = channelId ? text.find((c) => c.id === channelId) : undefined;

  // Remember what was open: a server or channel that disappears (kicked, deleted, permissions changed) is left with a notice.
  const seen = useRef<{ server: string | null; channel: string | null }>({ server: null, channel: null });
  useEffect(() => {
    if (server) seen.current.server = server.id;
    else if (servers.isSuccess && seen.current.server === serverId) {
      seen.current.server = null;
      toast.show(t("servers.gone.server"));
      void navigate("/", { replace: true });
    }
  }, [server, servers.isSuccess, serverId, navigate, toast, t]);
  useEffect(() => {
    if (channel) seen.current.channel = channel.id;
    else if (channels.isSuccess && channelId && seen.current.channel === channelId) {
      seen.current.channel = null;
      toast.show(t("servers.gone.channel"));
      void navigate(`/servers/${serverId}`, { replace: true });
    }
  }, [channel, channels.isSuccess, channelId, serverId, navigate, toast, t]);

  if (!me || servers.isPending) {
    return (
      <main className="conversation conversation--open" aria-busy="true">
        <div className="message-list message-list--loading">
          <Spinner label={t("servers.loading")} />
        </div>
      </main>
    );
  }
  if (!server) {
    return (
      <main className="conversation conversation--open">
        <div className="conversation__empty" data-testid="server-not-found">
          <p className="conversation__empty-title">{t("servers.notFound")}</p>
          <Link to="/" className="button button--secondary">
            <Icon name="back" size={18} />
            {t("servers.backHome")}
          </Link>
        </div>
      </main>
    );
  }

  // Desktop opens the first channel; a phone shows the channel list first.
  const first = text[0];
  if (!channelId && !isPhone && first) return <Navigate to={`/servers/${serverId}/${first.id}`} replace />;

  const sidebar = <ServerSidebar server={server} channels={channels.data} loading={channels.isPending} activeChannelId={channelId} />;
  if (!channelId) {
    return (
      <>
        {sidebar}
        {!isPhone ? (
          <main className="conversation">
            <div className="conversation__empty" data-testid="conversation-empty">
              <p className="conversation__empty-title">{channels.isPending ? t("servers.loading") : t("servers.noChannels")}</p>
            </div>
          </main>
        ) : null}
      </>
    );
  }
  return (
    <>
      {!isPhone ? sidebar : null}
      {channel ? (
        <ServerConversation key={channel.id} server={server} channel={channel} />
      ) : (
        <main className="conversation conversation--open">
          {channels.isPending ? (
            <div className="message-list message-list--loading">
              <Spinner label={t("servers.loading")} />
            </div>
          ) : (
            <div className="conversation__empty" data-testid="conversation-not-found">
              <p className="conversation__empty-title">{t("servers.channelNotFound")}</p>
              <Link to={`/servers/${serverId}`} className="button button--secondary">
                <Icon name="back" size={18} />
                {t("servers.backToServer")}
              </Link>
            </div>
          )}
        </main>
      )}
    </>
  );
}
