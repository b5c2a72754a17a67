/** RFC 7807 problem details, as the server sends them. */
export interface ProblemDetails {
  type?: string | null;
  title?: string | null;
  status?: number | null;
  detail?: string | null;
  errors?: Record<string, string[] | string> | null;
  suggestions?: string[] | null;
}

export function isProblemDetails(value: unknown): value is ProblemDetails {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return typeof v.title === "string" || typeof v.status === "number" || typeof v.type === "string" || typeof v.errors === "object";
}

/** A failed API call: the HTTP status (0 when the network failed) and what the server said. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: ProblemDetails | null;
  /** Seconds to wait, from Retry-After on a 429. */
  readonly retryAfter: number | null;

  constructor(status: number, problem: ProblemDetails | null, retryAfter: number | null = null) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.name = "ApiError";
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }
}

/** Retry-After is either seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now: Date = new Date()): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - now.getTime()) / 1000));
}

/**
 * Turns a key of `errors` into the form field it names: "Username", "$.username" and
 * "request.Username" all become "username"; "Notifications.Enabled" becomes "notifications.enabled".
 */
export function normalizeFieldKey(key: string): string {
  let k = key.trim().replace(/^\$\.?/, "");
  k = k.replace(/^(request|body|dto|model)\./i, "");
  return k
    .split(".")
    .filter((part) => part.length > 0)
    .map((part) => part.charAt(0).toLowerCase() + part.slice(1))
    .join(".");
}

export interface MappedErrors {
  /** Messages for the fields the form has, keyed by that field's name. */
  fields: Record<string, string[]>;
  /** Messages that belong to no field of the form: show them above or below the form. */
  general: string[];
}

/** Splits a problem's `errors` between the fields of a form and a general message. */
export function mapProblemToFields(problem: ProblemDetails | null | undefined, formFields: readonly string[]): MappedErrors {
  const result: MappedErrors = { fields: {}, general: [] };
  if (!problem?.errors) return result;
  const byLower = new Map(formFields.map((f) => [f.toLowerCase(), f]));
  for (const [key, raw] of Object.entries(problem.errors)) {
    const messages = (Array.isArray(raw) ? raw : [raw]).filter((m) => typeof m === "string" && m.length > 0);
    if (messages.length === 0) continue;
    const field = byLower.get(normalizeFieldKey(key).toLowerCase());
    if (field) {
      (result.fields[field] ??= []).push(...messages);
    } else {
      result.general.push(...messages);
    }
  }
  return result;
}
