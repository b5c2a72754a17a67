// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { json, renderPage } from "../../test/render";

const server = vi.hoisted(() => {
  const state = { searches: [] as URLSearchParams[] };
  const user = { id: "1", username: "anna", displayName: "Anna", avatarUrl: null };
  const boris = { id: "2", username: "boris", displayName: "Boris", avatarUrl: null, presence: "offline", lastSeenAt: null };
  const hit = (id: string, snippet: string, highlights: { start: number; length: number }[]) => ({
    message: { id, channelId: "10", author: user, content: snippet, createdAt: "2026-01-01T10:00:00Z" },
    snippet,
    highlights,
  });
  globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit) => Promise.resolve(answer(input instanceof Request ? input : new Request(new URL(String(input), "http://localhost:3000"), init)));
  function answer(request: Request): Response {
    const url = new URL(request.url);
    switch (url.pathname) {
      case "/api/v1/users/me":
        return json(200, { ...user, email: null });
      case "/api/v1/users/me/channels":
        return json(200, [{ id: "10", type: "direct", name: null, ownerId: null, recipients: [boris], lastMessage: null, lastReadId: "0", unreadCount: 0, mentionCount: 0, muted: false, mutedUntil: null, draft: null, createdAt: "2026-01-01T00:00:00Z" }]);
      case "/api/v1/users/me/servers":
        return json(200, []);
      case "/api/v1/search/messages": {
        state.searches.push(url.searchParams);
        if (url.searchParams.get("q") === "dogs") return json(200, { totalCount: 1000, totalIsLowerBound: true, messages: [hit("100", "dogs", [{ start: 0, length: 4 }])], nextCursor: "100" });
        if (url.searchParams.get("cursor") === "100") return json(200, { totalCount: 2, messages: [hit("90", "older cats", [{ start: 6, length: 4 }])], nextCursor: null });
        return json(200, { totalCount: 2, messages: [hit("100", "<b>cats</b> & CATS", [{ start: 3, length: 4 }, { start: 14, length: 4 }])], nextCursor: "100" });
      }
    }
    throw new Error(`unexpected ${request.method} ${url.pathname}`);
  }
  return state;
});

const { MessageResults } = await import("./MessageResults");

beforeEach(() => {
  server.searches.length = 0;
});

afterEach(() => {
  cleanup();
});

describe("MessageResults", () => {
  it("shows the count and the snippets with the terms marked, as text", async () => {
    renderPage(<MessageResults q="cats" scope={{ kind: "server", serverId: "7" }} />, "/");
    const result = await screen.findByTestId("search-result");
    expect(screen.getByTestId("search-total").textContent).toBe("2 results");
    expect([...result.querySelectorAll("mark")].map((m) => m.textContent)).toEqual(["cats", "CATS"]);
    expect(result.querySelector("b")).toBeNull();
    expect(screen.getByTestId("search-snippet").textContent).toBe("<b>cats</b> & CATS");
    await waitFor(() => {
      expect(result.textContent).toContain("Boris");
    });
    expect(server.searches[0]?.get("serverId")).toBe("7");
    expect(server.searches[0]?.get("sort")).toBe("newest");
  });

  it("shows a capped count as a lower bound", async () => {
    renderPage(<MessageResults q="dogs" scope={{ kind: "all" }} />, "/");
    await screen.findByTestId("search-result");
    expect(screen.getByTestId("search-total").textContent).toBe("1,000+ results");
  });

  it("loads more results with the cursor and sorts by relevance on request", async () => {
    renderPage(<MessageResults q="cats" scope={{ kind: "all" }} />, "/");
    await screen.findByTestId("search-result");
    fireEvent.click(screen.getByTestId("search-more"));
    await waitFor(() => {
      expect(screen.getAllByTestId("search-result")).toHaveLength(2);
    });
    expect(server.searches.at(-1)?.get("cursor")).toBe("100");
    expect(screen.queryByTestId("search-more")).toBeNull();

    fireEvent.click(screen.getByTestId("search-sort-relevance"));
    await waitFor(() => {
      expect(server.searches.at(-1)?.get("sort")).toBe("relevance");
    });
    fireEvent.click(screen.getByTestId("search-sort-newest"));
  });

  it("opens the chat at the message", async () => {
    renderPage(<MessageResults q="cats" scope={{ kind: "all" }} />, "/");
    fireEvent.click(await screen.findByTestId("search-result"));
    expect(await screen.findByTestId("navigated-away")).toBeTruthy();
  });
});
