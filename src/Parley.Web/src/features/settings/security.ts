import type { TFunction } from "i18next";
import { ApiError } from "../../api/problem";
import { formErrorsFrom, type FormErrors } from "../../lib/errors";
import { passwordIssues } from "../../lib/password";

export const PASSWORD_FIELDS = ["currentPassword", "newPassword", "confirmPassword"] as const;
export type PasswordField = (typeof PASSWORD_FIELDS)[number];
export type PasswordForm = Record<PasswordField, string>;

export const EMPTY_PASSWORD_FORM: PasswordForm = { currentPassword: "", newPassword: "", confirmPassword: "" };

/** What the change-password form can tell before asking the server: the same rules as registration. */
export function validatePasswordForm(form: PasswordForm, username: string, t: TFunction): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  if (form.currentPassword === "") errors.currentPassword = [t("settings.security.currentRequired")];
  const issues = passwordIssues(form.newPassword, username);
  if (form.newPassword === "") errors.newPassword = [t("settings.security.newRequired")];
  else if (issues.length > 0) errors.newPassword = issues.map((issue) => t(`auth.password.rules.${issue}`));
  else if (form.newPassword === form.currentPassword) errors.newPassword = [t("settings.security.sameAsCurrent")];
  if (form.newPassword !== "" && form.confirmPassword !== form.newPassword) errors.confirmPassword = [t("settings.security.mismatch")];
  return errors;
}

/**
 * A refused change, split between the form's fields and a general message. The server names the field it refuses:
 * "currentPassword" only ever means a wrong (or missing) current password, said in the UI language; the new
 * password's rules come in the server's own words (the form checks the same rules first, so they are rare).
 */
export function changePasswordErrors(error: unknown, t: TFunction): FormErrors {
  const errors = formErrorsFrom(error, ["currentPassword", "newPassword"], t);
  if (errors.fields.currentPassword) {
    return { ...errors, fields: { ...errors.fields, currentPassword: [t("settings.security.wrongCurrent")] } };
  }
  return errors;
}

export interface OwnedServer {
  id: string;
  name: string;
}

/** The servers named by a 409 "transfer or delete your servers first", or null for any other error. */
export function ownedServers(error: unknown): OwnedServer[] | null {
  if (!(error instanceof ApiError) || error.status !== 409 || !error.problem) return null;
  const listed = (error.problem as Record<string, unknown>).servers;
  if (!Array.isArray(listed)) return [];
  return listed.flatMap((entry: unknown) => {
    if (typeof entry !== "object" || entry === null) return [];
    const { id, name } = entry as Record<string, unknown>;
    return typeof id === "string" && typeof name === "string" ? [{ id, name }] : [];
  });
}

/** A refused deletion: a wrong password on the field, servers still owned as one sentence naming them. */
export function deleteAccountErrors(error: unknown, t: TFunction): FormErrors {
  const servers = ownedServers(error);
  if (servers !== null) {
    const names = servers.map((s) => s.name).join(", ");
    return { fields: {}, general: [names ? t("settings.security.ownsServers", { names }) : t("settings.security.ownsServersUnnamed")] };
  }
  const errors = formErrorsFrom(error, ["password"], t);
  if (errors.fields.password) return { ...errors, fields: { password: [t("settings.security.wrongPassword")] } };
  return errors;
}
