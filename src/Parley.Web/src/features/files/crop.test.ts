import { describe, expect, it } from "vitest";
import { clampOffset, drawnSize, initialCrop, moveBy, sourceRect, zoomTo } from "./crop";

describe("crop maths", () => {
  it("covers the square at zoom 1 with the short side", () => {
    expect(drawnSize(800, 400, 200, 1)).toEqual({ width: 400, height: 200 });
    expect(drawnSize(800, 400, 200, 2)).toEqual({ width: 800, height: 400 });
  });

  it("starts centred and crops the middle square", () => {
    const s = initialCrop(800, 400, 200);
    expect(s).toEqual({ zoom: 1, x: -100, y: 0 });
    expect(sourceRect(800, 400, 200, s)).toEqual({ sx: 200, sy: 0, size: 400 });
  });

  it("never lets the picture uncover the square", () => {
    const s = initialCrop(800, 400, 200);
    expect(moveBy(800, 400, 200, s, 500, 500)).toEqual({ zoom: 1, x: 0, y: 0 });
    expect(moveBy(800, 400, 200, s, -500, -500)).toEqual({ zoom: 1, x: -200, y: 0 });
    expect(clampOffset(100, 100, 200, { zoom: 9, x: 0, y: 0 }).zoom).toBe(4);
    expect(clampOffset(100, 100, 200, { zoom: 0.2, x: 10, y: 10 })).toEqual({ zoom: 1, x: 0, y: 0 });
  });

  it("zooms about the centre", () => {
    const s = zoomTo(400, 400, 200, initialCrop(400, 400, 200), 2);
    expect(s).toEqual({ zoom: 2, x: -100, y: -100 });
    expect(sourceRect(400, 400, 200, s)).toEqual({ sx: 100, sy: 100, size: 200 });
    const back = zoomTo(400, 400, 200, s, 1);
    expect(back).toEqual({ zoom: 1, x: 0, y: 0 });
  });

  it("maps a moved, zoomed view back to the picture's pixels", () => {
    const s = moveBy(1000, 500, 100, zoomTo(1000, 500, 100, initialCrop(1000, 500, 100), 2), -50, 0);
    const r = sourceRect(1000, 500, 100, s);
    expect(r.size).toBe(250);
    expect(r.sx + r.size).toBeLessThanOrEqual(1000);
    expect(r.sy).toBe(125);
  });
});
