import { useCallback, useEffect, useReducer, useRef } from "react";
import { ApiError } from "../../api/problem";
import type { Attachment } from "./format";
import { MAX_ATTACHMENTS } from "./format";
import { classifyUploadError, EMPTY_QUEUE, queueReducer } from "./uploadQueue";
import { uploadMultipart } from "./upload";

let counter = 0;

/** A pasted screenshot comes as "image.png"; give it a name worth keeping. */
export function nameForPasted(file: File, now = new Date()): string {
  if (file.name && file.name !== "image.png") return file.name;
  const ext = file.type.split("/")[1]?.replace("jpeg", "jpg") ?? "png";
  const stamp = now.toISOString().slice(0, 19).replace(/[T:]/g, "-");
  return `pasted-${stamp}.${ext}`;
}

/** The composer's pending files: each uploads as soon as it is added; removing one aborts its upload. */
export function usePendingFiles() {
  const [state, dispatch] = useReducer(queueReducer, EMPTY_QUEUE);
  const uploads = useRef(new Map<string, AbortController>());
  const previews = useRef(new Map<string, string>());
  const count = useRef(0);

  const forget = useCallback((key: string) => {
    uploads.current.get(key)?.abort();
    uploads.current.delete(key);
    const url = previews.current.get(key);
    if (url) URL.revokeObjectURL(url);
    previews.current.delete(key);
  }, []);

  const add = useCallback((files: File[]) => {
    if (files.length === 0) return;
    const room = Math.max(0, MAX_ATTACHMENTS - count.current);
    const entries = files.map((file) => {
      counter += 1;
      const key = `f${String(counter)}`;
      return { key, file, name: file.name || "file", size: file.size, type: file.type, preview: null as string | null };
    });
    for (const entry of entries.slice(0, room)) {
      if (entry.type.startsWith("image/")) {
        entry.preview = URL.createObjectURL(entry.file);
        previews.current.set(entry.key, entry.preview);
      }
    }
    count.current = Math.min(MAX_ATTACHMENTS, count.current + entries.length);
    dispatch({ type: "add", files: entries.map(({ key, name, size, type, preview }) => ({ key, name, size, type, preview })) });
    for (const entry of entries.slice(0, room)) {
      const controller = new AbortController();
      uploads.current.set(entry.key, controller);
      uploadMultipart<Attachment>("/api/v1/attachments", entry.file, {
        fileName: entry.name,
        signal: controller.signal,
        onProgress: (loaded) => {
          dispatch({ type: "progress", key: entry.key, loaded });
        },
      }).then(
        (attachment) => {
          uploads.current.delete(entry.key);
          dispatch({ type: "done", key: entry.key, attachment });
        },
        (error: unknown) => {
          uploads.current.delete(entry.key);
          if (error instanceof DOMException && error.name === "AbortError") return;
          const status = error instanceof ApiError ? error.status : 0;
          const problem = error instanceof ApiError ? error.problem : null;
          dispatch({ type: "failed", key: entry.key, error: classifyUploadError(status, problem?.title), message: problem?.detail ?? null });
        },
      );
    }
  }, []);

  const remove = useCallback(
    (key: string) => {
      forget(key);
      count.current = Math.max(0, count.current - 1);
      dispatch({ type: "remove", key });
    },
    [forget],
  );

  /** After sending: the files now belong to the message, so keep nothing (previews are no longer needed). */
  const clear = useCallback(() => {
    for (const key of [...previews.current.keys(), ...uploads.current.keys()]) forget(key);
    count.current = 0;
    dispatch({ type: "clear" });
  }, [forget]);

  const dismissRejected = useCallback(() => {
    dispatch({ type: "dismissRejected" });
  }, []);

  useEffect(() => {
    const active = uploads.current;
    const urls = previews.current;
    return () => {
      for (const c of active.values()) c.abort();
      for (const u of urls.values()) URL.revokeObjectURL(u);
    };
  }, []);

  return { state, add, remove, clear, dismissRejected };
}
