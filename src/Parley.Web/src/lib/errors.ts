import type { TFunction } from "i18next";
import { ApiError, mapProblemToFields } from "../api/problem";

interface MessageOptions {
  /** What a 401 means here (on the sign-in form: wrong password). */
  unauthorized?: string;
}

/** One sentence, in the UI language, for an error that belongs to no field. */
export function generalErrorMessage(error: unknown, t: TFunction, options: MessageOptions = {}): string {
  if (!(error instanceof ApiError)) return t("errors.generic");
  switch (error.status) {
    case 0:
      return t("errors.network");
    case 401:
      return options.unauthorized ?? t("errors.unauthorized");
    case 403:
      return t("errors.forbidden");
    case 404:
      return t("errors.notFound");
    case 429:
      return error.retryAfter !== null && error.retryAfter > 0
        ? t("errors.rateLimited", { count: error.retryAfter })
        : t("errors.rateLimitedNoTime");
    default:
      if (error.status >= 500) return t("errors.server");
      return error.problem?.detail ?? error.problem?.title ?? t("errors.generic");
  }
}

export interface FormErrors {
  fields: Record<string, string[]>;
  general: string[];
}

export const NO_ERRORS: FormErrors = { fields: {}, general: [] };

/** The same errors without the messages of one field (once the user edits that field). */
export function clearFieldErrors(errors: FormErrors, field: string): FormErrors {
  if (!(field in errors.fields)) return errors;
  return { ...errors, fields: Object.fromEntries(Object.entries(errors.fields).filter(([key]) => key !== field)) };
}

/** Splits a failed submit between the form's fields and one general message. */
export function formErrorsFrom(error: unknown, formFields: readonly string[], t: TFunction, options: MessageOptions = {}): FormErrors {
  if (error instanceof ApiError && error.status === 400 && error.problem?.errors) {
    const mapped = mapProblemToFields(error.problem, formFields);
    const hasFieldErrors = Object.keys(mapped.fields).length > 0;
    if (hasFieldErrors || mapped.general.length > 0) return mapped;
  }
  return { fields: {}, general: [generalErrorMessage(error, t, options)] };
}

/** The server's own words for a refusal (403 "accepts direct messages from friends only", 409), else the usual sentence. */
export function reasonMessage(error: unknown, t: TFunction): string {
  if (error instanceof ApiError && [403, 404, 409].includes(error.status)) {
    const words = error.problem?.detail ?? error.problem?.title;
    if (words) return words;
  }
  return generalErrorMessage(error, t);
}
