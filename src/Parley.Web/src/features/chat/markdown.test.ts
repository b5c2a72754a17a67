import { describe, expect, it } from "vitest";
import { isEmojiOnly, parseInline, parseMarkdown, safeHref, toPlainText, type Block, type Inline } from "./markdown";

const text = (t: string): Inline => ({ type: "text", text: t });
const para = (...children: Inline[]): Block => ({ type: "paragraph", children });

/** Every text the tree would put on screen, for "comes out as plain text" checks. */
function allText(nodes: Inline[]): string {
  return nodes
    .map((n) => {
      switch (n.type) {
        case "text":
        case "code":
        case "link":
          return n.text;
        case "mention":
          return `@${n.username}`;
        case "emoji":
          return n.emoji;
        case "customEmoji":
          return `:${n.name}:`;
        default:
          return allText(n.children);
      }
    })
    .join("");
}

function links(nodes: Inline[]): string[] {
  return nodes.flatMap((n) => (n.type === "link" ? [n.href] : "children" in n ? links(n.children) : []));
}

describe("inline markup", () => {
  it("leaves plain text alone", () => {
    expect(parseInline("hello world")).toEqual([text("hello world")]);
  });

  it("reads bold, italic, strike, code and spoilers", () => {
    expect(parseInline("**bold**")).toEqual([{ type: "bold", children: [text("bold")] }]);
    expect(parseInline("__bold__")).toEqual([{ type: "bold", children: [text("bold")] }]);
    expect(parseInline("*it*")).toEqual([{ type: "italic", children: [text("it")] }]);
    expect(parseInline("_it_")).toEqual([{ type: "italic", children: [text("it")] }]);
    expect(parseInline("~~gone~~")).toEqual([{ type: "strike", children: [text("gone")] }]);
    expect(parseInline("`x = 1`")).toEqual([{ type: "code", text: "x = 1" }]);
    expect(parseInline("||secret||")).toEqual([{ type: "spoiler", children: [text("secret")] }]);
  });

  it("nests emphasis", () => {
    expect(parseInline("**bold _and italic_**")).toEqual([
      { type: "bold", children: [text("bold "), { type: "italic", children: [text("and italic")] }] },
    ]);
    expect(parseInline("*a **b** c*")).toEqual([{ type: "italic", children: [text("a "), { type: "bold", children: [text("b")] }, text(" c")] }]);
  });

  it("keeps markup characters that do not close as text", () => {
    expect(parseInline("2 * 3 * 4")).toEqual([text("2 * 3 * 4")]);
    expect(parseInline("**open")).toEqual([text("**open")]);
    expect(parseInline("a ` b")).toEqual([text("a ` b")]);
    expect(parseInline("** spaced **")).toEqual([text("** spaced **")]);
  });

  it("does not read snake_case as italic", () => {
    expect(parseInline("snake_case_name")).toEqual([text("snake_case_name")]);
  });

  it("does not parse markup inside code", () => {
    expect(parseInline("`**not bold** <b>`")).toEqual([{ type: "code", text: "**not bold** <b>" }]);
  });

  it("honours backslash escapes", () => {
    expect(parseInline("\\*not italic\\*")).toEqual([text("*not italic*")]);
  });

  it("reads [text](url) links for http and https", () => {
    expect(parseInline("[site](https://example.com/a?b=1)")).toEqual([{ type: "link", href: "https://example.com/a?b=1", text: "site" }]);
    expect(parseInline("[x](http://example.com)")).toEqual([{ type: "link", href: "http://example.com/", text: "x" }]);
  });

  it("linkifies bare URLs and drops trailing punctuation", () => {
    expect(parseInline("see https://example.com/page.")).toEqual([text("see "), { type: "link", href: "https://example.com/page", text: "https://example.com/page" }, text(".")]);
    expect(parseInline("(https://en.wikipedia.org/wiki/Foo_(bar))")).toEqual([
      text("("),
      { type: "link", href: "https://en.wikipedia.org/wiki/Foo_(bar)", text: "https://en.wikipedia.org/wiki/Foo_(bar)" },
      text(")"),
    ]);
  });

  it("reads @mentions but not e-mail addresses", () => {
    expect(parseInline("hi @anna_k!")).toEqual([text("hi "), { type: "mention", username: "anna_k" }, text("!")]);
    expect(parseInline("mail me@example.com")).toEqual([text("mail me@example.com")]);
    expect(parseInline("@анна привет")).toEqual([{ type: "mention", username: "анна" }, text(" привет")]);
  });

  it("turns known :shortcodes: into emoji and leaves unknown ones", () => {
    expect(parseInline(":thumbsup: ok")).toEqual([{ type: "emoji", emoji: "👍", code: "thumbsup" }, text(" ok")]);
    expect(parseInline(":not_an_emoji:")).toEqual([text(":not_an_emoji:")]);
    expect(parseInline("at 10:30:45")).toEqual([text("at 10:30:45")]);
  });
});

describe("blocks", () => {
  it("keeps newlines inside a paragraph", () => {
    expect(parseMarkdown("one\ntwo")).toEqual([para(text("one\ntwo"))]);
  });

  it("reads > quotes", () => {
    expect(parseMarkdown("> quoted\n> more\nafter")).toEqual([
      { type: "quote", children: [text("quoted\nmore")] },
      para(text("after")),
    ]);
  });

  it("reads fenced code blocks with or without a language", () => {
    expect(parseMarkdown("```ts\nconst a = 1;\n```")).toEqual([{ type: "codeblock", language: "ts", text: "const a = 1;" }]);
    expect(parseMarkdown("before\n```\n**raw**\n```\nafter")).toEqual([
      para(text("before\n")),
      { type: "codeblock", language: null, text: "**raw**" },
      para(text("after")),
    ]);
    expect(parseMarkdown("```inline code```")).toEqual([{ type: "codeblock", language: null, text: "inline code" }]);
  });

  it("leaves an unclosed fence as text", () => {
    expect(parseMarkdown("```\nno end")).toEqual([para(text("```\nno end"))]);
  });
});

describe("safety", () => {
  it("never produces javascript:, data: or vbscript: links", () => {
    const attempts = [
      "[click](javascript:alert(1))",
      "[click](JavaScript:alert(1))",
      "[click](  javascript:alert(1))",
      "[x](data:text/html;base64,PHNjcmlwdD4=)",
      "[x](vbscript:msgbox)",
      "javascript:alert(1)",
      "[x](//evil.example.com)",
      "[x](java\tscript:alert(1))",
    ];
    for (const attempt of attempts) {
      const nodes = parseInline(attempt);
      for (const href of links(nodes)) expect(href, attempt).toMatch(/^https?:\/\//);
    }
    expect(links(parseInline("[click](javascript:alert(1))"))).toEqual([]);
  });

  it("keeps HTML as text", () => {
    const nodes = parseInline('<script>alert("x")</script><img src=x onerror=alert(1)>');
    expect(nodes).toEqual([text('<script>alert("x")</script><img src=x onerror=alert(1)>')]);
  });

  it("keeps entities as text, undecoded", () => {
    expect(parseInline("&lt;b&gt;hi&lt;/b&gt; &#106;avascript")).toEqual([text("&lt;b&gt;hi&lt;/b&gt; &#106;avascript")]);
  });

  it("does not let a link's text smuggle markup", () => {
    const nodes = parseInline('[<img src=x onerror=alert(1)>](https://example.com)');
    expect(nodes).toEqual([{ type: "link", href: "https://example.com/", text: "<img src=x onerror=alert(1)>" }]);
  });

  it("rejects URLs that only look like http", () => {
    expect(safeHref("http://")).toBeNull();
    expect(safeHref("https://exa mple.com")).toBeNull();
    expect(safeHref("ftp://example.com")).toBeNull();
    expect(safeHref("https://example.com/\"onmouseover=alert(1)")).toMatch(/^https:\/\/example\.com\//);
  });

  it("survives deep nesting and long runs of markers", () => {
    const deep = "**".repeat(200) + "x" + "**".repeat(200);
    expect(allText(parseInline(deep)).includes("x")).toBe(true);
    const started = performance.now();
    const stars = "*".repeat(3000) + "_".repeat(1000) + "||".repeat(500);
    expect(allText(parseInline(stars)).length).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe("plain text and emoji-only", () => {
  it("strips markup for previews and hides spoilers", () => {
    expect(toPlainText("**Hi** _there_\n> quote ||secret||")).toBe("Hi there quote ▒▒▒▒");
  });

  it("recognises short emoji-only messages", () => {
    expect(isEmojiOnly("👍")).toBe(true);
    expect(isEmojiOnly("❤️🔥")).toBe(true);
    expect(isEmojiOnly("hi 👍")).toBe(false);
    expect(isEmojiOnly("👍👍👍👍")).toBe(false);
  });
});
