import createClient, { type Middleware } from "openapi-fetch";
import { ANTIFORGERY_PATH, createAntiforgery, XSRF_COOKIE } from "./antiforgery";
import { ApiError, isProblemDetails, parseRetryAfter } from "./problem";
import type { paths } from "./schema";

export type * from "./wire";

const antiforgery = createAntiforgery({
  readCookies: () => document.cookie,
  fetchToken: async () => {
    await fetch(ANTIFORGERY_PATH, { credentials: "same-origin", headers: { Accept: "application/json" } });
  },
});

let acceptLanguage = "en";

/** The UI language, sent as Accept-Language so that the server can word its messages in it. */
export function setApiLanguage(language: string): void {
  acceptLanguage = language;
}

const requestMiddleware: Middleware = {
  async onRequest({ request }) {
    const headers = await antiforgery.headersFor(request.method);
    for (const [name, value] of Object.entries(headers)) request.headers.set(name, value);
    request.headers.set("Accept-Language", acceptLanguage);
    if (!request.headers.has("Accept")) request.headers.set("Accept", "application/json");
    return request;
  },
};

export const api = createClient<paths>({
  baseUrl: globalThis.location.origin,
  credentials: "same-origin",
});
api.use(requestMiddleware);

interface FetchResult<D> {
  data?: D;
  error?: unknown;
  response: Response;
}

function isAntiforgeryFailure(status: number, problem: unknown): boolean {
  return status === 400 && isProblemDetails(problem) && !problem.errors && /antiforgery/i.test(problem.title ?? "");
}

async function send<D>(call: () => Promise<FetchResult<D>>): Promise<FetchResult<D>> {
  try {
    return await call();
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new ApiError(0, null);
  }
}

/**
 * Runs an openapi-fetch call and returns its data, or throws an ApiError with the server's problem.
 * A write refused for a stale antiforgery token (another tab signed in as someone else, say) is
 * retried once with a fresh token.
 */
export async function unwrap<D>(call: () => Promise<FetchResult<D>>): Promise<D> {
  let result = await send(call);
  if (isAntiforgeryFailure(result.response.status, result.error)) {
    document.cookie = `${XSRF_COOKIE}=; Max-Age=0; Path=/; SameSite=Strict`;
    result = await send(call);
  }
  const { response } = result;
  if (response.ok) return result.data as D;
  const problem = isProblemDetails(result.error) ? result.error : null;
  throw new ApiError(response.status, problem, parseRetryAfter(response.headers.get("Retry-After")));
}
