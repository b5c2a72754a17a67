export const XSRF_COOKIE = "XSRF-TOKEN";
export const XSRF_HEADER = "X-XSRF-TOKEN";
export const ANTIFORGERY_PATH = "/api/v1/auth/antiforgery";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS", "TRACE"]);

/** POST, PUT, PATCH and DELETE change state and so need the antiforgery header. */
export function needsAntiforgery(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/** The value of one cookie from a `document.cookie` string, or null. */
export function readCookie(cookieString: string, name: string): string | null {
  for (const part of cookieString.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim();
    if (raw === "") return null;
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return null;
}

export interface AntiforgeryDeps {
  /** Reads the cookies as they are now (document.cookie). */
  readCookies: () => string;
  /** Asks the server for a token (GET /api/v1/auth/antiforgery sets the cookie). */
  fetchToken: () => Promise<void>;
}

/**
 * Returns the header a write must carry. The cookie is read fresh on every call, because the server
 * replaces it after register, login and logout. When there is no cookie, the server is asked for one
 * (once, however many writes are waiting).
 */
export function createAntiforgery(deps: AntiforgeryDeps) {
  let pending: Promise<void> | null = null;

  async function token(): Promise<string | null> {
    const current = readCookie(deps.readCookies(), XSRF_COOKIE);
    if (current) return current;
    pending ??= deps.fetchToken().finally(() => {
      pending = null;
    });
    await pending;
    return readCookie(deps.readCookies(), XSRF_COOKIE);
  }

  return {
    async headersFor(method: string): Promise<Record<string, string>> {
      if (!needsAntiforgery(method)) return {};
      const value = await token();
      return value ? { [XSRF_HEADER]: value } : {};
    },
  };
}
