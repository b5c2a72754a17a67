import { useQueryClient } from "@tanstack/react-query";
import { useState, type SyntheticEvent } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { ApiError } from "../../api/problem";
import { reasonMessage } from "../../lib/errors";
import { Dialog } from "../chat/Dialog";
import { useToast } from "../../lib/components/toastContext";
import { PicturePicker } from "../files/AvatarEditor";
import { acceptInvite, createServer, inviteCodeFrom, uploadServerIcon } from "./api";

/** "+" on the rail: create a server, or join one with an invite link or code. */
export function AddServerDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const toast = useToast();
  const [name, setName] = useState("");
  const [icon, setIcon] = useState<Blob | null>(null);
  const [invite, setInvite] = useState("");
  const [busy, setBusy] = useState<"create" | "join" | null>(null);
  const [error, setError] = useState<{ form: "create" | "join"; text: string } | null>(null);

  async function create(e: SyntheticEvent) {
    e.preventDefault();
    if (name.trim() === "" || busy) return;
    setBusy("create");
    setError(null);
    try {
      const server = await createServer(qc, name.trim());
      if (icon) {
        // The server exists either way: a failed upload only costs the icon, which can be set again in its settings.
        await uploadServerIcon(qc, server.id, icon).catch(() => {
          toast.show(t("servers.icon.failed"), "error");
        });
      }
      onClose();
      void navigate(`/servers/${server.id}`);
    } catch (err) {
      setError({ form: "create", text: reasonMessage(err, t) });
    } finally {
      setBusy(null);
    }
  }

  async function join(e: SyntheticEvent) {
    e.preventDefault();
    const code = inviteCodeFrom(invite);
    if (code === "" || busy) return;
    setBusy("join");
    setError(null);
    try {
      const server = await acceptInvite(qc, code);
      onClose();
      void navigate(`/servers/${server.id}`);
    } catch (err) {
      const text =
        err instanceof ApiError && err.status === 404 ? t("servers.invite.invalid") : err instanceof ApiError && err.status === 403 ? t("servers.invite.banned") : reasonMessage(err, t);
      setError({ form: "join", text });
    } finally {
      setBusy(null);
    }
  }

  return (
    <Dialog title={t("servers.add.title")} onClose={onClose} testId="add-server-dialog">
      <form className="server-form" onSubmit={(e) => void create(e)}>
        <h3 className="server-form__title">{t("servers.add.createTitle")}</h3>
        <p className="server-form__hint">{t("servers.add.createHint")}</p>
        <label className="field__label" htmlFor="create-server-name">
          {t("servers.add.name")}
        </label>
        <div className="server-form__row">
          <PicturePicker value={icon} onChange={setIcon} testId="create-server-icon" label={t("servers.icon.choose")} cropTitle={t("servers.icon.cropTitle")} />
          <input
            id="create-server-name"
            className="input"
            value={name}
            maxLength={100}
            autoFocus
            placeholder={t("servers.add.namePlaceholder")}
            data-testid="create-server-name"
            onChange={(e) => {
              setName(e.target.value);
            }}
          />
          <button type="submit" className="button button--primary" disabled={name.trim() === "" || busy !== null} data-testid="create-server-submit">
            {busy === "create" ? t("servers.add.creating") : t("servers.add.create")}
          </button>
        </div>
        {error?.form === "create" ? (
          <p className="server-form__error" role="alert" data-testid="form-error">
            {error.text}
          </p>
        ) : null}
      </form>
      <div className="server-form__or">
        <span>{t("servers.add.or")}</span>
      </div>
      <form className="server-form" onSubmit={(e) => void join(e)}>
        <h3 className="server-form__title">{t("servers.add.joinTitle")}</h3>
        <p className="server-form__hint">{t("servers.add.joinHint", { example: `${location.origin}/invite/AbC123` })}</p>
        <label className="field__label" htmlFor="join-server-input">
          {t("servers.add.invite")}
        </label>
        <div className="server-form__row">
          <input
            id="join-server-input"
            className="input"
            value={invite}
            data-testid="join-server-input"
            onChange={(e) => {
              setInvite(e.target.value);
            }}
          />
          <button type="submit" className="button button--secondary" disabled={invite.trim() === "" || busy !== null} data-testid="join-server-submit">
            {busy === "join" ? t("servers.add.joining") : t("servers.add.join")}
          </button>
        </div>
        {error?.form === "join" ? (
          <p className="server-form__error" role="alert" data-testid="form-error">
            {error.text}
          </p>
        ) : null}
      </form>
    </Dialog>
  );
}
