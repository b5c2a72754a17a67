import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { Icon } from "../../lib/components/Icon";
import { reasonMessage } from "../../lib/errors";
import { createGroup } from "./api";
import { Dialog } from "./Dialog";
import { displayName, type PublicUser } from "./model";
import { PersonPicker } from "./PersonPicker";

export function NewGroupDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [picked, setPicked] = useState<PublicUser[]>([]);
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function create() {
    if (picked.length < 2) {
      setError(t("chat.group.pickSomeone"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const channel = await createGroup(
        queryClient,
        picked.map((p) => p.id),
        name,
      );
      onClose();
      void navigate(`/chats/${channel.id}`);
    } catch (e) {
      setError(reasonMessage(e, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={t("chat.group.title")}
      onClose={onClose}
      testId="new-group-dialog"
      footer={
        <>
          <button type="button" className="button button--ghost" onClick={onClose}>
            {t("common.cancel")}
          </button>
          <button type="button" className="button button--primary" data-testid="group-create" disabled={busy} onClick={() => void create()}>
            {busy ? t("chat.group.creating") : t("chat.group.create")}
          </button>
        </>
      }
    >
      <label className="field">
        <span className="field__label">{t("chat.group.name")}</span>
        <input
          className="input"
          value={name}
          maxLength={100}
          placeholder={t("chat.group.namePlaceholder")}
          data-testid="group-name"
          onChange={(e) => {
            setName(e.target.value);
          }}
        />
      </label>
      {picked.length > 0 ? (
        <ul className="chips" aria-label={t("chat.group.addPeople")}>
          {picked.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                className="chip chip--removable"
                aria-label={t("chat.group.remove", { name: displayName(p) })}
                onClick={() => {
                  setPicked((list) => list.filter((x) => x.id !== p.id));
                }}
              >
                {displayName(p)}
                <Icon name="close" size={14} />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <span className="field__label">{t("chat.group.addPeople")}</span>
      <PersonPicker
        excluded={new Set(picked.map((p) => p.id))}
        onPick={(p) => {
          setPicked((list) => (list.some((x) => x.id === p.id) ? list : [...list, p]));
          setError(null);
        }}
      />
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </Dialog>
  );
}
