/** "(3) Parley" when something is unread, else "Parley". */
export function titleWithUnread(base: string, unread: number): string {
  return unread > 0 ? `(${unread > 999 ? "999+" : String(unread)}) ${base}` : base;
}

/** What the favicon badge says: nothing, the count, or "99+". */
export function badgeLabel(unread: number): string | null {
  if (unread <= 0) return null;
  return unread > 99 ? "99+" : String(unread);
}

/**
 * Draws the favicon with a red count in the corner and returns it as a data: URL (the CSP allows data: images).
 * Returns null where a canvas cannot be had (tests, very old browsers).
 */
export function drawBadgedIcon(icon: HTMLImageElement | null, label: string | null, size = 64): string | null {
  const canvas = document.createElement("canvas");
  canvas.width = size;
  canvas.height = size;
  let ctx: CanvasRenderingContext2D | null;
  try {
    ctx = canvas.getContext("2d");
  } catch {
    return null;
  }
  if (!ctx) return null;
  if (icon) ctx.drawImage(icon, 0, 0, size, size);
  if (label) {
    const r = size * 0.3;
    const w = Math.max(r * 2, label.length * size * 0.2 + size * 0.16);
    const x = size - w;
    const y = size - r * 2;
    ctx.fillStyle = "#e53935";
    ctx.beginPath();
    ctx.roundRect(x, y, w, r * 2, r);
    ctx.fill();
    ctx.fillStyle = "#ffffff";
    ctx.font = `bold ${String(Math.round(size * 0.36))}px system-ui, sans-serif`;
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.fillText(label, x + w / 2, y + r + 1);
  }
  try {
    return canvas.toDataURL("image/png");
  } catch {
    return null;
  }
}
