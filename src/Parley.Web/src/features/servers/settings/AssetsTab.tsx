import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { FormError } from "../../../lib/components/FormError";
import { Spinner } from "../../../lib/components/Spinner";
import { useToast } from "../../../lib/components/toastContext";
import { formErrorsFrom, NO_ERRORS, reasonMessage, type FormErrors } from "../../../lib/errors";
import { ConfirmDialog } from "../../chat/Dialog";
import { ASSET_NAME, ASSET_TYPES } from "../../emoji/api";
import "../../emoji/emoji.css";

export interface Asset {
  id: string;
  name: string;
  url: string;
  description?: string | null;
}

interface AssetsTabProps<T extends Asset> {
  kind: "emoji" | "stickers";
  serverId: string;
  items: T[] | undefined;
  loading: boolean;
  max: number;
  maxBytes: number;
  withDescription: boolean;
  upload: (qc: QueryClient, name: string, description: string, file: File) => Promise<unknown>;
  rename: (qc: QueryClient, id: string, name: string) => Promise<void>;
  remove: (qc: QueryClient, id: string) => Promise<void>;
}

const FIELDS = ["name", "file", "description"] as const;

/** A name suggestion from a file name: "Party Parrot.gif" → "Party_Parrot". */
function nameFromFile(fileName: string): string {
  const base = fileName.replace(/\.[^.]+$/, "").replace(/[^A-Za-z0-9_]+/g, "_").replace(/^_+|_+$/g, "");
  return base.slice(0, 32);
}

/** The Emoji and Stickers tabs: upload (name, picture, for stickers a description), rename and delete. */
export function AssetsTab<T extends Asset>(props: AssetsTabProps<T>) {
  const { kind, items, max, maxBytes, withDescription } = props;
  const { t } = useTranslation();
  const qc = useQueryClient();
  const toast = useToast();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState<{ id: string; name: string } | null>(null);
  const [deleting, setDeleting] = useState<T | null>(null);
  const prefix = kind === "emoji" ? "servers.settings.emoji" : "servers.settings.stickers";
  const full = (items?.length ?? 0) >= max;

  function localErrors(): FormErrors {
    const fields: Record<string, string[]> = {};
    if (!ASSET_NAME.test(name)) fields.name = [t("servers.settings.assets.nameRule")];
    if (!file) fields.file = [t("servers.settings.assets.chooseFile")];
    else if (file.size > maxBytes) fields.file = [t("servers.settings.assets.tooLarge", { size: Math.round(maxBytes / 1024) })];
    return { fields, general: [] };
  }

  async function submit() {
    const local = localErrors();
    if (Object.keys(local.fields).length > 0 || !file) {
      setErrors(local);
      return;
    }
    setBusy(true);
    try {
      await props.upload(qc, name, description, file);
      toast.show(t(`${prefix}.added` as const, { name }), "success");
      setFile(null);
      setName("");
      setDescription("");
      setErrors(NO_ERRORS);
    } catch (error) {
      setErrors(formErrorsFrom(error, FIELDS, t));
    } finally {
      setBusy(false);
    }
  }

  async function saveRename() {
    if (!editing) return;
    if (!ASSET_NAME.test(editing.name)) {
      toast.show(t("servers.settings.assets.nameRule"), "error");
      return;
    }
    try {
      await props.rename(qc, editing.id, editing.name);
      setEditing(null);
    } catch (error) {
      const mapped = formErrorsFrom(error, FIELDS, t);
      toast.show(mapped.fields.name?.[0] ?? mapped.general[0] ?? reasonMessage(error, t), "error");
    }
  }

  async function confirmDelete() {
    if (!deleting) return;
    try {
      await props.remove(qc, deleting.id);
    } catch (error) {
      toast.show(reasonMessage(error, t), "error");
    }
  }

  const fieldError = (field: string) => {
    const messages = errors.fields[field];
    if (!messages || messages.length === 0) return null;
    return (
      <ul className="field__errors" role="alert" data-testid="field-error" data-field={field}>
        {messages.map((m) => (
          <li key={m}>{m}</li>
        ))}
      </ul>
    );
  };

  return (
    <div className="settings-stack" data-testid={`${kind}-tab`}>
      <form className="settings-card asset-upload" onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        noValidate
      >
        <h3 className="settings-card__title">{t(`${prefix}.upload` as const)}</h3>
        <p className="server-form__hint">{t(`${prefix}.hint` as const, { size: Math.round(maxBytes / 1024), max })}</p>
        <input
          ref={fileInput}
          type="file"
          accept={ASSET_TYPES}
          className="visually-hidden-input"
          tabIndex={-1}
          aria-hidden="true"
          data-testid={`${kind}-file`}
          onChange={(e) => {
            const chosen = e.target.files?.[0] ?? null;
            e.target.value = "";
            setFile(chosen);
            if (chosen && name === "") setName(nameFromFile(chosen.name));
            setErrors(NO_ERRORS);
          }}
        />
        <div className="asset-upload__row">
          <button
            type="button"
            className="button button--secondary"
            disabled={full}
            onClick={() => {
              fileInput.current?.click();
            }}
          >
            {t("servers.settings.assets.choose")}
          </button>
          <span className="asset-count" data-testid={`${kind}-chosen`}>
            {file ? file.name : t("servers.settings.assets.noFile")}
          </span>
        </div>
        {fieldError("file")}
        <label className="field__label">
          {t("servers.settings.assets.name")}
          <input
            className="input"
            value={name}
            maxLength={32}
            autoComplete="off"
            spellCheck={false}
            data-testid={`${kind}-name`}
            onChange={(e) => {
              setName(e.target.value);
            }}
          />
        </label>
        {fieldError("name")}
        {withDescription ? (
          <>
            <label className="field__label">
              {t("servers.settings.stickers.description")}
              <input
                className="input"
                value={description}
                maxLength={100}
                data-testid={`${kind}-description`}
                onChange={(e) => {
                  setDescription(e.target.value);
                }}
              />
            </label>
            {fieldError("description")}
          </>
        ) : null}
        <FormError messages={errors.general} />
        <div className="asset-upload__row">
          <button type="submit" className="button button--primary" disabled={busy || full} data-testid={`${kind}-upload`}>
            {busy ? t("servers.settings.assets.uploading") : t(`${prefix}.uploadButton` as const)}
          </button>
          <span className="asset-count" data-testid={`${kind}-count`}>
            {t("servers.settings.assets.count", { used: items?.length ?? 0, max })}
          </span>
        </div>
      </form>

      <div className="settings-card">
        {props.loading ? <Spinner label={t("servers.loading")} /> : null}
        {items && items.length === 0 ? <p className="server-form__hint">{t(`${prefix}.none` as const)}</p> : null}
        <ul className="asset-list">
          {(items ?? []).map((item) => (
            <li key={item.id} className={`asset-row${kind === "stickers" ? " asset-row--sticker" : ""}`} data-testid={`${kind}-row`} data-name={item.name}>
              <img className="asset-row__image" src={item.url} alt={kind === "emoji" ? `:${item.name}:` : item.name} loading="lazy" />
              {editing?.id === item.id ? (
                <form
                  className="asset-upload__row"
                  style={{ flex: 1 }}
                  onSubmit={(e) => {
                    e.preventDefault();
                    void saveRename();
                  }}
                >
                  <input
                    className="input input--small"
                    value={editing.name}
                    maxLength={32}
                    autoFocus
                    aria-label={t("servers.settings.assets.name")}
                    data-testid={`${kind}-rename-input`}
                    onChange={(e) => {
                      setEditing({ id: item.id, name: e.target.value });
                    }}
                  />
                  <button type="submit" className="button button--primary button--small" data-testid={`${kind}-rename-save`}>
                    {t("common.save")}
                  </button>
                  <button
                    type="button"
                    className="button button--ghost button--small"
                    onClick={() => {
                      setEditing(null);
                    }}
                  >
                    {t("common.cancel")}
                  </button>
                </form>
              ) : (
                <>
                  <span className="asset-row__name">
                    {kind === "emoji" ? `:${item.name}:` : item.name}
                    {item.description ? <small>{item.description}</small> : null}
                  </span>
                  <span className="asset-row__actions">
                    <button
                      type="button"
                      className="button button--ghost button--small"
                      data-testid={`${kind}-rename`}
                      onClick={() => {
                        setEditing({ id: item.id, name: item.name });
                      }}
                    >
                      {t("servers.settings.assets.rename")}
                    </button>
                    <button
                      type="button"
                      className="button button--danger-ghost button--small"
                      data-testid={`${kind}-delete`}
                      onClick={() => {
                        setDeleting(item);
                      }}
                    >
                      {t("servers.settings.assets.delete")}
                    </button>
                  </span>
                </>
              )}
            </li>
          ))}
        </ul>
      </div>
      {deleting ? (
        <ConfirmDialog
          title={t(`${prefix}.deleteTitle` as const, { name: deleting.name })}
          text={t(`${prefix}.deleteText` as const)}
          confirm={t("servers.settings.assets.delete")}
          danger
          onConfirm={() => void confirmDelete()}
          onClose={() => {
            setDeleting(null);
          }}
        />
      ) : null}
    </div>
  );
}
