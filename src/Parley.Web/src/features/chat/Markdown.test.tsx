// @vitest-environment jsdom
import { render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import "../../i18n";
import { Markdown } from "./Markdown";

describe("<Markdown>", () => {
  it("renders markup as elements and never as HTML", () => {
    const { container } = render(<Markdown text={'**b** <script>alert(1)</script> <img src=x onerror="alert(1)">'} />);
    expect(container.querySelector("strong")?.textContent).toBe("b");
    expect(container.querySelector("script")).toBeNull();
    expect(container.querySelector("img")).toBeNull();
    expect(container.textContent).toContain("<script>alert(1)</script>");
  });

  it("renders safe links that open in a new tab without referrer or opener", () => {
    const { container } = render(<Markdown text="go to https://example.com or [evil](javascript:alert(1))" />);
    const anchors = container.querySelectorAll("a");
    expect(anchors).toHaveLength(1);
    expect(anchors[0]?.getAttribute("href")).toBe("https://example.com/");
    expect(anchors[0]?.getAttribute("rel")).toBe("noopener noreferrer nofollow");
    expect(anchors[0]?.getAttribute("target")).toBe("_blank");
    expect(container.textContent).toContain("[evil](javascript:alert(1))");
  });

  it("highlights a mention of me", () => {
    const { container } = render(<Markdown text="hey @Anna and @boris" me="anna" />);
    const mentions = container.querySelectorAll(".md-mention");
    expect(mentions).toHaveLength(2);
    expect(mentions[0]?.classList.contains("md-mention--me")).toBe(true);
    expect(mentions[1]?.classList.contains("md-mention--me")).toBe(false);
  });

  it("shows HTML entities literally", () => {
    const { container } = render(<Markdown text={"&lt;b&gt; &amp;"} />);
    expect(container.textContent).toBe("&lt;b&gt; &amp;");
  });
});
