// @vitest-environment jsdom
import { render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import "../../i18n";
import { Markdown } from "../chat/Markdown";
import { isEmojiOnly, parseInline, toPlainText } from "../chat/markdown";
import { emojiToken, expandCustomEmoji, parseCustomReaction, reactionName, type CustomEmoji } from "./api";
import { ReactionEmoji } from "./EmojiViews";

const parrot: CustomEmoji = { id: "111", serverId: "1", name: "parrot", animated: true, url: "/api/v1/emoji/111" };
const blob: CustomEmoji = { id: "222", serverId: "2", name: "blob", animated: false, url: "/api/v1/emoji/222" };

describe("custom emoji tokens", () => {
  it("parses <:name:id> and <a:name:id> and leaves look-alikes as text", () => {
    expect(parseInline("hi <:blob:222> and <a:parrot:111>!")).toEqual([
      { type: "text", text: "hi " },
      { type: "customEmoji", name: "blob", id: "222", animated: false },
      { type: "text", text: " and " },
      { type: "customEmoji", name: "parrot", id: "111", animated: true },
      { type: "text", text: "!" },
    ]);
    expect(parseInline("<:bad-name:1> <:blob:abc> <blob:1>")).toEqual([{ type: "text", text: "<:bad-name:1> <:blob:abc> <blob:1>" }]);
    expect(parseInline("`<:blob:222>`")).toEqual([{ type: "code", text: "<:blob:222>" }]);
  });

  it("reads as :name: in previews", () => {
    expect(toPlainText("look <:blob:222>")).toBe("look :blob:");
  });

  it("counts custom emoji as emoji for the big emoji-only style", () => {
    expect(isEmojiOnly("<:blob:222>")).toBe(true);
    expect(isEmojiOnly("<:blob:222> 😀 <a:parrot:111>")).toBe(true);
    expect(isEmojiOnly("<:blob:222><:blob:222><:blob:222><:blob:222>")).toBe(false);
    expect(isEmojiOnly("<:blob:222> 😀😀😀")).toBe(false);
    expect(isEmojiOnly("<:blob:222> hi")).toBe(false);
    expect(isEmojiOnly("😀")).toBe(true);
  });

  it("renders the token as an image of the emoji with its name as alt text", () => {
    const { container } = render(<Markdown text={"hi <:blob:222> <script>x</script>"} />);
    const img = container.querySelector("img");
    expect(img?.getAttribute("src")).toBe("/api/v1/emoji/222");
    expect(img?.getAttribute("alt")).toBe(":blob:");
    expect(img?.classList.contains("md-custom-emoji")).toBe(true);
    expect(container.querySelector("script")).toBeNull();
    expect(container.querySelectorAll("img")).toHaveLength(1);
  });

  it("makes tokens and reaction keys, and shows custom reactions as pictures", () => {
    expect(emojiToken(parrot)).toBe("<a:parrot:111>");
    expect(emojiToken(blob)).toBe("<:blob:222>");
    expect(parseCustomReaction("blob:222")).toEqual({ name: "blob", id: "222", url: "/api/v1/emoji/222" });
    expect(parseCustomReaction("👍")).toBeNull();
    expect(reactionName("blob:222")).toBe(":blob:");
    expect(reactionName("👍")).toBe("👍");
    const { container } = render(
      <>
        <ReactionEmoji emoji="blob:222" />
        <ReactionEmoji emoji="👍" />
      </>,
    );
    expect(container.querySelector("img")?.getAttribute("alt")).toBe(":blob:");
    expect(container.textContent).toContain("👍");
  });

  it("turns a typed :name: into its token, preferring the channel's server", () => {
    const twin: CustomEmoji = { ...blob, id: "333", serverId: "1" };
    expect(expandCustomEmoji("so :blob:", 9, [blob], null)).toEqual({ text: "so <:blob:222>", caret: 14 });
    expect(expandCustomEmoji("so :blob: end", 9, [blob, twin], "1")).toEqual({ text: "so <:blob:333> end", caret: 14 });
    expect(expandCustomEmoji("so :nope:", 9, [blob], null)).toBeNull();
    expect(expandCustomEmoji("so :blob", 8, [blob], null)).toBeNull();
    expect(expandCustomEmoji("<:blob:", 7, [blob], null)).toBeNull();
  });
});
