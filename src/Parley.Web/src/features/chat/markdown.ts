import { SHORTCODES } from "./emojiData";

/**
 * A small, safe Markdown subset for messages. The parser builds a tree that is rendered as React elements: nothing
 * is ever turned into HTML, so any "<script>" or entity in the text stays text. Links are http(s) only.
 */
export type Inline =
  | { type: "text"; text: string }
  | { type: "bold"; children: Inline[] }
  | { type: "italic"; children: Inline[] }
  | { type: "strike"; children: Inline[] }
  | { type: "spoiler"; children: Inline[] }
  | { type: "code"; text: string }
  | { type: "link"; href: string; text: string }
  | { type: "mention"; username: string }
  | { type: "emoji"; emoji: string; code: string }
  | { type: "customEmoji"; name: string; id: string; animated: boolean };

export type Block =
  | { type: "paragraph"; children: Inline[] }
  | { type: "quote"; children: Inline[] }
  | { type: "codeblock"; language: string | null; text: string };

const MAX_DEPTH = 6;

/** An http(s) URL made safe to put in href, or null. */
export function safeHref(raw: string): string | null {
  const trimmed = raw.trim();
  if (!/^https?:\/\//i.test(trimmed)) return null;
  try {
    const url = new URL(trimmed);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    return url.href;
  } catch {
    return null;
  }
}

const WORD = /[\p{L}\p{N}_]/u;
function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && WORD.test(ch);
}

const URL_AT = /^https?:\/\/[^\s<>"']+/i;
const MENTION_AT = /^@([\p{L}\p{Nd}_.-]{1,32})/u;
const SHORTCODE_AT = /^:([a-z0-9_+-]{1,40}):/;
/** A server's custom emoji as stored in a message: <:name:id>, or <a:name:id> when animated. */
const CUSTOM_EMOJI_AT = /^<(a?):([A-Za-z0-9_]{2,32}):(\d{1,20})>/;
const CUSTOM_EMOJI_ALL = /<a?:[A-Za-z0-9_]{2,32}:\d{1,20}>/g;

/** Drops trailing punctuation from a bare URL, keeping a ")" that closes a "(" inside it. */
function trimUrl(url: string): string {
  let end = url.length;
  for (;;) {
    const ch = url[end - 1];
    if (ch === undefined) break;
    if (".,!?;:*_~'\"".includes(ch)) {
      end--;
      continue;
    }
    if (ch === ")") {
      const inner = url.slice(0, end);
      const opens = inner.split("(").length - 1;
      const closes = inner.split(")").length - 1;
      if (closes > opens) {
        end--;
        continue;
      }
    }
    break;
  }
  return url.slice(0, end);
}

function pushText(out: Inline[], text: string): void {
  if (text === "") return;
  const last = out[out.length - 1];
  if (last?.type === "text") last.text += text;
  else out.push({ type: "text", text });
}

interface Delimited {
  open: string;
  type: "bold" | "strike" | "spoiler" | "italic";
}

const DELIMITERS: Delimited[] = [
  { open: "**", type: "bold" },
  { open: "__", type: "bold" },
  { open: "~~", type: "strike" },
  { open: "||", type: "spoiler" },
  { open: "*", type: "italic" },
  { open: "_", type: "italic" },
];

/** Where a delimited run closes, or -1: the content must be non-empty and not start or end with a space. */
function findClose(text: string, from: number, marker: string): number {
  let i = from;
  while (i < text.length) {
    const at = text.indexOf(marker, i);
    if (at < 0) return -1;
    if (text[at - 1] === "\\") {
      i = at + 1;
      continue;
    }
    const inner = text.slice(from, at);
    const single = marker.length === 1;
    // "**" must not be read as the closer of a single "*".
    const doubled = single && text[at + 1] === marker;
    const underscoreInWord = marker.startsWith("_") && isWordChar(text[at + marker.length]);
    if (inner.length > 0 && !/^\s/.test(inner) && !/\s$/.test(inner) && !doubled && !underscoreInWord) return at;
    i = at + (doubled ? 2 : 1);
  }
  return -1;
}

export function parseInline(text: string, depth = 0): Inline[] {
  const out: Inline[] = [];
  let i = 0;
  let plainStart = 0;
  const flush = (to: number) => {
    pushText(out, text.slice(plainStart, to));
  };

  while (i < text.length) {
    const ch = text[i] ?? "";
    const prev = text[i - 1];
    const rest = text.slice(i);

    // Backslash escapes a markup character.
    if (ch === "\\" && i + 1 < text.length && /[\\`*_~|[\]()@:>]/.test(text[i + 1] ?? "")) {
      flush(i);
      pushText(out, text[i + 1] ?? "");
      i += 2;
      plainStart = i;
      continue;
    }

    if (ch === "`") {
      const close = text.indexOf("`", i + 1);
      if (close > i + 1) {
        flush(i);
        out.push({ type: "code", text: text.slice(i + 1, close) });
        i = close + 1;
        plainStart = i;
        continue;
      }
    }

    if (ch === "[") {
      const m = /^\[([^\]\n]{1,300})\]\(([^)\s]{1,2000})\)/.exec(rest);
      if (m) {
        const href = safeHref(m[2] ?? "");
        flush(i);
        if (href) out.push({ type: "link", href, text: m[1] ?? href });
        else pushText(out, m[0]);
        i += m[0].length;
        plainStart = i;
        continue;
      }
    }

    if ((ch === "h" || ch === "H") && !isWordChar(prev)) {
      const m = URL_AT.exec(rest);
      if (m) {
        const url = trimUrl(m[0]);
        const href = safeHref(url);
        if (href && url.length > "https://".length - 1) {
          flush(i);
          out.push({ type: "link", href, text: url });
          i += url.length;
          plainStart = i;
          continue;
        }
      }
    }

    if (ch === "@" && !isWordChar(prev)) {
      const m = MENTION_AT.exec(rest);
      if (m?.[1]) {
        const username = m[1].replace(/[.-]+$/, "");
        if (username.length > 0) {
          flush(i);
          out.push({ type: "mention", username });
          i += 1 + username.length;
          plainStart = i;
          continue;
        }
      }
    }

    if (ch === "<") {
      const m = CUSTOM_EMOJI_AT.exec(rest);
      if (m?.[2] && m[3]) {
        flush(i);
        out.push({ type: "customEmoji", name: m[2], id: m[3], animated: m[1] === "a" });
        i += m[0].length;
        plainStart = i;
        continue;
      }
    }

    if (ch === ":") {
      const m = SHORTCODE_AT.exec(rest);
      const emoji = m?.[1] ? SHORTCODES.get(m[1]) : undefined;
      if (m && emoji) {
        flush(i);
        out.push({ type: "emoji", emoji, code: m[1] ?? "" });
        i += m[0].length;
        plainStart = i;
        continue;
      }
    }

    if (depth < MAX_DEPTH) {
      let matched = false;
      for (const d of DELIMITERS) {
        if (!rest.startsWith(d.open)) continue;
        // Intraword underscores (snake_case) are not emphasis.
        if (d.open.startsWith("_") && isWordChar(prev)) continue;
        const from = i + d.open.length;
        const close = findClose(text, from, d.open);
        if (close < 0) continue;
        flush(i);
        out.push({ type: d.type, children: parseInline(text.slice(from, close), depth + 1) });
        i = close + d.open.length;
        plainStart = i;
        matched = true;
        break;
      }
      if (matched) continue;
    }

    i += ch.length > 0 ? 1 : 1;
  }
  flush(text.length);
  return out;
}

/** Splits a message into paragraphs, "> " quotes and ``` code blocks; newlines inside paragraphs are kept. */
export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = [];
  const text = source.replace(/\r\n?/g, "\n");
  const fence = /```([^\n`]*)\n?([\s\S]*?)```/g;
  let last = 0;
  for (let m = fence.exec(text); m; m = fence.exec(text)) {
    lineBlocks(text.slice(last, m.index), blocks);
    let language: string | null = (m[1] ?? "").trim();
    let body = m[2] ?? "";
    // "```code```" on one line: what follows the fence is the code, not a language.
    if (!m[0].includes("\n")) {
      body = m[1] ?? "";
      language = null;
    } else if (language === "" || !/^[\w+#.-]{1,20}$/.test(language)) {
      if (language !== "") body = `${m[1] ?? ""}\n${body}`;
      language = null;
    }
    blocks.push({ type: "codeblock", language, text: body.replace(/\n$/, "") });
    last = m.index + m[0].length;
    if (text[last] === "\n") last++;
  }
  lineBlocks(text.slice(last), blocks);
  return blocks;
}

function lineBlocks(segment: string, blocks: Block[]): void {
  if (segment === "") return;
  const lines = segment.split("\n");
  let paragraph: string[] = [];
  let quote: string[] = [];
  const flushParagraph = () => {
    if (paragraph.length > 0) {
      const body = paragraph.join("\n");
      if (body !== "") blocks.push({ type: "paragraph", children: parseInline(body) });
      paragraph = [];
    }
  };
  const flushQuote = () => {
    if (quote.length > 0) {
      blocks.push({ type: "quote", children: parseInline(quote.join("\n")) });
      quote = [];
    }
  };
  for (const line of lines) {
    const q = /^>\s?(.*)$/.exec(line);
    if (q) {
      flushParagraph();
      quote.push(q[1] ?? "");
    } else {
      flushQuote();
      paragraph.push(line);
    }
  }
  flushParagraph();
  flushQuote();
}

/** Plain text of a message for previews and notifications: markup removed, one line. */
export function toPlainText(source: string): string {
  const parts: string[] = [];
  const walk = (nodes: Inline[]) => {
    for (const n of nodes) {
      switch (n.type) {
        case "text":
        case "code":
          parts.push(n.text);
          break;
        case "link":
          parts.push(n.text);
          break;
        case "mention":
          parts.push(`@${n.username}`);
          break;
        case "emoji":
          parts.push(n.emoji);
          break;
        case "customEmoji":
          parts.push(`:${n.name}:`);
          break;
        case "spoiler":
          parts.push("▒▒▒▒");
          break;
        default:
          walk(n.children);
      }
    }
  };
  for (const block of parseMarkdown(source)) {
    if (block.type === "codeblock") parts.push(block.text);
    else walk(block.children);
    parts.push(" ");
  }
  return parts.join("").replace(/\s+/g, " ").trim();
}

/** True when the text is nothing but one to three emoji, unicode or custom (shown larger, like Telegram). */
export function isEmojiOnly(text: string): boolean {
  const custom = text.match(CUSTOM_EMOJI_ALL)?.length ?? 0;
  const trimmed = text.replace(CUSTOM_EMOJI_ALL, " ").trim();
  if (custom > 3) return false;
  if (trimmed === "") return custom > 0;
  if (trimmed.length > 24 || custom === 3) return false;
  const unicode = new RegExp(`^(?:\\p{Extended_Pictographic}(?:\\uFE0F|\\u200D\\p{Extended_Pictographic}|\\p{Emoji_Modifier})*\\s*){1,${String(3 - custom)}}$`, "u");
  return unicode.test(trimmed);
}
