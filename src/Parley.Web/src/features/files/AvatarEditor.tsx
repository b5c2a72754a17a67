import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap, type Me } from "../../api/client";
import { Avatar } from "../../lib/components/Avatar";
import { Icon } from "../../lib/components/Icon";
import { Spinner } from "../../lib/components/Spinner";
import { useToast } from "../../lib/components/toastContext";
import { generalErrorMessage } from "../../lib/errors";
import { meKey } from "../auth/api";
import { Dialog } from "../chat/Dialog";
import { clampOffset, initialCrop, MAX_ZOOM, MIN_ZOOM, moveBy, sourceRect, zoomTo, type CropState } from "./crop";
import { avatarAt } from "./format";
import { uploadMultipart } from "./upload";
import "./files.css";

const VIEW = 280;
const OUTPUT = 512;
const MAX_PICK_BYTES = 30 * 1024 * 1024;

/** The picture in Settings → Profile: choose, crop to a square, upload; or remove. */
export function AvatarEditor({ me, name, children }: { me: Me; name: string; children?: ReactNode }) {
  const queryClient = useQueryClient();
  return (
    <PictureEditor
      name={name}
      seed={me.id}
      presence={me.presence}
      current={me.avatarUrl}
      onUpload={async (blob, fileName) => {
        const updated = await uploadMultipart<Me>("/api/v1/users/me/avatar", blob, { method: "PUT", fileName });
        queryClient.setQueryData(meKey, updated);
      }}
      onRemove={async () => {
        const updated = await unwrap(() => api.DELETE("/api/v1/users/me/avatar"));
        queryClient.setQueryData(meKey, updated);
      }}
    >
      {children}
    </PictureEditor>
  );
}

interface PictureEditorProps {
  /** Who or what the picture is of: the initials show when there is none. */
  name: string;
  seed: string;
  /** The picture's address now, or null. */
  current: string | null | undefined;
  presence?: Me["presence"] | null;
  onUpload: (blob: Blob, fileName: string) => Promise<void>;
  onRemove: () => Promise<void>;
  /** Prefix of the data-testid of the controls ("avatar" gives avatar-upload-input, avatar-remove, avatar-save). */
  testId?: string;
  /** Wording of the toasts (defaults: your picture). */
  savedText?: string;
  removedText?: string;
  /** Title of the crop dialog (default: your picture). */
  cropTitle?: string;
  children?: ReactNode;
}

/** Loads a chosen file as an image for cropping; null if it is not a picture we take. */
function loadPicture(file: File): Promise<HTMLImageElement | null> {
  if (!file.type.startsWith("image/") || file.size > MAX_PICK_BYTES) return Promise.resolve(null);
  return new Promise((resolve) => {
    const url = URL.createObjectURL(file);
    const img = new Image();
    img.onload = () => {
      resolve(img);
    };
    img.onerror = () => {
      URL.revokeObjectURL(url);
      resolve(null);
    };
    img.src = url;
  });
}

/**
 * Picks and crops a picture without uploading it (for something not created yet, e.g. a new server's icon): a round
 * button that shows the chosen picture, or a camera-like placeholder.
 */
export function PicturePicker({
  value,
  onChange,
  testId,
  label,
  cropTitle,
}: {
  value: Blob | null;
  onChange: (blob: Blob | null) => void;
  testId: string;
  label: string;
  cropTitle?: string;
}) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [image, setImage] = useState<HTMLImageElement | null>(null);
  const [error, setError] = useState<string | null>(null);
  const preview = useMemo(() => (value ? URL.createObjectURL(value) : null), [value]);
  useEffect(() => {
    return () => {
      if (preview) URL.revokeObjectURL(preview);
    };
  }, [preview]);

  function closeCrop() {
    if (image) URL.revokeObjectURL(image.src);
    setImage(null);
  }

  return (
    <div className="picture-picker">
      <input
        ref={input}
        type="file"
        accept="image/png,image/jpeg,image/gif,image/webp"
        className="visually-hidden-input"
        data-testid={`${testId}-upload-input`}
        tabIndex={-1}
        aria-hidden="true"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = "";
          setError(null);
          if (!file) return;
          void loadPicture(file).then((img) => {
            if (img) setImage(img);
            else setError(t("files.avatar.notImage"));
          });
        }}
      />
      <button
        type="button"
        className="picture-picker__button"
        data-testid={`${testId}-upload`}
        aria-label={label}
        title={label}
        onClick={() => {
          input.current?.click();
        }}
      >
        {preview ? <img className="picture-picker__img" src={preview} alt="" data-testid={`${testId}-preview`} /> : <Icon name="image" size={24} />}
      </button>
      {value ? (
        <button
          type="button"
          className="icon-button icon-button--small picture-picker__clear"
          data-testid={`${testId}-clear`}
          aria-label={t("files.avatar.remove")}
          title={t("files.avatar.remove")}
          onClick={() => {
            onChange(null);
          }}
        >
          <Icon name="close" size={14} />
        </button>
      ) : null}
      {error ? (
        <p className="avatar-editor__error picture-picker__error" role="alert">
          {error}
        </p>
      ) : null}
      {image ? (
        <CropDialog
          image={image}
          busy={false}
          error={null}
          testId={testId}
          title={cropTitle}
          onCancel={closeCrop}
          onSave={(blob) => {
            onChange(blob);
            closeCrop();
          }}
        />
      ) : null}
    </div>
  );
}

/** A square picture (a person's, a group's, a server's): choose, crop, upload; or remove. */
export function PictureEditor({ name, seed, current, presence, onUpload, onRemove, testId = "avatar", savedText, removedText, cropTitle, children }: PictureEditorProps) {
  const { t } = useTranslation();
  const toast = useToast();
  const input = useRef<HTMLInputElement>(null);
  const [image, setImage] = useState<HTMLImageElement | null>(null);
  const [busy, setBusy] = useState<"save" | "remove" | null>(null);
  const [error, setError] = useState<string | null>(null);

  function pick(file: File | undefined) {
    setError(null);
    if (!file) return;
    void loadPicture(file).then((img) => {
      if (img) setImage(img);
      else setError(t("files.avatar.notImage"));
    });
  }

  function closeCrop() {
    if (image) URL.revokeObjectURL(image.src);
    setImage(null);
  }

  async function save(blob: Blob) {
    setBusy("save");
    setError(null);
    try {
      await onUpload(blob, blob.type === "image/webp" ? "avatar.webp" : "avatar.png");
      closeCrop();
      toast.show(savedText ?? t("files.avatar.saved"), "success");
    } catch (e) {
      setError(generalErrorMessage(e, t));
    } finally {
      setBusy(null);
    }
  }

  async function remove() {
    setBusy("remove");
    setError(null);
    try {
      await onRemove();
      toast.show(removedText ?? t("files.avatar.removed"), "success");
    } catch (e) {
      setError(generalErrorMessage(e, t));
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="avatar-editor">
      <div className="avatar-editor__who">
        <Avatar name={name} seed={seed} size="lg" presence={presence} src={avatarAt(current, 256)} />
        {children}
      </div>
      <div className="avatar-editor__actions">
        <input
          ref={input}
          type="file"
          accept="image/png,image/jpeg,image/gif,image/webp"
          className="visually-hidden-input"
          data-testid={`${testId}-upload-input`}
          tabIndex={-1}
          aria-hidden="true"
          onChange={(e) => {
            pick(e.target.files?.[0]);
            e.target.value = "";
          }}
        />
        <button
          type="button"
          className="button button--secondary button--small"
          data-testid={`${testId}-upload`}
          disabled={busy !== null}
          onClick={() => {
            input.current?.click();
          }}
        >
          <Icon name="image" size={18} />
          {current ? t("files.avatar.change") : t("files.avatar.upload")}
        </button>
        {current ? (
          <button type="button" className="button button--ghost button--small" data-testid={`${testId}-remove`} disabled={busy !== null} onClick={() => void remove()}>
            {busy === "remove" ? <Spinner /> : <Icon name="trash" size={18} />}
            {t("files.avatar.remove")}
          </button>
        ) : null}
        {error && !image ? (
          <p className="avatar-editor__error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
      {image ? <CropDialog image={image} busy={busy === "save"} error={error} testId={testId} title={cropTitle} onCancel={closeCrop} onSave={(b) => void save(b)} /> : null}
    </div>
  );
}

function CropDialog({
  image,
  busy,
  error,
  testId,
  title,
  onCancel,
  onSave,
}: {
  image: HTMLImageElement;
  busy: boolean;
  error: string | null;
  testId: string;
  title?: string;
  onCancel: () => void;
  onSave: (blob: Blob) => void;
}) {
  const { t } = useTranslation();
  const w = image.naturalWidth;
  const h = image.naturalHeight;
  const canvas = useRef<HTMLCanvasElement>(null);
  const [crop, setCrop] = useState<CropState>(() => initialCrop(w, h, VIEW));
  const drag = useRef<{ id: number; x: number; y: number } | null>(null);

  useEffect(() => {
    const el = canvas.current;
    const ctx = el?.getContext("2d");
    if (!el || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    el.width = Math.round(VIEW * dpr);
    el.height = Math.round(VIEW * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, VIEW, VIEW);
    const r = sourceRect(w, h, VIEW, crop);
    ctx.imageSmoothingQuality = "high";
    ctx.drawImage(image, r.sx, r.sy, r.size, r.size, 0, 0, VIEW, VIEW);
    // Shade what a round avatar will not show.
    ctx.fillStyle = "rgba(0, 0, 0, 0.45)";
    ctx.beginPath();
    ctx.rect(0, 0, VIEW, VIEW);
    ctx.arc(VIEW / 2, VIEW / 2, VIEW / 2, 0, Math.PI * 2, true);
    ctx.fill();
  }, [image, crop, w, h]);

  function onPointerDown(e: ReactPointerEvent<HTMLCanvasElement>) {
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { id: e.pointerId, x: e.clientX, y: e.clientY };
  }
  function onPointerMove(e: ReactPointerEvent<HTMLCanvasElement>) {
    const d = drag.current;
    if (d?.id !== e.pointerId) return;
    const scale = VIEW / e.currentTarget.getBoundingClientRect().width;
    const dx = (e.clientX - d.x) * scale;
    const dy = (e.clientY - d.y) * scale;
    drag.current = { id: d.id, x: e.clientX, y: e.clientY };
    setCrop((c) => moveBy(w, h, VIEW, c, dx, dy));
  }
  function onPointerUp() {
    drag.current = null;
  }

  function save() {
    const out = document.createElement("canvas");
    out.width = OUTPUT;
    out.height = OUTPUT;
    const ctx = out.getContext("2d");
    if (!ctx) return;
    const r = sourceRect(w, h, VIEW, crop);
    ctx.imageSmoothingQuality = "high";
    ctx.drawImage(image, r.sx, r.sy, r.size, r.size, 0, 0, OUTPUT, OUTPUT);
    out.toBlob(
      (blob) => {
        if (!blob) return;
        if (blob.type === "image/webp") onSave(blob);
        else out.toBlob((png) => { if (png) onSave(png); }, "image/png");
      },
      "image/webp",
      0.92,
    );
  }

  return (
    <Dialog
      title={title ?? t("files.avatar.cropTitle")}
      onClose={onCancel}
      size="sm"
      testId={`${testId}-crop`}
      footer={
        <>
          <button type="button" className="button button--ghost" onClick={onCancel}>
            {t("common.cancel")}
          </button>
          <button type="button" className="button button--primary" data-testid={`${testId}-save`} disabled={busy} onClick={save}>
            {busy ? <Spinner /> : null}
            {busy ? t("common.saving") : t("common.save")}
          </button>
        </>
      }
    >
      <div className="avatar-crop">
        <canvas
          ref={canvas}
          className="avatar-crop__canvas"
          aria-label={t("files.avatar.cropHint")}
          role="img"
          tabIndex={0}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={onPointerUp}
          onWheel={(e) => {
            setCrop((c) => zoomTo(w, h, VIEW, c, c.zoom * (e.deltaY < 0 ? 1.1 : 1 / 1.1)));
          }}
          onKeyDown={(e) => {
            const step = 8;
            const moves: Record<string, [number, number]> = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
            const m = moves[e.key];
            if (!m) return;
            e.preventDefault();
            setCrop((c) => moveBy(w, h, VIEW, c, m[0], m[1]));
          }}
        />
        <p className="avatar-crop__hint">{t("files.avatar.cropHint")}</p>
        <label className="avatar-crop__zoom">
          <Icon name="search" size={16} />
          <span className="visually-hidden">{t("files.avatar.zoom")}</span>
          <input
            type="range"
            min={MIN_ZOOM}
            max={MAX_ZOOM}
            step={0.01}
            value={crop.zoom}
            data-testid={`${testId}-zoom`}
            onChange={(e) => {
              const z = Number(e.target.value);
              setCrop((c) => clampOffset(w, h, VIEW, zoomTo(w, h, VIEW, c, z)));
            }}
          />
        </label>
        {error ? (
          <p className="avatar-editor__error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
    </Dialog>
  );
}
