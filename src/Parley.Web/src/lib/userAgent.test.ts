import { describe, expect, it } from "vitest";
import { parseUserAgent } from "./userAgent";

describe("parseUserAgent", () => {
  it("recognises desktop browsers", () => {
    expect(
      parseUserAgent("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.109 Safari/537.36"),
    ).toEqual({ browser: "Chrome 120", os: "Windows", kind: "desktop" });
    expect(parseUserAgent("Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0")).toEqual({
      browser: "Firefox 121",
      os: "Linux",
      kind: "desktop",
    });
    expect(
      parseUserAgent(
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15",
      ),
    ).toEqual({ browser: "Safari 17", os: "macOS", kind: "desktop" });
  });

  it("tells Edge and Opera apart from the Chrome they contain", () => {
    expect(
      parseUserAgent("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91")
        .browser,
    ).toBe("Edge 120");
    expect(
      parseUserAgent("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36 OPR/105.0.0.0")
        .browser,
    ).toBe("Opera 105");
  });

  it("recognises phones and tablets", () => {
    expect(
      parseUserAgent(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1",
      ),
    ).toEqual({ browser: "Safari 17", os: "iOS 17", kind: "phone" });
    expect(
      parseUserAgent("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36"),
    ).toEqual({ browser: "Chrome 120", os: "Android 14", kind: "phone" });
    expect(
      parseUserAgent("Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36").kind,
    ).toBe("tablet");
  });

  it("recognises command-line clients", () => {
    expect(parseUserAgent("Parley.Cli/1.4.0 (.NET 10.0)")).toEqual({ browser: "Parley CLI 1", os: null, kind: "cli" });
    expect(parseUserAgent("curl/8.5.0")).toEqual({ browser: "curl 8", os: null, kind: "cli" });
  });

  it("copes with missing or strange user agents", () => {
    expect(parseUserAgent(null)).toEqual({ browser: null, os: null, kind: "unknown" });
    expect(parseUserAgent("")).toEqual({ browser: null, os: null, kind: "unknown" });
    expect(parseUserAgent("SomethingElse/1.0")).toEqual({ browser: null, os: null, kind: "unknown" });
  });
});
