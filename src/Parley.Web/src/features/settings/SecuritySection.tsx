import { useId, useState, type SyntheticEvent } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { FormError } from "../../lib/components/FormError";
import { Icon } from "../../lib/components/Icon";
import { Spinner } from "../../lib/components/Spinner";
import { Switch } from "../../lib/components/Switch";
import { clearFieldErrors, NO_ERRORS, type FormErrors } from "../../lib/errors";
import { scorePassword } from "../../lib/password";
import { useMe } from "../auth/api";
import { PasswordInput } from "../auth/PasswordInput";
import { PasswordStrength } from "../auth/PasswordStrength";
import { Dialog } from "../chat/Dialog";
import { useChangePassword, useDeleteAccount } from "./api";
import {
  changePasswordErrors,
  deleteAccountErrors,
  EMPTY_PASSWORD_FORM,
  validatePasswordForm,
  type PasswordField,
  type PasswordForm,
} from "./security";

function ChangePasswordForm() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const change = useChangePassword();
  const strengthId = useId();
  const [form, setForm] = useState<PasswordForm>(EMPTY_PASSWORD_FORM);
  const [revokeTokens, setRevokeTokens] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [done, setDone] = useState(false);
  const username = me?.username ?? "";
  const strength = scorePassword(form.newPassword, username);

  function update(field: PasswordField, value: string) {
    setForm((f) => ({ ...f, [field]: value }));
    setErrors((e) => clearFieldErrors(e, field));
    setDone(false);
  }

  function onSubmit(e: SyntheticEvent) {
    e.preventDefault();
    const local = validatePasswordForm(form, username, t);
    if (Object.keys(local).length > 0) {
      setErrors({ fields: local, general: [] });
      return;
    }
    setErrors(NO_ERRORS);
    change.mutate(
      { currentPassword: form.currentPassword, newPassword: form.newPassword, revokeTokens },
      {
        onSuccess: () => {
          setForm(EMPTY_PASSWORD_FORM);
          setRevokeTokens(false);
          setDone(true);
        },
        onError: (error) => {
          setErrors(changePasswordErrors(error, t));
        },
      },
    );
  }

  return (
    <form className="card settings-form" onSubmit={onSubmit} noValidate aria-labelledby="password-title" data-testid="password-form">
      <h3 className="card__title" id="password-title">
        {t("settings.security.passwordTitle")}
      </h3>
      <p className="card__note">{t("settings.security.passwordNote")}</p>
      {done ? (
        <p className="security-success" role="status" data-testid="password-changed">
          <Icon name="check" size={18} />
          {t("settings.security.changed")}
        </p>
      ) : null}
      <FormError messages={errors.general} />
      {/* Lets password managers know whose password this is. */}
      <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
      <PasswordInput
        label={t("settings.security.current")}
        name="current-password"
        autoComplete="current-password"
        value={form.currentPassword}
        errors={errors.fields.currentPassword}
        testId="password-current"
        onChange={(e) => {
          update("currentPassword", e.target.value);
        }}
      />
      <PasswordInput
        label={t("settings.security.new")}
        name="new-password"
        autoComplete="new-password"
        value={form.newPassword}
        errors={errors.fields.newPassword}
        testId="password-new"
        describedById={strengthId}
        below={form.newPassword ? <PasswordStrength id={strengthId} result={strength} /> : undefined}
        onChange={(e) => {
          update("newPassword", e.target.value);
        }}
      />
      <PasswordInput
        label={t("settings.security.confirm")}
        name="confirm-password"
        autoComplete="new-password"
        value={form.confirmPassword}
        errors={errors.fields.confirmPassword}
        testId="password-confirm"
        onChange={(e) => {
          update("confirmPassword", e.target.value);
        }}
      />
      <Switch
        label={t("settings.security.revokeTokens")}
        hint={t("settings.security.revokeTokensHint")}
        checked={revokeTokens}
        testId="password-revoke-tokens"
        onChange={setRevokeTokens}
      />
      <div className="settings-form__actions">
        <button type="submit" className="button button--primary" data-testid="password-submit" disabled={change.isPending}>
          {change.isPending ? <Spinner /> : null}
          {change.isPending ? t("settings.security.changing") : t("settings.security.change")}
        </button>
      </div>
    </form>
  );
}

function DeleteAccountDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const remove = useDeleteAccount();
  const formId = useId();
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);

  function onSubmit(e: SyntheticEvent) {
    e.preventDefault();
    if (password === "") {
      setErrors({ fields: { password: [t("settings.security.passwordRequired")] }, general: [] });
      return;
    }
    setErrors(NO_ERRORS);
    remove.mutate(password, {
      onSuccess: () => {
        void navigate("/login", { replace: true });
      },
      onError: (error) => {
        setErrors(deleteAccountErrors(error, t));
      },
    });
  }

  return (
    <Dialog
      title={t("settings.security.deleteTitle")}
      onClose={onClose}
      testId="delete-account-dialog"
      footer={
        <>
          <button type="button" className="button button--ghost" onClick={onClose}>
            {t("common.cancel")}
          </button>
          <button type="submit" form={formId} className="button button--danger" data-testid="delete-account-confirm" disabled={remove.isPending}>
            {remove.isPending ? <Spinner /> : null}
            {t("settings.security.deleteConfirm")}
          </button>
        </>
      }
    >
      <p>{t("settings.security.deleteIntro")}</p>
      <ul className="security-consequences">
        <li>{t("settings.security.deleteMessages")}</li>
        <li>{t("settings.security.deleteLeaves")}</li>
        <li>{t("settings.security.deleteSignsOut")}</li>
        <li>{t("settings.security.deleteUsername")}</li>
      </ul>
      <form id={formId} className="settings-form" onSubmit={onSubmit} noValidate>
        <FormError messages={errors.general} />
        <input type="text" name="username" autoComplete="username" value={me?.username ?? ""} readOnly hidden />
        <PasswordInput
          label={t("settings.security.deletePassword")}
          name="password"
          autoComplete="current-password"
          autoFocus
          value={password}
          errors={errors.fields.password}
          testId="delete-account-password"
          onChange={(e) => {
            setPassword(e.target.value);
            setErrors((x) => clearFieldErrors(x, "password"));
          }}
        />
      </form>
    </Dialog>
  );
}

export function SecuritySection() {
  const { t } = useTranslation();
  const [deleting, setDeleting] = useState(false);

  return (
    <div className="settings-stack">
      <p className="settings-lead">{t("settings.security.description")}</p>
      <ChangePasswordForm />
      <section className="card card--danger" aria-labelledby="delete-account-title">
        <h3 className="card__title" id="delete-account-title">
          {t("settings.security.dangerTitle")}
        </h3>
        <p className="card__note">{t("settings.security.dangerNote")}</p>
        <div className="settings-form__actions">
          <button
            type="button"
            className="button button--danger-ghost"
            data-testid="delete-account"
            onClick={() => {
              setDeleting(true);
            }}
          >
            <Icon name="trash" size={18} />
            {t("settings.security.delete")}
          </button>
        </div>
      </section>
      {deleting ? (
        <DeleteAccountDialog
          onClose={() => {
            setDeleting(false);
          }}
        />
      ) : null}
    </div>
  );
}
