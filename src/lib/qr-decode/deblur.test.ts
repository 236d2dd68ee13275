import { describe, expect, it } from 'vitest';
import { deconvolver, defocusKernel, shakeKernel, shakenDefocusKernel, type BlurKernel } from './deblur';
import type { Gray } from './image';

/** Squares of 4 pixels, dark and light, like QR modules: 96×64. */
function modules(): Gray {
  const width = 96, height = 64;
  const data = new Uint8ClampedArray(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = ((x >> 2) * 7 + (y >> 2) * 3) % 5 < 2 ? 30 : 220;
  return { data, width, height };
}

/** The blur the kernel describes, done directly (edges clamped), to check the deconvolution against. */
function blur(g: Gray, k: BlurKernel): Gray {
  const out = new Uint8ClampedArray(g.data.length);
  for (let y = 0; y < g.height; y++) {
    for (let x = 0; x < g.width; x++) {
      let s = 0, n = 0;
      for (let dy = -k.radius; dy <= k.radius; dy++) {
        for (let dx = -k.radius; dx <= k.radius; dx++) {
          const w = k.weight(dx, dy);
          const yy = Math.min(g.height - 1, Math.max(0, y - dy));
          const xx = Math.min(g.width - 1, Math.max(0, x - dx));
          s += w * g.data[yy * g.width + xx];
          n += w;
        }
      }
      out[y * g.width + x] = s / n;
    }
  }
  return { data: out, width: g.width, height: g.height };
}

/**
 * How far apart a reader's threshold can tell the modules: the darkest light module's centre minus the
 * lightest dark module's (edges left out). A blur closes this gap; undoing it should open it again.
 */
function eye(img: Gray, truth: Gray): number {
  let minLight = 255, maxDark = 0;
  for (let my = 2; my < img.height / 4 - 2; my++) {
    for (let mx = 2; mx < img.width / 4 - 2; mx++) {
      const i = (my * 4 + 2) * img.width + mx * 4 + 2;
      if (truth.data[i] < 125) maxDark = Math.max(maxDark, img.data[i]);
      else minLight = Math.min(minLight, img.data[i]);
    }
  }
  return minLight - maxDark;
}

describe('Wiener deconvolution', () => {
  for (const kernel of [defocusKernel(2, 0.002), shakeKernel(7, true, 0.01), shakeKernel(7, false, 0.01), shakenDefocusKernel(1.6, 5, true, 0.01)]) {
    it(`opens up modules a ${kernel.name} blur ran together`, () => {
      const sharp = modules();
      const blurred = blur(sharp, kernel);
      const restored = deconvolver(blurred)(kernel);
      expect(eye(blurred, sharp)).toBeLessThan(40);
      expect(eye(restored, sharp)).toBeGreaterThan(3 * eye(blurred, sharp));
    });
  }

  it('leaves a picture without blur as it was, and keeps its size', () => {
    const sharp = modules();
    const out = deconvolver(sharp)(defocusKernel(0.3, 0.01));
    expect([out.width, out.height]).toEqual([sharp.width, sharp.height]);
    let worst = 0;
    for (let i = 0; i < out.data.length; i++) worst = Math.max(worst, Math.abs(out.data[i] - sharp.data[i]));
    expect(worst).toBeLessThan(8);
  });
});
