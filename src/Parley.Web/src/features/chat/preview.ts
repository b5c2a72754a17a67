import type { TFunction } from "i18next";
import { toPlainText } from "./markdown";
import type { Message } from "./model";

type PreviewSource = Pick<Message, "content" | "attachments"> & Partial<Pick<Message, "poll" | "sticker">>;

/** One line describing a message for the chat list and notifications, also when it has no text. */
export function messagePreview(message: PreviewSource, t: TFunction): string {
  const text = toPlainText(message.content);
  if (message.poll) {
    return `📊 ${message.poll.question}`;
  }

  if (message.sticker) {
    return t("chat.preview.sticker", { name: message.sticker.name });
  }

  if (text) {
    return text;
  }

  const files = message.attachments;
  if (files.length === 0) {
    return "";
  }

  const images = files.filter((f) => f.thumbnailUrl !== null).length;
  if (files.length === 1) {
    return images === 1 ? t("chat.preview.photo") : `📎 ${files[0]?.fileName ?? ""}`;
  }

  return images === files.length ? t("chat.preview.photos", { count: files.length }) : t("chat.preview.files", { count: files.length });
}
