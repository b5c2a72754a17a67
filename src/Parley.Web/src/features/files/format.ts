import type { Schemas } from "../../api/wire";

export type Attachment = Schemas["AttachmentResponse"];
export type AttachmentKind = "image" | "video" | "audio" | "file";

/** At most this many files go with one message (the server's limit). */
export const MAX_ATTACHMENTS = 10;

const UNITS = ["B", "KB", "MB", "GB", "TB"] as const;

/** 1536 -> "1.5 KB" (binary units, the way file managers show them), in the UI language's number format. */
export function formatSize(bytes: number | string, language = "en"): string {
  const n = Math.max(0, Number(bytes) || 0);
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  const text = new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value);
  const name = language.startsWith("ru") ? (["Б", "КБ", "МБ", "ГБ", "ТБ"] as const)[unit] : UNITS[unit];
  return `${text} ${name ?? ""}`.trim();
}

/** How a file shows in a message: pictures (with a thumbnail), players for audio and video, else a card. */
export function attachmentKind(a: Pick<Attachment, "contentType" | "thumbnailUrl">): AttachmentKind {
  if (a.contentType.startsWith("image/") && a.thumbnailUrl) return "image";
  if (a.contentType === "video/mp4" || a.contentType === "video/webm") return "video";
  if (a.contentType === "audio/mpeg" || a.contentType === "audio/ogg" || a.contentType === "audio/wav") return "audio";
  return "file";
}

/**
 * The box a picture gets in the message list, known before it loads (so the virtualised list does not jump): its own
 * size scaled down to fit maxWidth x maxHeight, never below a minimum so tiny or very thin images stay tappable.
 */
export function fitBox(width: number | string | null | undefined, height: number | string | null | undefined, maxWidth: number, maxHeight: number, min = 48): { width: number; height: number } {
  const w = Number(width ?? 0);
  const h = Number(height ?? 0);
  if (!(w > 0) || !(h > 0)) return { width: Math.min(maxWidth, 240), height: Math.min(maxHeight, 180) };
  const scale = Math.min(1, maxWidth / w, maxHeight / h);
  return { width: Math.max(min, Math.round(w * scale)), height: Math.max(min, Math.round(h * scale)) };
}

/** A short type label for a file card: "PDF", "ZIP", else the extension, else "FILE". */
export function fileLabel(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  const ext = dot > 0 ? fileName.slice(dot + 1) : "";
  return /^[a-z0-9]{1,5}$/i.test(ext) ? ext.toUpperCase() : "FILE";
}

/** An avatar URL at a given size (the server keeps 64, 128 and 256 pixel versions). */
export function avatarAt(url: string | null | undefined, size: 64 | 128 | 256): string | null {
  if (!url) return null;
  return `${url}${url.includes("?") ? "&" : "?"}size=${String(size)}`;
}
