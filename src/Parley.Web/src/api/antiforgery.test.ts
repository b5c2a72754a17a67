import { describe, expect, it, vi } from "vitest";
import { createAntiforgery, needsAntiforgery, readCookie, XSRF_HEADER } from "./antiforgery";

describe("readCookie", () => {
  it("finds a cookie among others and decodes it", () => {
    expect(readCookie("a=1; XSRF-TOKEN=CfDJ8abc%2Bdef; b=2", "XSRF-TOKEN")).toBe("CfDJ8abc+def");
    expect(readCookie("XSRF-TOKEN=tok", "XSRF-TOKEN")).toBe("tok");
  });

  it("does not match on a suffix or prefix of another name", () => {
    expect(readCookie("MY-XSRF-TOKEN=no; XSRF-TOKEN-2=no", "XSRF-TOKEN")).toBeNull();
  });

  it("returns null when missing or empty", () => {
    expect(readCookie("", "XSRF-TOKEN")).toBeNull();
    expect(readCookie("XSRF-TOKEN=", "XSRF-TOKEN")).toBeNull();
  });

  it("keeps a value that is not valid percent-encoding", () => {
    expect(readCookie("XSRF-TOKEN=a%zz", "XSRF-TOKEN")).toBe("a%zz");
  });
});

describe("needsAntiforgery", () => {
  it("is true for writes only", () => {
    for (const m of ["POST", "put", "PATCH", "DELETE"]) expect(needsAntiforgery(m)).toBe(true);
    for (const m of ["GET", "head", "OPTIONS"]) expect(needsAntiforgery(m)).toBe(false);
  });
});

describe("createAntiforgery", () => {
  it("adds nothing to reads and never fetches for them", async () => {
    const fetchToken = vi.fn(() => Promise.resolve());
    const af = createAntiforgery({ readCookies: () => "", fetchToken });
    expect(await af.headersFor("GET")).toEqual({});
    expect(fetchToken).not.toHaveBeenCalled();
  });

  it("sends the cookie value as the header on writes", async () => {
    const af = createAntiforgery({ readCookies: () => "XSRF-TOKEN=abc", fetchToken: vi.fn() });
    expect(await af.headersFor("POST")).toEqual({ [XSRF_HEADER]: "abc" });
  });

  it("reads the cookie fresh before each write", async () => {
    let cookies = "XSRF-TOKEN=before-login";
    const af = createAntiforgery({ readCookies: () => cookies, fetchToken: vi.fn() });
    expect(await af.headersFor("POST")).toEqual({ [XSRF_HEADER]: "before-login" });
    cookies = "XSRF-TOKEN=after-login";
    expect(await af.headersFor("PATCH")).toEqual({ [XSRF_HEADER]: "after-login" });
  });

  it("fetches a token when the cookie is missing, once for concurrent writes", async () => {
    let cookies = "";
    const fetchToken = vi.fn(async () => {
      await Promise.resolve();
      cookies = "XSRF-TOKEN=fresh";
    });
    const af = createAntiforgery({ readCookies: () => cookies, fetchToken });
    const [a, b] = await Promise.all([af.headersFor("POST"), af.headersFor("DELETE")]);
    expect(a).toEqual({ [XSRF_HEADER]: "fresh" });
    expect(b).toEqual({ [XSRF_HEADER]: "fresh" });
    expect(fetchToken).toHaveBeenCalledTimes(1);
  });

  it("fetches again later if the cookie disappears (after logout)", async () => {
    let cookies = "";
    let n = 0;
    const fetchToken = vi.fn(() => {
      n += 1;
      cookies = `XSRF-TOKEN=t${n}`;
      return Promise.resolve();
    });
    const af = createAntiforgery({ readCookies: () => cookies, fetchToken });
    expect(await af.headersFor("POST")).toEqual({ [XSRF_HEADER]: "t1" });
    cookies = "";
    expect(await af.headersFor("POST")).toEqual({ [XSRF_HEADER]: "t2" });
    expect(fetchToken).toHaveBeenCalledTimes(2);
  });

  it("sends no header rather than failing when the server gives no cookie", async () => {
    const af = createAntiforgery({ readCookies: () => "", fetchToken: () => Promise.resolve() });
    expect(await af.headersFor("POST")).toEqual({});
  });
});
