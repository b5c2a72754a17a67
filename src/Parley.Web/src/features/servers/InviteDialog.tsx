import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { reasonMessage } from "../../lib/errors";
import { Dialog } from "../chat/Dialog";
import { createInvite, inviteLink, type Invite, type Server } from "./api";
import type { ServerChannel } from "./tree";

const AGES = [1800, 3600, 21600, 43200, 86400, 604800, 0] as const;
const USES = [0, 1, 5, 10, 25, 50, 100] as const;

/** "Invite people": makes an invite to the channel and shows its link with a copy button. */
export function InviteDialog({ server, channel, onClose }: { server: Server; channel: ServerChannel; onClose: () => void }) {
  const { t } = useTranslation();
  const [maxAge, setMaxAge] = useState<number>(604800);
  const [maxUses, setMaxUses] = useState<number>(0);
  const [invite, setInvite] = useState<Invite | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let cancelled = false;
    createInvite(channel.id, maxAge, maxUses).then(
      (i) => {
        if (cancelled) return;
        setError(null);
        setInvite(i);
      },
      (err: unknown) => {
        if (!cancelled) setError(reasonMessage(err, t));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [channel.id, maxAge, maxUses, version, t]);

  const link = invite ? inviteLink(invite.code) : "";

  async function copy() {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
      window.setTimeout(() => {
        setCopied(false);
      }, 2000);
    } catch {
      // Clipboard refused (no permission, insecure context): the link stays selectable.
      const field = document.querySelector<HTMLInputElement>("[data-testid='invite-link']");
      field?.select();
    }
  }

  return (
    <Dialog title={t("servers.invite.title", { name: server.name })} onClose={onClose} testId="invite-dialog">
      <p className="server-form__hint">{t("servers.invite.hint", { channel: channel.name })}</p>
      <div className="server-form__row">
        <input className="input" readOnly value={link} aria-label={t("servers.invite.link")} data-testid="invite-link" placeholder={t("servers.invite.creating")} onFocus={(e) => e.target.select()} />
        <button type="button" className="button button--primary" disabled={!invite} data-testid="invite-copy" onClick={() => void copy()}>
          {copied ? t("common.copied") : t("common.copy")}
        </button>
      </div>
      {error ? (
        <p className="server-form__error" role="alert">
          {error}{" "}
          <button
            type="button"
            className="button button--ghost button--small"
            onClick={() => {
              setVersion((v) => v + 1);
            }}
          >
            {t("common.retry")}
          </button>
        </p>
      ) : null}
      <div className="server-form__grid">
        <label className="field__label">
          {t("servers.invite.expires")}
          <select
            className="input"
            value={maxAge}
            onChange={(e) => {
              setMaxAge(Number(e.target.value));
            }}
          >
            {AGES.map((a) => (
              <option key={a} value={a}>
                {a === 0 ? t("servers.invite.never") : a < 86400 ? t("servers.invite.hours", { count: a / 3600 }) : t("servers.invite.days", { count: a / 86400 })}
              </option>
            ))}
          </select>
        </label>
        <label className="field__label">
          {t("servers.invite.maxUses")}
          <select
            className="input"
            value={maxUses}
            onChange={(e) => {
              setMaxUses(Number(e.target.value));
            }}
          >
            {USES.map((u) => (
              <option key={u} value={u}>
                {u === 0 ? t("servers.invite.unlimited") : t("servers.invite.uses", { count: u })}
              </option>
            ))}
          </select>
        </label>
      </div>
    </Dialog>
  );
}
