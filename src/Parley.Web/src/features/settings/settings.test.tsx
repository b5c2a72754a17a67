// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { json, renderPage } from "../../test/render";

const server = vi.hoisted(() => {
  const state = {
    requests: [] as { method: string; path: string; body: unknown; xsrf: string | null }[],
    settings: {} as Record<string, unknown>,
  };
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(new URL(String(input), "http://localhost:3000"), init);
    const path = new URL(request.url).pathname;
    const text = await request.text();
    state.requests.push({ method: request.method, path, body: text ? JSON.parse(text) : null, xsrf: request.headers.get("X-XSRF-TOKEN") });
    if (path === "/api/v1/auth/antiforgery") {
      document.cookie = "XSRF-TOKEN=fresh; path=/";
      return new Response(null, { status: 204 });
    }
    if (path === "/api/v1/users/me/settings") {
      // A tiny stand-in for the server: nulls mean "unchanged".
      const body = (state.requests.at(-1)?.body ?? {}) as Record<string, Record<string, unknown> | string | null>;
      if (request.method === "PATCH") {
        for (const [key, value] of Object.entries(body)) {
          if (value === null) continue;
          if (typeof value === "object") {
            const target = state.settings[key] as Record<string, unknown>;
            for (const [k, v] of Object.entries(value)) if (v !== null) target[k] = v;
          } else state.settings[key] = value;
        }
      }
      return json(200, state.settings);
    }
    throw new Error(`unexpected ${request.method} ${path}`);
  });
  return state;
});

const { AppearanceSection } = await import("./AppearanceSection");
const { LanguageSection } = await import("./LanguageSection");
const { PrivacySection } = await import("./PrivacySection");

beforeEach(() => {
  server.requests.length = 0;
  server.settings = {
    theme: "auto",
    language: "en",
    notifications: { enabled: true, sound: true, showPreview: true },
    privacy: { lastSeen: "everyone", onlineStatus: "everyone", directMessages: "everyone", readReceipts: true },
  };
  document.cookie = "XSRF-TOKEN=; Max-Age=0; path=/";
  vi.stubGlobal("matchMedia", (query: string) => ({
    matches: false,
    media: query,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  }));
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("settings sections", () => {
  it("applies a theme on click, before the server answers, and saves only the theme", async () => {
    renderPage(<AppearanceSection />, "/settings/appearance");
    fireEvent.click(screen.getByTestId("theme-dark").querySelector("input")!);
    expect(document.documentElement.dataset.theme).toBe("dark");
    expect(window.localStorage.getItem("parley.theme")).toBe("dark");
    await waitFor(() => {
      expect(server.requests.some((r) => r.method === "PATCH")).toBe(true);
    });
    const patch = server.requests.find((r) => r.method === "PATCH")!;
    expect(patch.body).toEqual({ theme: "dark", language: null, notifications: null, privacy: null });
    // No cookie at first: the client asked for one, then sent it.
    expect(server.requests[0]?.path).toBe("/api/v1/auth/antiforgery");
    expect(patch.xsrf).toBe("fresh");
  });

  it("switches every string and <html lang> at once when the language changes", async () => {
    renderPage(<LanguageSection />, "/settings/language");
    expect(screen.getByText("Interface language")).toBeTruthy();
    fireEvent.click(screen.getByTestId("language-ru").querySelector("input")!);
    expect(await screen.findByText("Язык интерфейса")).toBeTruthy();
    expect(document.documentElement.lang).toBe("ru");
    await waitFor(() => {
      expect(server.requests.find((r) => r.method === "PATCH")?.body).toMatchObject({ language: "ru", theme: null });
    });
    fireEvent.click(screen.getByTestId("language-en").querySelector("input")!);
    expect(await screen.findByText("Interface language")).toBeTruthy();
  });

  it("sends a privacy change as a partial nested update", async () => {
    renderPage(<PrivacySection />, "/settings/privacy");
    const nobody = await screen.findByTestId("privacy-lastSeen-nobody");
    fireEvent.click(nobody.querySelector("input")!);
    await waitFor(() => {
      expect(server.requests.find((r) => r.method === "PATCH")?.body).toEqual({
        theme: null,
        language: null,
        notifications: null,
        privacy: { lastSeen: "nobody", onlineStatus: null, directMessages: null, readReceipts: null },
      });
    });
    expect(nobody.className).toContain("choice--checked");
  });
});
