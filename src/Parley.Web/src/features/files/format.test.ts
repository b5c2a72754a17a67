import { describe, expect, it } from "vitest";
import { attachmentKind, avatarAt, fileLabel, fitBox, formatSize } from "./format";

describe("formatSize", () => {
  it("uses binary units with at most one decimal", () => {
    expect(formatSize(0)).toBe("0 B");
    expect(formatSize(1023)).toBe("1,023 B");
    expect(formatSize(1536)).toBe("1.5 KB");
    expect(formatSize(16 * 1024 * 1024)).toBe("16 MB");
    expect(formatSize(150 * 1024 * 1024)).toBe("150 MB");
    expect(formatSize("2048")).toBe("2 KB");
  });
  it("speaks Russian", () => {
    expect(formatSize(1536, "ru")).toBe("1,5 КБ");
    expect(formatSize(5, "ru")).toBe("5 Б");
  });
  it("treats nonsense as zero", () => {
    expect(formatSize(-5)).toBe("0 B");
    expect(formatSize("x")).toBe("0 B");
  });
});

describe("attachmentKind", () => {
  it("shows images with thumbnails as pictures", () => {
    expect(attachmentKind({ contentType: "image/png", thumbnailUrl: "/t" })).toBe("image");
    expect(attachmentKind({ contentType: "image/png", thumbnailUrl: null })).toBe("file");
  });
  it("plays safe audio and video types", () => {
    expect(attachmentKind({ contentType: "video/mp4", thumbnailUrl: null })).toBe("video");
    expect(attachmentKind({ contentType: "audio/ogg", thumbnailUrl: null })).toBe("audio");
    expect(attachmentKind({ contentType: "application/pdf", thumbnailUrl: null })).toBe("file");
    expect(attachmentKind({ contentType: "text/html", thumbnailUrl: null })).toBe("file");
  });
});

describe("fitBox", () => {
  it("scales down keeping the aspect ratio", () => {
    expect(fitBox(1000, 500, 300, 300)).toEqual({ width: 300, height: 150 });
    expect(fitBox(500, 1000, 300, 300)).toEqual({ width: 150, height: 300 });
  });
  it("never scales up", () => {
    expect(fitBox(100, 80, 300, 300)).toEqual({ width: 100, height: 80 });
  });
  it("keeps a minimum size and a default for unknown sizes", () => {
    expect(fitBox(4000, 10, 300, 300)).toEqual({ width: 300, height: 48 });
    expect(fitBox(null, null, 300, 300)).toEqual({ width: 240, height: 180 });
    expect(fitBox("640", "480", 320, 320)).toEqual({ width: 320, height: 240 });
  });
});

describe("fileLabel and avatarAt", () => {
  it("labels by extension", () => {
    expect(fileLabel("report.final.pdf")).toBe("PDF");
    expect(fileLabel("README")).toBe("FILE");
    expect(fileLabel(".bashrc")).toBe("FILE");
  });
  it("appends the size to avatar URLs", () => {
    expect(avatarAt("/api/v1/users/1/avatar?v=2", 64)).toBe("/api/v1/users/1/avatar?v=2&size=64");
    expect(avatarAt("/a", 128)).toBe("/a?size=128");
    expect(avatarAt(null, 64)).toBeNull();
  });
});
