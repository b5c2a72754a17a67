import { MAX_ATTACHMENTS, type Attachment } from "./format";

/** Why an upload failed, to be worded in the UI language. */
export type UploadError = "tooLarge" | "quota" | "invalid" | "network" | "server" | "rateLimited";

export type PendingFile =
  | { key: string; name: string; size: number; type: string; preview: string | null; state: "uploading"; loaded: number }
  | { key: string; name: string; size: number; type: string; preview: string | null; state: "done"; attachment: Attachment }
  | { key: string; name: string; size: number; type: string; preview: string | null; state: "failed"; error: UploadError; message: string | null };

export interface QueueState {
  files: PendingFile[];
  /** How many files were left out when more than the limit were added. */
  rejected: number;
}

export type QueueAction =
  | { type: "add"; files: { key: string; name: string; size: number; type: string; preview: string | null }[] }
  | { type: "progress"; key: string; loaded: number }
  | { type: "done"; key: string; attachment: Attachment }
  | { type: "failed"; key: string; error: UploadError; message?: string | null }
  | { type: "remove"; key: string }
  | { type: "clear" }
  | { type: "dismissRejected" };

export const EMPTY_QUEUE: QueueState = { files: [], rejected: 0 };

/** The files waiting to go with the next message: uploads start at once; at most MAX_ATTACHMENTS. */
export function queueReducer(state: QueueState, action: QueueAction): QueueState {
  switch (action.type) {
    case "add": {
      const room = Math.max(0, MAX_ATTACHMENTS - state.files.length);
      const taken = action.files.slice(0, room).map((f): PendingFile => ({ ...f, state: "uploading", loaded: 0 }));
      return { files: [...state.files, ...taken], rejected: action.files.length - taken.length };
    }
    case "progress":
      return mapFile(state, action.key, (f) => (f.state === "uploading" ? { ...f, loaded: Math.min(f.size, Math.max(f.loaded, action.loaded)) } : f));
    case "done":
      return mapFile(state, action.key, (f) => (f.state === "uploading" ? { key: f.key, name: f.name, size: f.size, type: f.type, preview: f.preview, state: "done", attachment: action.attachment } : f));
    case "failed":
      return mapFile(state, action.key, (f) =>
        f.state === "uploading" ? { key: f.key, name: f.name, size: f.size, type: f.type, preview: f.preview, state: "failed", error: action.error, message: action.message ?? null } : f,
      );
    case "remove":
      return state.files.some((f) => f.key === action.key) ? { ...state, files: state.files.filter((f) => f.key !== action.key) } : state;
    case "clear":
      return EMPTY_QUEUE;
    case "dismissRejected":
      return state.rejected === 0 ? state : { ...state, rejected: 0 };
  }
}

function mapFile(state: QueueState, key: string, fn: (f: PendingFile) => PendingFile): QueueState {
  const index = state.files.findIndex((f) => f.key === key);
  const current = state.files[index];
  if (!current) return state;
  const next = fn(current);
  if (next === current) return state;
  const files = [...state.files];
  files[index] = next;
  return { ...state, files };
}

/** 0..1 for a progress bar. */
export function progressOf(file: PendingFile): number {
  if (file.state === "done") return 1;
  if (file.state === "failed" || file.size <= 0) return 0;
  return Math.min(1, file.loaded / file.size);
}

/** Send is possible once every file has uploaded (failed ones must be removed first). */
export function queueReady(state: QueueState): boolean {
  return state.files.every((f) => f.state === "done");
}

export function uploadedAttachments(state: QueueState): Attachment[] {
  return state.files.flatMap((f) => (f.state === "done" ? [f.attachment] : []));
}

/** Status + ProblemDetails title of a refused upload -> what went wrong. */
export function classifyUploadError(status: number, title: string | null | undefined): UploadError {
  if (status === 0) return "network";
  if (status === 413) return /storage|quota/i.test(title ?? "") ? "quota" : "tooLarge";
  if (status === 429) return "rateLimited";
  if (status >= 500) return "server";
  return "invalid";
}
