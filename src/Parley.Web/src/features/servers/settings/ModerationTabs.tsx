import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../../api/client";
import { pathId } from "../../../api/wire";
import { Avatar } from "../../../lib/components/Avatar";
import { Spinner } from "../../../lib/components/Spinner";
import { useToast } from "../../../lib/components/toastContext";
import { reasonMessage } from "../../../lib/errors";
import { formatDateTime } from "../../../lib/time";
import { displayName, num } from "../../chat/model";
import { auditDetails, auditLabel } from "./audit";
import { serverBansKey, serverInvitesKey, inviteLink, useAuditLog, useServerBans, useServerInvites, type Server } from "../api";

export function InvitesTab({ server }: { server: Server }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const toast = useToast();
  const invites = useServerInvites(server.id);
  async function revoke(code: string) {
    try {
      await unwrap(() => api.DELETE("/api/v1/invites/{code}", { params: { path: { code } } }));
      void qc.invalidateQueries({ queryKey: serverInvitesKey(server.id) });
    } catch (error) {
      toast.show(reasonMessage(error, t), "error");
    }
  }
  if (invites.isPending) return <Spinner label={t("servers.loading")} />;
  if (invites.isError) return <p className="server-form__error">{reasonMessage(invites.error, t)}</p>;
  if (invites.data.length === 0) return <p className="server-form__hint">{t("servers.settings.invites.none")}</p>;
  return (
    <table className="settings-table">
      <thead>
        <tr>
          <th>{t("servers.settings.invites.code")}</th>
          <th>{t("servers.settings.invites.uses")}</th>
          <th>{t("servers.settings.invites.expires")}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {invites.data.map((inv) => (
          <tr key={inv.code} data-testid="invite-row" data-code={inv.code}>
            <td>
              <code title={inviteLink(inv.code)}>{inv.code}</code>
            </td>
            <td>{inv.maxUses ? `${num(inv.uses)} / ${num(inv.maxUses)}` : num(inv.uses)}</td>
            <td>{inv.expiresAt ? formatDateTime(inv.expiresAt, i18n.language) : t("servers.invite.never")}</td>
            <td>
              <button type="button" className="button button--danger-ghost button--small" data-testid="invite-revoke" onClick={() => void revoke(inv.code)}>
                {t("servers.settings.invites.revoke")}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function BansTab({ server }: { server: Server }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const toast = useToast();
  const bans = useServerBans(server.id);
  async function unban(userId: string) {
    try {
      await unwrap(() => api.DELETE("/api/v1/servers/{id}/bans/{userId}", { params: { path: { id: pathId(server.id), userId: pathId(userId) } } }));
      void qc.invalidateQueries({ queryKey: serverBansKey(server.id) });
    } catch (error) {
      toast.show(reasonMessage(error, t), "error");
    }
  }
  if (bans.isPending) return <Spinner label={t("servers.loading")} />;
  if (bans.isError) return <p className="server-form__error">{reasonMessage(bans.error, t)}</p>;
  if (bans.data.length === 0) return <p className="server-form__hint">{t("servers.settings.bans.none")}</p>;
  return (
    <ul className="settings-list">
      {bans.data.map((b) => (
        <li key={b.user.id} className="settings-list__row" data-testid="ban-row" data-user-id={b.user.id}>
          <Avatar name={displayName(b.user)} seed={b.user.id} src={b.user.avatarUrl} size="sm" />
          <span className="settings-list__text">
            <strong>{displayName(b.user)}</strong> @{b.user.username}
            <span className="settings-list__sub">
              {b.reason ? t("servers.settings.bans.reason", { reason: b.reason }) : t("servers.settings.bans.noReason")} · {formatDateTime(b.createdAt, i18n.language)}
            </span>
          </span>
          <button type="button" className="button button--secondary button--small" data-testid="unban-button" onClick={() => void unban(b.user.id)}>
            {t("servers.settings.bans.unban")}
          </button>
        </li>
      ))}
    </ul>
  );
}

export function AuditTab({ server }: { server: Server }) {
  const { t, i18n } = useTranslation();
  const log = useAuditLog(server.id);
  if (log.isPending) return <Spinner label={t("servers.loading")} />;
  if (log.isError) return <p className="server-form__error">{reasonMessage(log.error, t)}</p>;
  if (log.data.length === 0) return <p className="server-form__hint">{t("servers.settings.audit.none")}</p>;
  return (
    <ul className="settings-list">
      {log.data.map((e) => (
        <li key={e.id} className="settings-list__row" data-testid="audit-row" data-action={e.action}>
          <Avatar name={displayName(e.actor)} seed={e.actor.id} src={e.actor.avatarUrl} size="sm" />
          <span className="settings-list__text">
            <span>
              <strong>{displayName(e.actor)}</strong> <span className="audit-action">{auditLabel(e, t)}</span>
            </span>
            <span className="settings-list__sub">
              {formatDateTime(e.at, i18n.language)}
              {auditDetails(e) ? ` · ${auditDetails(e) ?? ""}` : ""}
              {e.reason ? ` · ${t("servers.settings.bans.reason", { reason: e.reason })}` : ""}
            </span>
          </span>
        </li>
      ))}
    </ul>
  );
}
