/**
 * The avatar crop: the picture is drawn under a square viewport of `view` pixels. At zoom 1 it just covers the
 * square (its short side fits); zoom multiplies that. The offset is where the picture's top-left corner sits,
 * relative to the viewport's, and is always clamped so that the picture covers the whole square.
 */
export interface CropState {
  zoom: number;
  x: number;
  y: number;
}

export const MIN_ZOOM = 1;
export const MAX_ZOOM = 4;

/** The picture's drawn size in viewport pixels. */
export function drawnSize(imageWidth: number, imageHeight: number, view: number, zoom: number): { width: number; height: number } {
  const cover = view / Math.min(imageWidth, imageHeight);
  const scale = cover * zoom;
  return { width: imageWidth * scale, height: imageHeight * scale };
}

export function clampOffset(imageWidth: number, imageHeight: number, view: number, state: CropState): CropState {
  const zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, state.zoom));
  const { width, height } = drawnSize(imageWidth, imageHeight, view, zoom);
  const clamp = (v: number, size: number) => Math.min(0, Math.max(view - size, v));
  return { zoom, x: clamp(state.x, width), y: clamp(state.y, height) };
}

/** Centred at zoom 1. */
export function initialCrop(imageWidth: number, imageHeight: number, view: number): CropState {
  const { width, height } = drawnSize(imageWidth, imageHeight, view, 1);
  return { zoom: 1, x: (view - width) / 2, y: (view - height) / 2 };
}

/** Zooms keeping the viewport's centre on the same point of the picture. */
export function zoomTo(imageWidth: number, imageHeight: number, view: number, state: CropState, zoom: number): CropState {
  const before = drawnSize(imageWidth, imageHeight, view, state.zoom);
  const z = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
  const after = drawnSize(imageWidth, imageHeight, view, z);
  const cx = (view / 2 - state.x) / before.width;
  const cy = (view / 2 - state.y) / before.height;
  return clampOffset(imageWidth, imageHeight, view, { zoom: z, x: view / 2 - cx * after.width, y: view / 2 - cy * after.height });
}

export function moveBy(imageWidth: number, imageHeight: number, view: number, state: CropState, dx: number, dy: number): CropState {
  return clampOffset(imageWidth, imageHeight, view, { ...state, x: state.x + dx, y: state.y + dy });
}

/** The square of the original picture (in its own pixels) that the viewport shows. */
export function sourceRect(imageWidth: number, imageHeight: number, view: number, state: CropState): { sx: number; sy: number; size: number } {
  const { width } = drawnSize(imageWidth, imageHeight, view, state.zoom);
  const perPixel = imageWidth / width;
  const size = view * perPixel;
  const sx = Math.min(imageWidth - size, Math.max(0, -state.x * perPixel));
  const sy = Math.min(imageHeight - size, Math.max(0, -state.y * perPixel));
  return { sx, sy, size };
}
