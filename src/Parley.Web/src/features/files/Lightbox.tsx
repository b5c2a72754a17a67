import { useEffect, useRef } from "react";
import { createPortal } from "react-dom";
import { useTranslation } from "react-i18next";
import { Icon } from "../../lib/components/Icon";
import { formatSize, type Attachment } from "./format";

interface LightboxProps {
  images: Attachment[];
  index: number;
  onIndex: (index: number) => void;
  onClose: () => void;
}

/** A picture at full size over everything: Esc or the backdrop closes, arrow keys go between the message's pictures. */
export function Lightbox({ images, index, onIndex, onClose }: LightboxProps) {
  const { t, i18n } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const image = images[index];
  const handlers = useRef({ onClose, onIndex, index, count: images.length });
  useEffect(() => {
    handlers.current = { onClose, onIndex, index, count: images.length };
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (typeof dialog.showModal === "function" && !dialog.open) dialog.showModal();
    const onCancel = (e: Event) => {
      e.preventDefault();
      handlers.current.onClose();
    };
    const onKey = (e: KeyboardEvent) => {
      const h = handlers.current;
      if (e.key === "ArrowRight" && h.index < h.count - 1) {
        e.preventDefault();
        h.onIndex(h.index + 1);
      } else if (e.key === "ArrowLeft" && h.index > 0) {
        e.preventDefault();
        h.onIndex(h.index - 1);
      } else if (e.key === "Escape") {
        e.preventDefault();
        h.onClose();
      }
    };
    dialog.addEventListener("cancel", onCancel);
    dialog.addEventListener("keydown", onKey);
    return () => {
      dialog.removeEventListener("cancel", onCancel);
      dialog.removeEventListener("keydown", onKey);
    };
  }, []);

  if (!image) return null;
  return createPortal(
    <dialog
      ref={ref}
      className="lightbox"
      data-testid="lightbox"
      aria-label={image.fileName}
      onClick={(e) => {
        if (e.target === e.currentTarget || (e.target as HTMLElement).classList.contains("lightbox__stage")) onClose();
      }}
    >
      <header className="lightbox__bar">
        <span className="lightbox__title">
          <span className="lightbox__name">{image.fileName}</span>
          <span className="lightbox__meta">
            {formatSize(image.size, i18n.language)}
            {images.length > 1 ? ` · ${t("files.lightbox.position", { index: index + 1, count: images.length })}` : ""}
          </span>
        </span>
        <a className="icon-button lightbox__button" href={image.url} download={image.fileName} data-testid="attachment-download" aria-label={t("files.download", { name: image.fileName })} title={t("files.downloadShort")}>
          <Icon name="download" size={22} />
        </a>
        <button type="button" className="icon-button lightbox__button" data-testid="lightbox-close" autoFocus aria-label={t("files.lightbox.close")} title={t("files.lightbox.close")} onClick={onClose}>
          <Icon name="close" size={22} />
        </button>
      </header>
      <div className="lightbox__stage">
        <img key={image.id} className="lightbox__image" src={image.url} alt={image.fileName} />
        {index > 0 ? (
          <button
            type="button"
            className="lightbox__nav lightbox__nav--prev"
            aria-label={t("files.lightbox.previous")}
            onClick={() => {
              onIndex(index - 1);
            }}
          >
            <Icon name="back" size={26} />
          </button>
        ) : null}
        {index < images.length - 1 ? (
          <button
            type="button"
            className="lightbox__nav lightbox__nav--next"
            aria-label={t("files.lightbox.next")}
            onClick={() => {
              onIndex(index + 1);
            }}
          >
            <Icon name="chevronRight" size={26} />
          </button>
        ) : null}
      </div>
    </dialog>,
    document.body,
  );
}
