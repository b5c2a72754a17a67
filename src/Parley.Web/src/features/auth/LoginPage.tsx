import { useState, type SyntheticEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { TextField } from "../../lib/components/Field";
import { FormError } from "../../lib/components/FormError";
import { Spinner } from "../../lib/components/Spinner";
import { formErrorsFrom, NO_ERRORS, type FormErrors } from "../../lib/errors";
import { safeNext } from "../../lib/safeNext";
import { useLogin } from "./api";
import { AuthLayout } from "./AuthLayout";
import { PasswordInput } from "./PasswordInput";

const FIELDS = ["login", "password"] as const;

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get("next"));
  const login = useLogin();
  const [form, setForm] = useState({ login: "", password: "" });
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);

  function onSubmit(e: SyntheticEvent) {
    e.preventDefault();
    const local: Record<string, string[]> = {};
    if (form.login.trim() === "") local.login = [t("auth.login.loginRequired")];
    if (form.password === "") local.password = [t("auth.login.passwordRequired")];
    if (Object.keys(local).length > 0) {
      setErrors({ fields: local, general: [] });
      return;
    }
    setErrors(NO_ERRORS);
    login.mutate(
      { login: form.login.trim(), password: form.password },
      {
        onSuccess: () => {
          void navigate(next, { replace: true });
        },
        onError: (error) => {
          setErrors(formErrorsFrom(error, FIELDS, t, { unauthorized: t("auth.login.badCredentials") }));
        },
      },
    );
  }

  const registerHref = next === "/" ? "/register" : `/register?next=${encodeURIComponent(next)}`;

  return (
    <AuthLayout
      title={t("auth.login.title")}
      subtitle={t("auth.login.subtitle")}
      footer={
        <>
          {t("auth.login.noAccount")} <Link to={registerHref}>{t("auth.login.createAccount")}</Link>
        </>
      }
    >
      <form className="auth__form" onSubmit={onSubmit} noValidate>
        <FormError messages={errors.general} />
        <TextField
          label={t("auth.login.login")}
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          autoFocus
          value={form.login}
          errors={errors.fields.login}
          testId="login-username"
          onChange={(e) => {
            setForm((f) => ({ ...f, login: e.target.value }));
          }}
        />
        <PasswordInput
          label={t("auth.login.password")}
          name="password"
          autoComplete="current-password"
          value={form.password}
          errors={errors.fields.password}
          testId="login-password"
          onChange={(e) => {
            setForm((f) => ({ ...f, password: e.target.value }));
          }}
        />
        <button type="submit" className="button button--primary button--block" disabled={login.isPending} data-testid="login-submit">
          {login.isPending ? <Spinner /> : null}
          {login.isPending ? t("auth.login.submitting") : t("auth.login.submit")}
        </button>
      </form>
    </AuthLayout>
  );
}
