// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { json, renderPage } from "../../test/render";

const server = vi.hoisted(() => {
  const state = { requests: [] as { method: string; path: string; body: Record<string, unknown> | null }[] };
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(new URL(String(input), "http://localhost:3000"), init);
    const path = new URL(request.url).pathname;
    const text = await request.text();
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : null;
    state.requests.push({ method: request.method, path, body });
    if (path === "/api/v1/auth/antiforgery") {
      document.cookie = "XSRF-TOKEN=fresh; path=/";
      return new Response(null, { status: 204 });
    }
    if (path === "/api/v1/users/me" && request.method === "GET") {
      return json(200, {
        id: "1",
        username: "anna",
        email: null,
        displayName: "Anna",
        bio: null,
        statusText: null,
        presence: "online",
        createdAt: "2026-01-01T00:00:00Z",
        avatarUrl: null,
      });
    }
    if (path === "/api/v1/auth/password") {
      if (body?.currentPassword === "wrong password") {
        return json(400, { status: 400, title: "One or more validation errors occurred.", errors: { currentPassword: ["The current password is wrong."] } });
      }
      return new Response(null, { status: 204 });
    }
    if (path === "/api/v1/users/me" && request.method === "DELETE") {
      if (body?.password === "owner password") {
        return json(409, { status: 409, title: "Transfer or delete your servers first.", servers: [{ id: "9", name: "Chess club" }] });
      }
      return new Response(null, { status: 204 });
    }
    throw new Error(`unexpected ${request.method} ${path}`);
  });
  return state;
});

const { SecuritySection } = await import("./SecuritySection");

function fill(testId: string, value: string) {
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
}

beforeEach(() => {
  server.requests.length = 0;
  document.cookie = "XSRF-TOKEN=; Max-Age=0; path=/";
});

afterEach(() => {
  cleanup();
});

describe("security section", () => {
  it("checks the form before sending anything", async () => {
    renderPage(<SecuritySection />, "/settings/security");
    fill("password-current", "old secret words");
    fill("password-new", "a brand new passphrase");
    fill("password-confirm", "a brand new passfrase");
    fireEvent.click(screen.getByTestId("password-submit"));

    expect(await screen.findByText("The passwords don't match.")).toBeTruthy();
    expect(server.requests.some((r) => r.path === "/api/v1/auth/password")).toBe(false);
  });

  it("shows the server's refusal on the current password's field, then the success message", async () => {
    renderPage(<SecuritySection />, "/settings/security");
    fill("password-current", "wrong password");
    fill("password-new", "a brand new passphrase");
    fill("password-confirm", "a brand new passphrase");
    fireEvent.click(screen.getByTestId("password-revoke-tokens"));
    fireEvent.click(screen.getByTestId("password-submit"));

    expect(await screen.findByText("The current password is wrong.")).toBeTruthy();
    expect(server.requests.find((r) => r.path === "/api/v1/auth/password")?.body).toEqual({
      currentPassword: "wrong password",
      newPassword: "a brand new passphrase",
      revokeTokens: true,
    });

    fill("password-current", "old secret words");
    expect(screen.queryByText("The current password is wrong.")).toBeNull();
    fireEvent.click(screen.getByTestId("password-submit"));
    expect(await screen.findByTestId("password-changed")).toBeTruthy();
    expect(screen.getByTestId<HTMLInputElement>("password-current").value).toBe("");
  });

  it("names the servers an owner must hand over, and leaves for sign-in once deleted", async () => {
    renderPage(<SecuritySection />, "/settings/security");
    fireEvent.click(screen.getByTestId("delete-account"));
    fill("delete-account-password", "owner password");
    fireEvent.click(screen.getByTestId("delete-account-confirm"));

    expect(await screen.findByText(/You own these servers: Chess club\./)).toBeTruthy();

    fill("delete-account-password", "right password");
    fireEvent.click(screen.getByTestId("delete-account-confirm"));
    await waitFor(() => {
      expect(screen.getByTestId("navigated-away")).toBeTruthy();
    });
    expect(server.requests.filter((r) => r.method === "DELETE").map((r) => r.body)).toEqual([{ password: "owner password" }, { password: "right password" }]);
  });
});
