import { useId, useMemo, useRef, useState, type SyntheticEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { ApiError } from "../../api/problem";
import { TextField } from "../../lib/components/Field";
import { FormError } from "../../lib/components/FormError";
import { Spinner } from "../../lib/components/Spinner";
import { clearFieldErrors, formErrorsFrom, NO_ERRORS, type FormErrors } from "../../lib/errors";
import { useDebouncedValue } from "../../lib/hooks";
import { passwordIssues, scorePassword } from "../../lib/password";
import { safeNext } from "../../lib/safeNext";
import { checkUsernameFormat } from "../../lib/username";
import { useRegister, useUsernameAvailability } from "./api";
import { AuthLayout } from "./AuthLayout";
import { PasswordInput } from "./PasswordInput";
import { PasswordStrength } from "./PasswordStrength";
import { UsernameStatus, type UsernameState } from "./UsernameStatus";

const FIELDS = ["username", "password", "email", "displayName"] as const;
type Field = (typeof FIELDS)[number];
const DISPLAY_NAME_MAX = 64;
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function RegisterPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get("next"));
  const register = useRegister();
  const statusId = useId();
  const strengthId = useId();
  const usernameInput = useRef<HTMLInputElement>(null);

  const [form, setForm] = useState<Record<Field, string>>({ username: "", password: "", email: "", displayName: "" });
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  // Set by a 409 on submit: the name that turned out taken and the server's suggestions.
  const [conflict, setConflict] = useState<{ username: string; suggestions: string[] } | null>(null);

  const username = form.username;
  const debounced = useDebouncedValue(username, 300);
  const formatIssue = checkUsernameFormat(username);
  const settled = debounced === username;
  const availability = useUsernameAvailability(debounced, settled && formatIssue === null);

  const usernameState: UsernameState = useMemo(() => {
    if (username === "") return { kind: "idle" };
    if (conflict?.username === username) return { kind: "taken", username, suggestions: conflict.suggestions };
    if (!settled) return formatIssue === "invalidChars" ? { kind: "invalid", message: t("auth.username.invalidChars") } : { kind: "checking" };
    if (formatIssue !== null && formatIssue !== "empty") return { kind: "invalid", message: t(`auth.username.${formatIssue}`) };
    if (availability.isPending) return { kind: "checking" };
    if (availability.isError) {
      const err = availability.error;
      if (err instanceof ApiError && err.status === 400) {
        const msg = err.problem?.errors ? Object.values(err.problem.errors).flat()[0] : undefined;
        return { kind: "invalid", message: msg ?? t("auth.username.invalidChars") };
      }
      return { kind: "error" };
    }
    return availability.data.available
      ? { kind: "available", username }
      : { kind: "taken", username, suggestions: availability.data.suggestions };
  }, [username, conflict, settled, formatIssue, availability.isPending, availability.isError, availability.error, availability.data, t]);

  const strength = scorePassword(form.password, username);

  function update(field: Field, value: string) {
    setForm((f) => ({ ...f, [field]: value }));
    setErrors((e) => clearFieldErrors(e, field));
  }

  function validate(): Record<string, string[]> {
    const local: Record<string, string[]> = {};
    const uIssue = checkUsernameFormat(username);
    if (uIssue) local.username = [t(`auth.username.${uIssue}`)];
    else if (usernameState.kind === "taken") local.username = [t("auth.username.taken", { username })];
    const pIssues = passwordIssues(form.password, username);
    if (pIssues.length > 0) local.password = pIssues.map((i) => t(`auth.password.rules.${i}`));
    const email = form.email.trim();
    if (email !== "" && !EMAIL_RE.test(email)) local.email = [t("auth.register.emailInvalid")];
    if (form.displayName.trim().length > DISPLAY_NAME_MAX) local.displayName = [t("errors.tooLong", { max: DISPLAY_NAME_MAX })];
    return local;
  }

  function onSubmit(e: SyntheticEvent) {
    e.preventDefault();
    const local = validate();
    if (Object.keys(local).length > 0) {
      setErrors({ fields: local, general: [] });
      if (local.username) usernameInput.current?.focus();
      return;
    }
    setErrors(NO_ERRORS);
    const email = form.email.trim();
    const displayName = form.displayName.trim();
    register.mutate(
      {
        username,
        password: form.password,
        ...(email ? { email } : {}),
        ...(displayName ? { displayName } : {}),
      },
      {
        onSuccess: () => {
          void navigate(next, { replace: true });
        },
        onError: (error) => {
          if (error instanceof ApiError && error.status === 409) {
            setConflict({ username, suggestions: error.problem?.suggestions ?? [] });
            setErrors(NO_ERRORS);
            usernameInput.current?.focus();
            return;
          }
          setErrors(formErrorsFrom(error, FIELDS, t));
        },
      },
    );
  }

  const loginHref = next === "/" ? "/login" : `/login?next=${encodeURIComponent(next)}`;
  const showStatus = !errors.fields.username;

  return (
    <AuthLayout
      title={t("auth.register.title")}
      subtitle={t("auth.register.subtitle")}
      footer={
        <>
          {t("auth.register.haveAccount")} <Link to={loginHref}>{t("auth.register.signIn")}</Link>
        </>
      }
    >
      <form className="auth__form" onSubmit={onSubmit} noValidate>
        <FormError messages={errors.general} />
        <TextField
          ref={usernameInput}
          label={t("auth.register.username")}
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          autoFocus
          maxLength={64}
          value={username}
          errors={errors.fields.username}
          testId="register-username"
          describedById={showStatus ? statusId : undefined}
          below={
            showStatus ? (
              <UsernameStatus
                id={statusId}
                state={usernameState}
                onPick={(s) => {
                  update("username", s);
                  usernameInput.current?.focus();
                }}
              />
            ) : undefined
          }
          onChange={(e) => {
            update("username", e.target.value);
          }}
        />
        <TextField
          label={t("auth.register.displayName")}
          hint={t("auth.register.displayNameHint")}
          name="displayName"
          autoComplete="nickname"
          maxLength={DISPLAY_NAME_MAX}
          value={form.displayName}
          errors={errors.fields.displayName}
          testId="register-displayname"
          onChange={(e) => {
            update("displayName", e.target.value);
          }}
        />
        <TextField
          label={t("auth.register.email")}
          hint={t("auth.register.emailHint")}
          name="email"
          type="email"
          inputMode="email"
          autoComplete="email"
          autoCapitalize="none"
          spellCheck={false}
          value={form.email}
          errors={errors.fields.email}
          testId="register-email"
          onChange={(e) => {
            update("email", e.target.value);
          }}
        />
        <PasswordInput
          label={t("auth.register.password")}
          name="new-password"
          autoComplete="new-password"
          value={form.password}
          errors={errors.fields.password}
          testId="register-password"
          describedById={strengthId}
          below={<PasswordStrength id={strengthId} result={strength} />}
          onChange={(e) => {
            update("password", e.target.value);
          }}
        />
        <button type="submit" className="button button--primary button--block" disabled={register.isPending} data-testid="register-submit">
          {register.isPending ? <Spinner /> : null}
          {register.isPending ? t("auth.register.submitting") : t("auth.register.submit")}
        </button>
      </form>
    </AuthLayout>
  );
}
