// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import i18n from "../../i18n";
import { messagePreview } from "./preview";
import type { Message } from "./model";

const en = i18n.getFixedT("en");
const ru = i18n.getFixedT("ru");

const file = (name: string, image: boolean): Message["attachments"][number] => ({
  id: name,
  fileName: name,
  contentType: image ? "image/png" : "application/pdf",
  size: 10,
  width: image ? 10 : null,
  height: image ? 10 : null,
  url: `/f/${name}`,
  thumbnailUrl: image ? `/t/${name}` : null,
});

describe("messagePreview", () => {
  it("is the plain text when there is text", () => {
    expect(messagePreview({ content: "**hi** there", attachments: [file("a.png", true)] }, en)).toBe("hi there");
  });

  it("names a sticker, in both languages", () => {
    const sticker = { id: "1", serverId: "2", name: "wave", description: null, url: "/s/1", width: 160, height: 160 };
    expect(messagePreview({ content: "", attachments: [], sticker }, en)).toBe("Sticker: wave");
    expect(messagePreview({ content: "", attachments: [], sticker }, ru)).toBe("Стикер: wave");
  });

  it("shows a poll's question", () => {
    const poll = { question: "Lunch?", options: [], allowMultiple: false, expiresAt: "2030-01-01T00:00:00Z", closed: false, totalVoters: 0, myVotes: [] };
    expect(messagePreview({ content: "", attachments: [], poll }, en)).toBe("📊 Lunch?");
  });

  it("describes photos and files without text", () => {
    expect(messagePreview({ content: "", attachments: [file("a.png", true)] }, en)).toBe("🖼 Photo");
    expect(messagePreview({ content: "", attachments: [file("a.png", true), file("b.png", true)] }, en)).toBe("🖼 2 photos");
    expect(messagePreview({ content: "", attachments: [file("a.pdf", false)] }, en)).toBe("📎 a.pdf");
    expect(messagePreview({ content: "", attachments: [file("a.pdf", false), file("b.png", true)] }, ru)).toBe("📎 2 файла");
  });

  it("is empty for an empty message", () => {
    expect(messagePreview({ content: "", attachments: [] }, en)).toBe("");
  });
});
