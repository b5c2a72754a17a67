// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { json, renderPage, type Handler } from "../../test/render";

// openapi-fetch keeps the fetch it was created with, so the stub must exist before the client loads.
const server = vi.hoisted(() => {
  const state = { handler: null as null | ((request: Request) => Response | Promise<Response>), requests: [] as Request[] };
  globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(new URL(String(input), "http://localhost:3000"), init);
    state.requests.push(request.clone());
    if (!state.handler) throw new Error(`unexpected request ${request.method} ${request.url}`);
    return Promise.resolve(state.handler(request));
  });
  return state;
});

const { LoginPage } = await import("./LoginPage");
const { RegisterPage } = await import("./RegisterPage");

function serve(handler: Handler) {
  server.handler = handler;
}

beforeEach(() => {
  server.requests.length = 0;
  document.cookie = "XSRF-TOKEN=test-token; path=/";
});

afterEach(() => {
  cleanup();
  server.handler = null;
});

describe("LoginPage", () => {
  it("sends the antiforgery header and shows a general error on 401", async () => {
    serve((req) => {
      if (req.url.endsWith("/api/v1/auth/login")) return json(401, { title: "Wrong username or password.", status: 401 });
      throw new Error(req.url);
    });
    renderPage(<LoginPage />, "/login");
    fireEvent.change(screen.getByTestId("login-username"), { target: { value: "anna" } });
    fireEvent.change(screen.getByTestId("login-password"), { target: { value: "not-my-password" } });
    fireEvent.click(screen.getByTestId("login-submit"));
    expect(await screen.findByTestId("form-error")).toHaveProperty("textContent", "Wrong username or password.");
    const login = server.requests.find((r) => r.url.endsWith("/auth/login"));
    expect(login?.headers.get("X-XSRF-TOKEN")).toBe("test-token");
    expect(await login?.json()).toEqual({ login: "anna", password: "not-my-password" });
  });

  it("says how long to wait when rate limited", async () => {
    serve(() => json(429, { title: "Too many requests", status: 429 }, { "Retry-After": "30" }));
    renderPage(<LoginPage />, "/login");
    fireEvent.change(screen.getByTestId("login-username"), { target: { value: "anna" } });
    fireEvent.change(screen.getByTestId("login-password"), { target: { value: "whatever1" } });
    fireEvent.click(screen.getByTestId("login-submit"));
    expect((await screen.findByTestId("form-error")).textContent).toBe("Too many attempts. Try again in 30 seconds.");
  });

  it("does not call the server with empty fields", () => {
    serve(() => {
      throw new Error("no request expected");
    });
    renderPage(<LoginPage />, "/login");
    fireEvent.click(screen.getByTestId("login-submit"));
    expect(screen.getAllByTestId("field-error")).toHaveLength(2);
    expect(server.requests).toHaveLength(0);
  });
});

describe("RegisterPage", () => {
  it("checks the username after a pause and offers suggestions that can be picked", async () => {
    serve((req) => {
      const url = new URL(req.url);
      if (url.pathname === "/api/v1/auth/username-availability") {
        const name = url.searchParams.get("username");
        return name === "anna"
          ? json(200, { available: false, suggestions: ["anna42", "anna_7"] })
          : json(200, { available: true, suggestions: [] });
      }
      throw new Error(req.url);
    });
    renderPage(<RegisterPage />, "/register");
    fireEvent.change(screen.getByTestId("register-username"), { target: { value: "anna" } });
    await waitFor(() => {
      expect(screen.getByTestId("username-status").dataset.state).toBe("taken");
    });
    const suggestions = screen.getAllByTestId("username-suggestion");
    expect(suggestions.map((s) => s.textContent)).toEqual(["anna42", "anna_7"]);
    fireEvent.click(suggestions[0]!);
    expect(screen.getByTestId<HTMLInputElement>("register-username").value).toBe("anna42");
    await waitFor(() => {
      expect(screen.getByTestId("username-status").dataset.state).toBe("available");
    });
  });

  it("shows a bad format at once, without asking the server", async () => {
    serve(() => {
      throw new Error("no request expected");
    });
    renderPage(<RegisterPage />, "/register");
    fireEvent.change(screen.getByTestId("register-username"), { target: { value: "bad name!" } });
    const status = await screen.findByTestId("username-status");
    expect(status.dataset.state).toBe("invalid");
    expect(server.requests).toHaveLength(0);
  });

  it("puts the server's field errors under the right fields", async () => {
    serve((req) => {
      const url = new URL(req.url);
      if (url.pathname === "/api/v1/auth/username-availability") return json(200, { available: true, suggestions: [] });
      if (url.pathname === "/api/v1/auth/register") {
        return json(400, {
          title: "One or more validation errors occurred.",
          status: 400,
          errors: { email: ["This email is already registered."], password: ["Passwords must have at least one digit."] },
        });
      }
      throw new Error(req.url);
    });
    renderPage(<RegisterPage />, "/register");
    fireEvent.change(screen.getByTestId("register-username"), { target: { value: "anna" } });
    fireEvent.change(screen.getByTestId("register-email"), { target: { value: "anna@example.com" } });
    fireEvent.change(screen.getByTestId("register-password"), { target: { value: "Correct-Horse-Battery" } });
    fireEvent.click(screen.getByTestId("register-submit"));
    await waitFor(() => {
      expect(screen.getAllByTestId("field-error")).toHaveLength(2);
    });
    const email = screen.getByTestId("register-email");
    const password = screen.getByTestId("register-password");
    expect(email.getAttribute("aria-invalid")).toBe("true");
    expect(document.getElementById(email.getAttribute("aria-describedby")!.split(" ")[0]!)?.textContent).toBe(
      "This email is already registered.",
    );
    expect(password.getAttribute("aria-invalid")).toBe("true");
    const register = server.requests.find((r) => r.url.endsWith("/auth/register"));
    expect(await register?.json()).toEqual({ username: "anna", password: "Correct-Horse-Battery", email: "anna@example.com", displayName: null });
  });

  it("marks the name taken with the server's suggestions on 409", async () => {
    serve((req) => {
      const url = new URL(req.url);
      if (url.pathname === "/api/v1/auth/username-availability") return json(200, { available: true, suggestions: [] });
      return json(409, { title: "Username taken", status: 409, suggestions: ["anna.1"] });
    });
    renderPage(<RegisterPage />, "/register");
    fireEvent.change(screen.getByTestId("register-username"), { target: { value: "anna" } });
    fireEvent.change(screen.getByTestId("register-password"), { target: { value: "Correct-Horse-Battery" } });
    await waitFor(() => {
      expect(screen.getByTestId("username-status").dataset.state).toBe("available");
    });
    fireEvent.click(screen.getByTestId("register-submit"));
    await waitFor(() => {
      expect(screen.getByTestId("username-status").dataset.state).toBe("taken");
    });
    expect(screen.getByTestId("username-suggestion").textContent).toBe("anna.1");
  });
});
