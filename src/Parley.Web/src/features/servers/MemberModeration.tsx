import { useQueryClient } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { pathId } from "../../api/wire";
import { useToast } from "../../lib/components/toastContext";
import { reasonMessage } from "../../lib/errors";
import { ConfirmDialog, Dialog } from "../chat/Dialog";
import { serverBansKey, serverMembersKey, type Server } from "./api";
import { memberName, type Member } from "./members";
import { can } from "./permissions";

export interface MemberModeration {
  mayKick: boolean;
  mayBan: boolean;
  startKick: () => void;
  startBan: () => void;
  /** The kick confirmation or the ban dialog, when one is open: render it next to the control that opened it. */
  dialog: ReactNode;
}

/** Kicking and banning one member, with their confirmations: the same from the settings and from the members panel. */
export function useMemberModeration(server: Server, member: Member, meId: string): MemberModeration {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const toast = useToast();
  const [open, setOpen] = useState<"kick" | "ban" | null>(null);
  const [reason, setReason] = useState("");
  const isOwner = member.user.id === server.ownerId;
  const isMe = member.user.id === meId;
  const mayKick = !isOwner && !isMe && can(server.myPermissions, "KickMembers");
  const mayBan = !isOwner && !isMe && can(server.myPermissions, "BanMembers");
  const path = { id: pathId(server.id), userId: pathId(member.user.id) };
  const name = memberName(member);
  const close = () => {
    setOpen(null);
  };

  async function kick() {
    try {
      await unwrap(() => api.DELETE("/api/v1/servers/{id}/members/{userId}", { params: { path } }));
      void qc.invalidateQueries({ queryKey: serverMembersKey(server.id) });
      toast.show(t("servers.settings.members.kicked", { name }));
    } catch (error) {
      toast.show(reasonMessage(error, t), "error");
    }
  }

  async function ban() {
    try {
      await unwrap(() => api.PUT("/api/v1/servers/{id}/bans/{userId}", { params: { path }, body: { reason: reason.trim() || null } }));
      setOpen(null);
      void qc.invalidateQueries({ queryKey: serverMembersKey(server.id) });
      void qc.invalidateQueries({ queryKey: serverBansKey(server.id) });
      toast.show(t("servers.settings.members.banned", { name }));
    } catch (error) {
      toast.show(reasonMessage(error, t), "error");
    }
  }

  const dialog =
    open === "kick" ? (
      <ConfirmDialog
        title={t("servers.settings.members.kickTitle", { name })}
        text={t("servers.settings.members.kickText")}
        confirm={t("servers.settings.members.kick")}
        danger
        onConfirm={() => void kick()}
        onClose={close}
      />
    ) : open === "ban" ? (
      <Dialog
        title={t("servers.settings.members.banTitle", { name })}
        size="sm"
        onClose={close}
        footer={
          <>
            <button type="button" className="button button--ghost" onClick={close}>
              {t("common.cancel")}
            </button>
            <button type="button" className="button button--danger" data-testid="confirm-ok" onClick={() => void ban()}>
              {t("servers.settings.members.ban")}
            </button>
          </>
        }
      >
        <p>{t("servers.settings.members.banText")}</p>
        <label className="field__label">
          {t("servers.settings.members.reason")}
          <input
            className="input"
            value={reason}
            maxLength={500}
            data-testid="ban-reason"
            onChange={(e) => {
              setReason(e.target.value);
            }}
          />
        </label>
      </Dialog>
    ) : null;

  return {
    mayKick,
    mayBan,
    startKick: () => {
      setOpen("kick");
    },
    startBan: () => {
      setReason("");
      setOpen("ban");
    },
    dialog,
  };
}
