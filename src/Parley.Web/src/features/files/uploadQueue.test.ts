import { describe, expect, it } from "vitest";
import type { Attachment } from "./format";
import { classifyUploadError, EMPTY_QUEUE, progressOf, queueReady, queueReducer, uploadedAttachments, type QueueState } from "./uploadQueue";

const file = (key: string, size = 100) => ({ key, name: `${key}.bin`, size, type: "application/octet-stream", preview: null });
const attachment = (id: string): Attachment => ({ id, fileName: `${id}.bin`, contentType: "application/octet-stream", size: 100, width: null, height: null, url: `/a/${id}`, thumbnailUrl: null });

describe("queueReducer", () => {
  it("adds files as uploading and is ready only when all are done", () => {
    let s: QueueState = queueReducer(EMPTY_QUEUE, { type: "add", files: [file("a"), file("b")] });
    expect(s.files.map((f) => f.state)).toEqual(["uploading", "uploading"]);
    expect(queueReady(s)).toBe(false);
    s = queueReducer(s, { type: "progress", key: "a", loaded: 50 });
    expect(progressOf(s.files[0]!)).toBe(0.5);
    s = queueReducer(s, { type: "done", key: "a", attachment: attachment("1") });
    s = queueReducer(s, { type: "done", key: "b", attachment: attachment("2") });
    expect(queueReady(s)).toBe(true);
    expect(uploadedAttachments(s).map((a) => a.id)).toEqual(["1", "2"]);
  });

  it("an empty queue is ready (text-only messages)", () => {
    expect(queueReady(EMPTY_QUEUE)).toBe(true);
  });

  it("never lets progress go backwards or beyond the size", () => {
    let s = queueReducer(EMPTY_QUEUE, { type: "add", files: [file("a")] });
    s = queueReducer(s, { type: "progress", key: "a", loaded: 80 });
    s = queueReducer(s, { type: "progress", key: "a", loaded: 20 });
    expect(progressOf(s.files[0]!)).toBe(0.8);
    s = queueReducer(s, { type: "progress", key: "a", loaded: 500 });
    expect(progressOf(s.files[0]!)).toBe(1);
  });

  it("keeps at most ten files and counts the rest", () => {
    const many = Array.from({ length: 12 }, (_, i) => file(String(i)));
    let s = queueReducer(EMPTY_QUEUE, { type: "add", files: many });
    expect(s.files).toHaveLength(10);
    expect(s.rejected).toBe(2);
    s = queueReducer(s, { type: "dismissRejected" });
    expect(s.rejected).toBe(0);
    s = queueReducer(s, { type: "add", files: [file("x")] });
    expect(s.files).toHaveLength(10);
    expect(s.rejected).toBe(1);
  });

  it("a failed file blocks sending until removed", () => {
    let s = queueReducer(EMPTY_QUEUE, { type: "add", files: [file("a"), file("b")] });
    s = queueReducer(s, { type: "done", key: "a", attachment: attachment("1") });
    s = queueReducer(s, { type: "failed", key: "b", error: "tooLarge" });
    expect(s.files[1]).toMatchObject({ state: "failed", error: "tooLarge" });
    expect(queueReady(s)).toBe(false);
    s = queueReducer(s, { type: "remove", key: "b" });
    expect(queueReady(s)).toBe(true);
  });

  it("ignores late events for removed (cancelled) or finished files", () => {
    let s = queueReducer(EMPTY_QUEUE, { type: "add", files: [file("a")] });
    s = queueReducer(s, { type: "remove", key: "a" });
    expect(queueReducer(s, { type: "done", key: "a", attachment: attachment("1") })).toBe(s);
    s = queueReducer(EMPTY_QUEUE, { type: "add", files: [file("a")] });
    s = queueReducer(s, { type: "done", key: "a", attachment: attachment("1") });
    expect(queueReducer(s, { type: "failed", key: "a", error: "network" })).toBe(s);
    expect(queueReducer(s, { type: "clear" })).toEqual(EMPTY_QUEUE);
  });
});

describe("classifyUploadError", () => {
  it("tells quota from too large", () => {
    expect(classifyUploadError(413, "You have used all your file storage.")).toBe("quota");
    expect(classifyUploadError(413, "The file is too large.")).toBe("tooLarge");
    expect(classifyUploadError(413, null)).toBe("tooLarge");
    expect(classifyUploadError(0, null)).toBe("network");
    expect(classifyUploadError(400, "x")).toBe("invalid");
    expect(classifyUploadError(429, null)).toBe("rateLimited");
    expect(classifyUploadError(503, null)).toBe("server");
  });
});
