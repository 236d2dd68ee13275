/**
 * Pixel work for QR decoding, on plain arrays so the same code runs in the renderer's worker and in
 * Node (command line, benchmark). No DOM, no Node imports.
 */
export interface ImageDataLike {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

export interface Gray {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

export function toGray(img: ImageDataLike): Gray {
  const { width, height, data } = img;
  const out = new Uint8ClampedArray(width * height);
  for (let i = 0, o = 0; o < out.length; i += 4, o++) out[o] = (data[i] * 77 + data[i + 1] * 150 + data[i + 2] * 29) >> 8;
  return { data: out, width, height };
}

export function grayToRgba(g: Gray): ImageDataLike {
  const data = new Uint8ClampedArray(g.width * g.height * 4);
  for (let o = 0, i = 0; o < g.data.length; o++, i += 4) {
    data[i] = data[i + 1] = data[i + 2] = g.data[o];
    data[i + 3] = 255;
  }
  return { data, width: g.width, height: g.height };
}

/** Bilinear scaling by `factor` (above 1 enlarges). */
export function scale(g: Gray, factor: number): Gray {
  const width = Math.max(1, Math.round(g.width * factor));
  const height = Math.max(1, Math.round(g.height * factor));
  const out = new Uint8ClampedArray(width * height);
  const sx = (g.width - 1) / Math.max(1, width - 1);
  const sy = (g.height - 1) / Math.max(1, height - 1);
  for (let y = 0; y < height; y++) {
    const fy = y * sy;
    const y0 = Math.floor(fy);
    const y1 = Math.min(g.height - 1, y0 + 1);
    const wy = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = x * sx;
      const x0 = Math.floor(fx);
      const x1 = Math.min(g.width - 1, x0 + 1);
      const wx = fx - x0;
      const top = g.data[y0 * g.width + x0] * (1 - wx) + g.data[y0 * g.width + x1] * wx;
      const bottom = g.data[y1 * g.width + x0] * (1 - wx) + g.data[y1 * g.width + x1] * wx;
      out[y * width + x] = top * (1 - wy) + bottom * wy;
    }
  }
  return { data: out, width, height };
}

/** A box blur of radius `r`, separable, used by the unsharp mask. */
function boxBlur(g: Gray, r: number): Uint8ClampedArray {
  const { width, height } = g;
  const tmp = new Float32Array(width * height);
  const out = new Uint8ClampedArray(width * height);
  const n = 2 * r + 1;
  for (let y = 0; y < height; y++) {
    let sum = 0;
    const row = y * width;
    for (let k = -r; k <= r; k++) sum += g.data[row + Math.min(width - 1, Math.max(0, k))];
    for (let x = 0; x < width; x++) {
      tmp[row + x] = sum / n;
      sum += g.data[row + Math.min(width - 1, x + r + 1)] - g.data[row + Math.max(0, x - r)];
    }
  }
  for (let x = 0; x < width; x++) {
    let sum = 0;
    for (let k = -r; k <= r; k++) sum += tmp[Math.min(height - 1, Math.max(0, k)) * width + x];
    for (let y = 0; y < height; y++) {
      out[y * width + x] = sum / n;
      sum += tmp[Math.min(height - 1, y + r + 1) * width + x] - tmp[Math.max(0, y - r) * width + x];
    }
  }
  return out;
}

/** Unsharp mask: the image plus `amount` times its difference from a blur of radius `r`. */
export function sharpen(g: Gray, r: number, amount: number): Gray {
  const blurred = boxBlur(g, r);
  const out = new Uint8ClampedArray(g.data.length);
  for (let i = 0; i < out.length; i++) out[i] = g.data[i] + amount * (g.data[i] - blurred[i]);
  return { data: out, width: g.width, height: g.height };
}

export function crop(g: Gray, r: { x: number; y: number; width: number; height: number }): Gray {
  const out = new Uint8ClampedArray(r.width * r.height);
  for (let y = 0; y < r.height; y++) out.set(g.data.subarray((r.y + y) * g.width + r.x, (r.y + y) * g.width + r.x + r.width), y * r.width);
  return { data: out, width: r.width, height: r.height };
}
