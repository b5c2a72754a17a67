import { useRef, useState, type SyntheticEvent } from "react";
import { useTranslation } from "react-i18next";
import type { ApiToken, CreatedToken } from "../../api/client";
import { TextField } from "../../lib/components/Field";
import { FormError } from "../../lib/components/FormError";
import { Icon } from "../../lib/components/Icon";
import { Spinner } from "../../lib/components/Spinner";
import { useToast } from "../../lib/components/toastContext";
import { formErrorsFrom, generalErrorMessage, NO_ERRORS, type FormErrors } from "../../lib/errors";
import { formatDateTime, formatRelative } from "../../lib/time";
import { ApiError } from "../../api/problem";
import { useMe } from "../auth/api";
import { PasswordInput } from "../auth/PasswordInput";
import { useCreateToken, useRevokeToken, useTokens } from "./api";
import { QueryState } from "./QueryState";

const NAME_MAX = 64;

async function copyText(text: string, fallbackNode: HTMLElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard API refused (insecure context, permissions): select the text so Ctrl+C works.
    if (fallbackNode) {
      const range = document.createRange();
      range.selectNodeContents(fallbackNode);
      const selection = window.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
    }
    return false;
  }
}

function NewToken({ token, onDone }: { token: CreatedToken; onDone: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const valueRef = useRef<HTMLElement>(null);
  const [copied, setCopied] = useState(false);
  return (
    <section className="card card--highlight new-token" aria-labelledby="new-token-title" data-testid="token-created">
      <h3 className="card__title" id="new-token-title">
        {t("settings.tokens.createdTitle", { name: token.name })}
      </h3>
      <p className="card__note new-token__warning">
        <Icon name="alert" size={16} />
        {t("settings.tokens.createdHint")}
      </p>
      <div className="new-token__box">
        <code className="new-token__value" ref={valueRef} data-testid="token-value">
          {token.token}
        </code>
        <button
          type="button"
          className="button button--secondary button--small"
          data-testid="token-copy"
          onClick={() => {
            void copyText(token.token, valueRef.current).then((ok) => {
              setCopied(ok);
              toast.show(ok ? t("settings.tokens.copied") : t("settings.tokens.copyManually"), ok ? "success" : "info");
            });
          }}
        >
          <Icon name={copied ? "check" : "copy"} size={16} />
          {copied ? t("common.copied") : t("common.copy")}
        </button>
      </div>
      <div className="settings-form__actions">
        <button type="button" className="button button--ghost" data-testid="token-done" onClick={onDone}>
          {t("common.done")}
        </button>
      </div>
    </section>
  );
}

function CreateTokenForm({ onCreated }: { onCreated: (token: CreatedToken) => void }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const create = useCreateToken();
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);

  function onSubmit(e: SyntheticEvent) {
    e.preventDefault();
    const local: Record<string, string[]> = {};
    if (name.trim() === "") local.name = [t("settings.tokens.nameRequired")];
    else if (Array.from(name.trim()).length > NAME_MAX) local.name = [t("errors.tooLong", { max: NAME_MAX })];
    if (password === "") local.password = [t("settings.tokens.passwordRequired")];
    if (Object.keys(local).length > 0 || !me) {
      setErrors({ fields: local, general: [] });
      return;
    }
    setErrors(NO_ERRORS);
    create.mutate(
      { login: me.username, password, name: name.trim() },
      {
        onSuccess: (token) => {
          setName("");
          setPassword("");
          onCreated(token);
        },
        onError: (error) => {
          if (error instanceof ApiError && error.status === 401) {
            setErrors({ fields: { password: [t("settings.tokens.badPassword")] }, general: [] });
            return;
          }
          setErrors(formErrorsFrom(error, ["name", "password"], t));
        },
      },
    );
  }

  return (
    <form className="card settings-form" onSubmit={onSubmit} noValidate aria-labelledby="token-create-title">
      <h3 className="card__title" id="token-create-title">
        {t("settings.tokens.createTitle")}
      </h3>
      <FormError messages={errors.general} />
      {/* Lets password managers know whose password this is. */}
      <input type="text" name="username" autoComplete="username" value={me?.username ?? ""} readOnly hidden />
      <TextField
        label={t("settings.tokens.name")}
        placeholder={t("settings.tokens.namePlaceholder")}
        value={name}
        maxLength={NAME_MAX}
        autoComplete="off"
        errors={errors.fields.name}
        testId="token-name"
        onChange={(e) => {
          setName(e.target.value);
        }}
      />
      <PasswordInput
        label={t("settings.tokens.password")}
        hint={t("settings.tokens.passwordHint")}
        value={password}
        autoComplete="current-password"
        errors={errors.fields.password}
        testId="token-password"
        onChange={(e) => {
          setPassword(e.target.value);
        }}
      />
      <div className="settings-form__actions">
        <button type="submit" className="button button--primary" data-testid="token-create" disabled={create.isPending}>
          {create.isPending ? <Spinner /> : null}
          {create.isPending ? t("settings.tokens.creating") : t("settings.tokens.create")}
        </button>
      </div>
    </form>
  );
}

function TokenRow({ token }: { token: ApiToken }) {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const revoke = useRevokeToken();
  return (
    <li className="list-row" data-testid="token-row" data-token-id={token.id}>
      <span className="list-row__icon" aria-hidden="true">
        <Icon name="key" size={20} />
      </span>
      <div className="list-row__text">
        <span className="list-row__title">{token.name}</span>
        <span className="list-row__meta">
          {t("settings.tokens.createdAt", { time: formatDateTime(token.createdAt, i18n.language) })}
          {" · "}
          {token.lastUsedAt
            ? t("settings.tokens.lastUsed", { time: formatRelative(token.lastUsedAt, i18n.language) })
            : t("settings.tokens.neverUsed")}
        </span>
      </div>
      <button
        type="button"
        className="button button--danger-ghost button--small"
        data-testid="token-revoke"
        aria-label={t("settings.tokens.revokeLabel", { name: token.name })}
        disabled={revoke.isPending}
        onClick={() => {
          revoke.mutate(token.id, {
            onSuccess: () => {
              toast.show(t("settings.tokens.revoked"), "success");
            },
            onError: (error) => {
              toast.show(`${t("settings.tokens.revokeFailed")} ${generalErrorMessage(error, t)}`, "error");
            },
          });
        }}
      >
        {revoke.isPending ? <Spinner /> : null}
        {t("settings.tokens.revoke")}
      </button>
    </li>
  );
}

export function TokensSection() {
  const { t } = useTranslation();
  const tokens = useTokens();
  const [created, setCreated] = useState<CreatedToken | null>(null);

  return (
    <div className="settings-stack">
      <p className="settings-lead">{t("settings.tokens.description")}</p>
      {created ? (
        <NewToken
          token={created}
          onDone={() => {
            setCreated(null);
          }}
        />
      ) : null}
      <CreateTokenForm onCreated={setCreated} />
      <section className="card" aria-labelledby="tokens-list-title">
        <h3 className="card__title" id="tokens-list-title">
          {t("settings.tokens.list")}
        </h3>
        <QueryState query={tokens} rows={2}>
          {(list) =>
            list.length === 0 ? (
              <p className="card__empty">{t("settings.tokens.none")}</p>
            ) : (
              <ul className="list">
                {list.map((token) => (
                  <TokenRow key={token.id} token={token} />
                ))}
              </ul>
            )
          }
        </QueryState>
      </section>
    </div>
  );
}
