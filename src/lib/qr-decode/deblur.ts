/**
 * Wiener deconvolution for camera frames that sharpening cannot save: a defocused or shaken picture is
 * the sharp one convolved with a blur kernel, so dividing by the kernel's spectrum (damped by a
 * noise term K, which keeps noise from exploding where the kernel passes almost nothing) brings edges
 * back. The kernel is not known, so the decoder tries a small bank: round defocus of a few widths and
 * a short line of shake along each axis. The frame's spectrum is computed once for the whole bank.
 * Plain arrays and fft.js, so it runs in the renderer's worker and in Node alike.
 */
import FFT from 'fft.js';
import type { Gray } from './image';

export interface BlurKernel {
  name: string;
  /** The kernel's weight at an offset from its centre (need not sum to 1). */
  weight(dx: number, dy: number): number;
  radius: number;
  /** Noise-to-signal ratio assumed: larger is gentler. */
  k: number;
}

export const defocusKernel = (sigma: number, k: number): BlurKernel => ({
  name: `defocus σ${sigma}`,
  weight: (x, y) => Math.exp(-(x * x + y * y) / (2 * sigma * sigma)),
  radius: Math.ceil(3 * sigma),
  k,
});

export const shakeKernel = (length: number, horizontal: boolean, k: number): BlurKernel => ({
  name: `shake ${length}${horizontal ? 'h' : 'v'}`,
  weight: (x, y) => ((horizontal ? y : x) === 0 && Math.abs(horizontal ? x : y) <= length / 2 ? 1 : 0),
  radius: Math.ceil(length / 2),
  k,
});

/** Defocus and shake together: a round blur smeared along one axis. */
export const shakenDefocusKernel = (sigma: number, length: number, horizontal: boolean, k: number): BlurKernel => {
  const half = Math.floor(length / 2);
  return {
    name: `defocus σ${sigma} + shake ${length}${horizontal ? 'h' : 'v'}`,
    weight: (x, y) => {
      let w = 0;
      for (let t = -half; t <= half; t++) {
        const dx = horizontal ? x - t : x;
        const dy = horizontal ? y : y - t;
        w += Math.exp(-(dx * dx + dy * dy) / (2 * sigma * sigma));
      }
      return w;
    },
    radius: Math.ceil(3 * sigma) + half,
    k,
  };
};

const pow2 = (n: number) => 1 << Math.ceil(Math.log2(n));

/** A 2-D transform of a W×H grid (powers of two) held as separate real and imaginary planes. */
function fft2(re: Float64Array, im: Float64Array, w: number, h: number, inverse: boolean): void {
  const rows = new FFT(w);
  const cols = new FFT(h);
  const inRow = rows.createComplexArray() as number[];
  const outRow = rows.createComplexArray() as number[];
  for (let y = 0; y < h; y++) {
    const o = y * w;
    for (let x = 0; x < w; x++) {
      inRow[2 * x] = re[o + x];
      inRow[2 * x + 1] = im[o + x];
    }
    if (inverse) rows.inverseTransform(outRow, inRow);
    else rows.transform(outRow, inRow);
    for (let x = 0; x < w; x++) {
      re[o + x] = outRow[2 * x];
      im[o + x] = outRow[2 * x + 1];
    }
  }
  const inCol = cols.createComplexArray() as number[];
  const outCol = cols.createComplexArray() as number[];
  for (let x = 0; x < w; x++) {
    for (let y = 0; y < h; y++) {
      inCol[2 * y] = re[y * w + x];
      inCol[2 * y + 1] = im[y * w + x];
    }
    if (inverse) cols.inverseTransform(outCol, inCol);
    else cols.transform(outCol, inCol);
    for (let y = 0; y < h; y++) {
      re[y * w + x] = outCol[2 * y];
      im[y * w + x] = outCol[2 * y + 1];
    }
  }
}

/**
 * Prepares a frame for deconvolution (padded to powers of two without a seam, and transformed once)
 * and returns a function that deconvolves it with one kernel.
 */
export function deconvolver(g: Gray): (kernel: BlurKernel) => Gray {
  const w = pow2(g.width + 16);
  const h = pow2(g.height + 16);
  const re = new Float64Array(w * h);
  const im = new Float64Array(w * h);
  // The transform treats the picture as repeating: the padding fades from the right (bottom) edge's
  // mirror into the left (top) edge's, so the repeat has no seam to ring from.
  const padX = w - g.width;
  const padY = h - g.height;
  for (let y = 0; y < g.height; y++) {
    const row = y * g.width;
    for (let x = 0; x < g.width; x++) re[y * w + x] = g.data[row + x];
    for (let i = 0; i < padX; i++) {
      const t = (i + 0.5) / padX;
      const right = g.data[row + Math.max(0, g.width - 1 - Math.min(i, g.width - 1))];
      const left = g.data[row + Math.min(g.width - 1, padX - 1 - i)];
      re[y * w + g.width + i] = (1 - t) * right + t * left;
    }
  }
  for (let j = 0; j < padY; j++) {
    const t = (j + 0.5) / padY;
    const bottom = Math.max(0, g.height - 1 - Math.min(j, g.height - 1)) * w;
    const top = Math.min(g.height - 1, padY - 1 - j) * w;
    for (let x = 0; x < w; x++) re[(g.height + j) * w + x] = (1 - t) * re[bottom + x] + t * re[top + x];
  }
  fft2(re, im, w, h, false);
  return (kernel) => {
    const kr = new Float64Array(w * h);
    const ki = new Float64Array(w * h);
    let sum = 0;
    for (let dy = -kernel.radius; dy <= kernel.radius; dy++) {
      for (let dx = -kernel.radius; dx <= kernel.radius; dx++) {
        const v = kernel.weight(dx, dy);
        sum += v;
        kr[((dy + h) % h) * w + ((dx + w) % w)] += v;
      }
    }
    for (let i = 0; i < kr.length; i++) kr[i] /= sum;
    fft2(kr, ki, w, h, false);
    const or = new Float64Array(w * h);
    const oi = new Float64Array(w * h);
    for (let i = 0; i < or.length; i++) {
      const a = kr[i];
      const b = ki[i];
      const d = a * a + b * b + kernel.k;
      or[i] = (re[i] * a + im[i] * b) / d;
      oi[i] = (im[i] * a - re[i] * b) / d;
    }
    fft2(or, oi, w, h, true);
    const out = new Uint8ClampedArray(g.width * g.height);
    for (let y = 0; y < g.height; y++) for (let x = 0; x < g.width; x++) out[y * g.width + x] = or[y * w + x];
    return { data: out, width: g.width, height: g.height };
  };
}
