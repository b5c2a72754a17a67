import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router-dom";
import { ApiError } from "../../api/problem";
import { Avatar } from "../../lib/components/Avatar";
import { Spinner } from "../../lib/components/Spinner";
import { reasonMessage } from "../../lib/errors";
import { useMe } from "../auth/api";
import { num } from "../chat/model";
import { acceptInvite, useInvitePreview, useServers } from "./api";
import "./servers.css";

/** /invite/:code: what the invite leads to, for anyone; signed in, "Join"; signed out, sign up (or in) and come back. */
export function InvitePage() {
  const { code = "" } = useParams();
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const me = useMe();
  const preview = useInvitePreview(code);
  const servers = useServers(Boolean(me.data));
  const [joining, setJoining] = useState(false);
  const [error, setError] = useState<{ status: number; text: string } | null>(null);
  const here = `/invite/${encodeURIComponent(code)}`;
  const invite = preview.data;
  const already = invite ? servers.data?.some((s) => s.id === invite.serverId) : false;

  async function join() {
    setJoining(true);
    setError(null);
    try {
      const server = await acceptInvite(qc, code);
      void navigate(`/servers/${server.id}`, { replace: true });
    } catch (err) {
      const status = err instanceof ApiError ? err.status : 0;
      setError({ status, text: status === 403 ? t("servers.invite.banned") : status === 404 ? t("servers.invite.invalid") : reasonMessage(err, t) });
      setJoining(false);
    }
  }

  let body;
  if (preview.isPending || me.isPending) {
    body = <Spinner label={t("servers.loading")} />;
  } else if (preview.isError || !invite) {
    const gone = preview.error instanceof ApiError && preview.error.status === 404;
    body = (
      <div className="invite-card__state" data-testid="invite-invalid" role="alert">
        <h1 className="invite-card__title">{gone ? t("servers.invite.invalidTitle") : t("servers.invite.loadFailed")}</h1>
        <p className="invite-card__hint">{gone ? t("servers.invite.invalid") : reasonMessage(preview.error, t)}</p>
        <Link to="/" className="button button--secondary">
          {t("servers.invite.openParley")}
        </Link>
      </div>
    );
  } else {
    body = (
      <>
        <p className="invite-card__kicker">{t("servers.invite.invitedTo")}</p>
        <Avatar name={invite.serverName} seed={invite.serverId} src={invite.serverIconUrl} size="lg" />
        <h1 className="invite-card__title" data-testid="invite-server-name">
          {invite.serverName}
        </h1>
        <p className="invite-card__hint" data-testid="invite-member-count">
          {t("servers.invite.memberCount", { count: num(invite.memberCount) })}
        </p>
        {error ? (
          <p className="server-form__error" role="alert" data-testid="invite-error" data-status={error.status}>
            {error.text}
          </p>
        ) : null}
        {me.data ? (
          already ? (
            <Link to={`/servers/${invite.serverId}`} className="button button--primary button--block" data-testid="invite-accept">
              {t("servers.invite.open")}
            </Link>
          ) : (
            <button type="button" className="button button--primary button--block" disabled={joining || error?.status === 403} data-testid="invite-accept" onClick={() => void join()}>
              {joining ? t("servers.add.joining") : t("servers.invite.join")}
            </button>
          )
        ) : (
          <>
            <Link to={`/register?next=${encodeURIComponent(here)}`} className="button button--primary button--block" data-testid="invite-register">
              {t("servers.invite.signUp")}
            </Link>
            <Link to={`/login?next=${encodeURIComponent(here)}`} className="button button--ghost button--block" data-testid="invite-login">
              {t("servers.invite.signIn")}
            </Link>
          </>
        )}
      </>
    );
  }
  return (
    <div className="invite-page" data-testid="invite-page">
      <main className="invite-card">{body}</main>
    </div>
  );
}
