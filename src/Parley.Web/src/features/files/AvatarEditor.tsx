import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState, type PointerEvent as ReactPointerEvent, type ReactNode } from "react";
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
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const toast = useToast();
  const input = useRef<HTMLInputElement>(null);
  const [image, setImage] = useState<HTMLImageElement | null>(null);
  const [busy, setBusy] = useState<"save" | "remove" | null>(null);
  const [error, setError] = useState<string | null>(null);

  function pick(file: File | undefined) {
    setError(null);
    if (!file) return;
    if (!file.type.startsWith("image/") || file.size > MAX_PICK_BYTES) {
      setError(t("files.avatar.notImage"));
      return;
    }
    const url = URL.createObjectURL(file);
    const img = new Image();
    img.onload = () => {
      setImage(img);
    };
    img.onerror = () => {
      URL.revokeObjectURL(url);
      setError(t("files.avatar.notImage"));
    };
    img.src = url;
  }

  function closeCrop() {
    if (image) URL.revokeObjectURL(image.src);
    setImage(null);
  }

  async function save(blob: Blob) {
    setBusy("save");
    setError(null);
    try {
      const updated = await uploadMultipart<Me>("/api/v1/users/me/avatar", blob, { method: "PUT", fileName: blob.type === "image/webp" ? "avatar.webp" : "avatar.png" });
      queryClient.setQueryData(meKey, updated);
      closeCrop();
      toast.show(t("files.avatar.saved"), "success");
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
      const updated = await unwrap(() => api.DELETE("/api/v1/users/me/avatar"));
      queryClient.setQueryData(meKey, updated);
      toast.show(t("files.avatar.removed"), "success");
    } catch (e) {
      setError(generalErrorMessage(e, t));
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="avatar-editor">
      <div className="avatar-editor__who">
        <Avatar name={name} seed={me.id} size="lg" presence={me.presence} src={avatarAt(me.avatarUrl, 256)} />
        {children}
      </div>
      <div className="avatar-editor__actions">
        <input
          ref={input}
          type="file"
          accept="image/png,image/jpeg,image/gif,image/webp"
          className="visually-hidden-input"
          data-testid="avatar-upload-input"
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
          disabled={busy !== null}
          onClick={() => {
            input.current?.click();
          }}
        >
          <Icon name="image" size={18} />
          {me.avatarUrl ? t("files.avatar.change") : t("files.avatar.upload")}
        </button>
        {me.avatarUrl ? (
          <button type="button" className="button button--ghost button--small" data-testid="avatar-remove" disabled={busy !== null} onClick={() => void remove()}>
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
      {image ? <CropDialog image={image} busy={busy === "save"} error={error} onCancel={closeCrop} onSave={(b) => void save(b)} /> : null}
    </div>
  );
}

function CropDialog({ image, busy, error, onCancel, onSave }: { image: HTMLImageElement; busy: boolean; error: string | null; onCancel: () => void; onSave: (blob: Blob) => void }) {
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
      title={t("files.avatar.cropTitle")}
      onClose={onCancel}
      size="sm"
      testId="avatar-crop"
      footer={
        <>
          <button type="button" className="button button--ghost" onClick={onCancel}>
            {t("common.cancel")}
          </button>
          <button type="button" className="button button--primary" data-testid="avatar-save" disabled={busy} onClick={save}>
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
            data-testid="avatar-zoom"
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
