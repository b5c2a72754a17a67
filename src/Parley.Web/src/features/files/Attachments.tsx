import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Icon } from "../../lib/components/Icon";
import { attachmentKind, fileLabel, fitBox, formatSize, type Attachment } from "./format";
import { Lightbox } from "./Lightbox";
import "./files.css";

const MAX_W = 320;
const MAX_H = 320;

/** A message's files: pictures (fixed-size boxes, so the list does not jump as they load), players, file cards. */
export function Attachments({ attachments }: { attachments: Attachment[] }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState<number | null>(null);
  if (attachments.length === 0) return null;
  const images = attachments.filter((a) => attachmentKind(a) === "image");
  const single = images.length === 1;
  return (
    <div className="attachments">
      {images.length > 0 ? (
        <div className={`attachments__images${single ? " attachments__images--single" : ""}`}>
          {images.map((a, i) => {
            const box = single ? fitBox(a.width, a.height, MAX_W, MAX_H) : fitBox(a.width, a.height, 150, 150, 96);
            return (
              <button
                key={a.id}
                type="button"
                className="attachment-image"
                data-testid="message-attachment"
                data-kind="image"
                aria-label={t("files.openImage", { name: a.fileName })}
                style={single ? { width: box.width, aspectRatio: `${String(box.width)} / ${String(box.height)}` } : undefined}
                onClick={() => {
                  setOpen(i);
                }}
              >
                <img
                  src={a.thumbnailUrl ?? a.url}
                  alt={a.fileName}
                  width={box.width}
                  height={box.height}
                  loading="lazy"
                  decoding="async"
                  draggable={false}
                  data-testid="attachment-image"
                />
              </button>
            );
          })}
        </div>
      ) : null}
      {attachments.map((a) => {
        const kind = attachmentKind(a);
        if (kind === "image") return null;
        if (kind === "video")
          return (
            <div key={a.id} className="attachment-media" data-testid="message-attachment" data-kind="video">
              <video className="attachment-media__video" src={a.url} controls preload="metadata" aria-label={a.fileName} />
              <FileLine attachment={a} language={i18n.language} />
            </div>
          );
        if (kind === "audio")
          return (
            <div key={a.id} className="attachment-media" data-testid="message-attachment" data-kind="audio">
              <FileLine attachment={a} language={i18n.language} />
              <audio className="attachment-media__audio" src={a.url} controls preload="none" aria-label={a.fileName} />
            </div>
          );
        return (
          <div key={a.id} className="attachment-file" data-testid="message-attachment" data-kind="file">
            <span className="attachment-file__icon" aria-hidden="true">
              <Icon name="file" size={18} />
              <span className="attachment-file__ext">{fileLabel(a.fileName)}</span>
            </span>
            <span className="attachment-file__text">
              <span className="attachment-file__name" title={a.fileName}>
                {a.fileName}
              </span>
              <span className="attachment-file__size">{formatSize(a.size, i18n.language)}</span>
            </span>
            <a className="icon-button attachment-file__download" href={a.url} download={a.fileName} data-testid="attachment-download" aria-label={t("files.download", { name: a.fileName })} title={t("files.downloadShort")}>
              <Icon name="download" size={20} />
            </a>
          </div>
        );
      })}
      {open !== null ? (
        <Lightbox
          images={images}
          index={open}
          onIndex={setOpen}
          onClose={() => {
            setOpen(null);
          }}
        />
      ) : null}
    </div>
  );
}

function FileLine({ attachment: a, language }: { attachment: Attachment; language: string }) {
  const { t } = useTranslation();
  return (
    <span className="attachment-media__line">
      <span className="attachment-media__name" title={a.fileName}>
        {a.fileName}
      </span>
      <span className="attachment-media__size">{formatSize(a.size, language)}</span>
      <a className="attachment-media__download" href={a.url} download={a.fileName} data-testid="attachment-download" aria-label={t("files.download", { name: a.fileName })} title={t("files.downloadShort")}>
        <Icon name="download" size={16} />
      </a>
    </span>
  );
}
