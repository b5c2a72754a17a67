import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { api, unwrap } from "../../../api/client";
import { pathId } from "../../../api/wire";
import { useToast } from "../../../lib/components/toastContext";
import { reasonMessage } from "../../../lib/errors";
import { ConfirmDialog } from "../../chat/Dialog";
import { PictureEditor } from "../../files/AvatarEditor";
import { forgetServer, removeServerIcon, serversKey, uploadServerIcon, useServerMembers, type Server } from "../api";
import { memberName } from "../members";
import { can } from "../permissions";

export function OverviewTab({ server, isOwner }: { server: Server; isOwner: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const toast = useToast();
  const navigate = useNavigate();
  const [name, setName] = useState(server.name);
  const [owner, setOwner] = useState("");
  const [confirm, setConfirm] = useState<"delete" | "transfer" | null>(null);
  const members = useServerMembers(server.id, isOwner);
  const mayRename = isOwner || can(server.myPermissions, "ManageServer");

  async function patch(body: { name: string | null; ownerId: string | null }, done: string) {
    try {
      await unwrap(() => api.PATCH("/api/v1/servers/{id}", { params: { path: { id: pathId(server.id) } }, body }));
      void qc.invalidateQueries({ queryKey: serversKey });
      toast.show(done, "success");
    } catch (error) {
      toast.show(reasonMessage(error, t), "error");
    }
  }

  async function remove() {
    try {
      await unwrap(() => api.DELETE("/api/v1/servers/{id}", { params: { path: { id: pathId(server.id) } } }));
      forgetServer(qc, server.id);
      void navigate("/", { replace: true });
      toast.show(t("servers.settings.overview.deleted", { name: server.name }));
    } catch (error) {
      toast.show(reasonMessage(error, t), "error");
    }
  }

  return (
    <div className="settings-stack">
      {mayRename ? (
        <div className="settings-card">
          <h3 className="settings-card__title">{t("servers.icon.title")}</h3>
          <PictureEditor
            name={server.name}
            seed={server.id}
            current={server.iconUrl}
            testId="server-icon-editor"
            savedText={t("servers.icon.saved")}
            removedText={t("servers.icon.removed")}
            cropTitle={t("servers.icon.cropTitle")}
            onUpload={async (blob) => {
              await uploadServerIcon(qc, server.id, blob);
            }}
            onRemove={async () => {
              await removeServerIcon(qc, server.id);
            }}
          />
        </div>
      ) : null}
      {mayRename ? (
        <form
          className="settings-card"
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim() !== "") void patch({ name: name.trim(), ownerId: null }, t("servers.settings.saved"));
          }}
        >
          <label className="field__label" htmlFor="server-name">
            {t("servers.settings.overview.name")}
          </label>
          <div className="server-form__row">
            <input
              id="server-name"
              className="input"
              value={name}
              maxLength={100}
              data-testid="server-rename-input"
              onChange={(e) => {
                setName(e.target.value);
              }}
            />
            <button type="submit" className="button button--primary" disabled={name.trim() === "" || name.trim() === server.name} data-testid="server-rename-save">
              {t("common.save")}
            </button>
          </div>
        </form>
      ) : null}
      {isOwner ? (
        <>
          <div className="settings-card">
            <h3 className="settings-card__title">{t("servers.settings.overview.transfer")}</h3>
            <p className="server-form__hint">{t("servers.settings.overview.transferHint")}</p>
            <div className="server-form__row">
              <select
                className="input"
                value={owner}
                aria-label={t("servers.settings.overview.newOwner")}
                data-testid="transfer-owner-select"
                onChange={(e) => {
                  setOwner(e.target.value);
                }}
              >
                <option value="">{t("servers.settings.overview.choose")}</option>
                {(members.data ?? [])
                  .filter((m) => m.user.id !== server.ownerId)
                  .map((m) => (
                    <option key={m.user.id} value={m.user.id}>
                      {memberName(m)} (@{m.user.username})
                    </option>
                  ))}
              </select>
              <button
                type="button"
                className="button button--secondary"
                disabled={owner === ""}
                data-testid="transfer-owner"
                onClick={() => {
                  setConfirm("transfer");
                }}
              >
                {t("servers.settings.overview.transferButton")}
              </button>
            </div>
          </div>
          <div className="settings-card settings-card--danger">
            <h3 className="settings-card__title">{t("servers.settings.overview.delete")}</h3>
            <p className="server-form__hint">{t("servers.settings.overview.deleteHint")}</p>
            <button
              type="button"
              className="button button--danger"
              data-testid="server-delete"
              onClick={() => {
                setConfirm("delete");
              }}
            >
              {t("servers.settings.overview.delete")}
            </button>
          </div>
        </>
      ) : null}
      {confirm === "delete" ? (
        <ConfirmDialog
          title={t("servers.settings.overview.deleteTitle", { name: server.name })}
          text={t("servers.settings.overview.deleteText")}
          confirm={t("servers.settings.overview.delete")}
          danger
          onConfirm={() => void remove()}
          onClose={() => {
            setConfirm(null);
          }}
        />
      ) : null}
      {confirm === "transfer" ? (
        <ConfirmDialog
          title={t("servers.settings.overview.transfer")}
          text={t("servers.settings.overview.transferText")}
          confirm={t("servers.settings.overview.transferButton")}
          danger
          onConfirm={() => void patch({ name: null, ownerId: owner }, t("servers.settings.overview.transferred"))}
          onClose={() => {
            setConfirm(null);
          }}
        />
      ) : null}
    </div>
  );
}
