import { boxMean, type Grey } from './grey';

/**
 * Finding the lines of a machine-readable zone in a page: dark marks of about one size, one beside
 * the next at an even pitch, thirty or more in a row (the zone prints its fillers, so its lines run
 * unbroken from edge to edge). The page may be turned a little, lit unevenly and out of focus.
 */

export interface Mark {
  left: number;
  top: number;
  right: number;
  bottom: number;
  pixels: number;
}

export interface TextLine {
  /** Direction along the line (cos, sin) and the offset of its middle across it. */
  cos: number;
  sin: number;
  across: number;
  /** Where its first and last marks begin and end, along it. */
  from: number;
  to: number;
  /** Centres of the first and last marks along the line, and whether each is one character wide. */
  firstCentre: number;
  lastCentre: number;
  firstSingle: boolean;
  lastSingle: boolean;
  capHeight: number;
  /** The median step from one mark to the next. */
  step: number;
  marks: number;
}

/** Dark on light, decided against the mean of a window around each pixel, so uneven light does not matter. */
function darkMask(g: Grey, window: number): Uint8Array {
  const mask = new Uint8Array(g.width * g.height);
  const half = window >> 1;
  for (let y = 0; y < g.height; y++) {
    for (let x = 0; x < g.width; x++) {
      const v = g.data[y * g.width + x];
      const mean = boxMean(g, x - half, y - half, x + half + 1, y + half + 1);
      if (v < mean * 0.86 && mean - v > 10) mask[y * g.width + x] = 1;
    }
  }
  return mask;
}

/** Connected dark marks (4-neighbours), by union–find over one pass. */
function marksOf(mask: Uint8Array, width: number, height: number): Mark[] {
  const labels = new Int32Array(mask.length);
  const parent: number[] = [0];
  const find = (a: number): number => {
    while (parent[a] !== a) {
      parent[a] = parent[parent[a]];
      a = parent[a];
    }
    return a;
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (!mask[i]) continue;
      const up = y > 0 ? labels[i - width] : 0;
      const left = x > 0 ? labels[i - 1] : 0;
      if (!up && !left) {
        parent.push(parent.length);
        labels[i] = parent.length - 1;
      } else if (up && left) {
        const a = find(up);
        const b = find(left);
        labels[i] = Math.min(a, b);
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      } else labels[i] = up || left;
    }
  }
  const boxes = new Map<number, Mark>();
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const l = labels[y * width + x];
      if (!l) continue;
      const root = find(l);
      const box = boxes.get(root);
      if (!box) boxes.set(root, { left: x, top: y, right: x + 1, bottom: y + 1, pixels: 1 });
      else {
        if (x < box.left) box.left = x;
        if (x + 1 > box.right) box.right = x + 1;
        if (y + 1 > box.bottom) box.bottom = y + 1;
        box.pixels++;
      }
    }
  }
  return [...boxes.values()];
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[s.length >> 1] : 0;
};

/** Marks chained left to right: each to the nearest one just after it, at the same height. */
function chains(marks: Mark[]): Mark[][] {
  const sorted = [...marks].sort((a, b) => a.left - b.left);
  const next = new Int32Array(sorted.length).fill(-1);
  const prevCost = new Float64Array(sorted.length).fill(Infinity);
  const prev = new Int32Array(sorted.length).fill(-1);
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i];
    const ha = a.bottom - a.top;
    const ca = (a.top + a.bottom) / 2;
    let best = -1;
    let bestCost = Infinity;
    for (let j = i + 1; j < sorted.length; j++) {
      const b = sorted[j];
      if (b.left - a.right > 1.6 * ha + 2) break;
      const hb = b.bottom - b.top;
      const h = Math.max(ha, hb);
      if (Math.min(ha, hb) < 0.3 * h) continue;
      const gap = b.left - a.right;
      if (gap < -0.3 * h || gap > 1.4 * h) continue;
      if ((b.left + b.right) / 2 <= (a.left + a.right) / 2) continue;
      const dy = Math.abs((b.top + b.bottom) / 2 - ca);
      if (dy > 0.45 * h) continue;
      const cost = Math.max(gap, 0) + 2 * dy;
      if (cost < bestCost) {
        bestCost = cost;
        best = j;
      }
    }
    if (best >= 0 && bestCost < prevCost[best]) {
      if (prev[best] >= 0) next[prev[best]] = -1;
      prev[best] = i;
      prevCost[best] = bestCost;
      next[i] = best;
    }
  }
  const out: Mark[][] = [];
  for (let i = 0; i < sorted.length; i++) {
    if (prev[i] >= 0) continue;
    const chain: Mark[] = [];
    for (let k = i; k >= 0; k = next[k]) chain.push(sorted[k]);
    if (chain.length >= 20) out.push(chain);
  }
  return out;
}

/** Fits a line through a chain's tall marks: its slope, its capitals' height and its ends. */
function fitLine(chain: Mark[], pitchOverCap: number): TextLine | null {
  // The capitals and digits are the line's tallest marks (the fillers are shorter, a zero a little taller).
  const heights = chain.map((m) => m.bottom - m.top).sort((a, b) => a - b);
  const tallest = heights[Math.floor(heights.length * 0.9)];
  const tall = chain.filter((m) => m.bottom - m.top >= 0.9 * tallest && m.bottom - m.top <= 1.05 * tallest && m.right - m.left <= 1.6 * tallest);
  if (tall.length < 8) return null;
  const xs = tall.map((m) => (m.left + m.right) / 2);
  const ys = tall.map((m) => (m.top + m.bottom) / 2);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  const angle = Math.atan(slope);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  // A turned box is taller than its character: h = (cos·H − sin·W) / (cos² − sin²).
  const capHeight = median(tall.map((m) => (cos * (m.bottom - m.top) - Math.abs(sin) * (m.right - m.left)) / (cos * cos - sin * sin)));
  const along = (x: number, y: number) => x * cos + y * sin;
  const across = -mx * sin + my * cos;
  const ends = chain.map((m) => {
    const centre = along((m.left + m.right) / 2, (m.top + m.bottom) / 2);
    const halfWidth = ((m.right - m.left) * cos) / 2;
    return { centre, from: centre - halfWidth, to: centre + halfWidth, width: 2 * halfWidth };
  });
  ends.sort((a, b) => a.centre - b.centre);
  const steps: number[] = [];
  for (let i = 1; i < ends.length; i++) steps.push(ends[i].centre - ends[i - 1].centre);
  const first = ends[0];
  const last = ends[ends.length - 1];
  const single = (w: number) => w <= 1.15 * capHeight * pitchOverCap;
  return {
    cos,
    sin,
    across,
    from: first.from,
    to: last.to,
    firstCentre: first.centre,
    lastCentre: last.centre,
    firstSingle: single(first.width),
    lastSingle: single(last.width),
    capHeight,
    step: median(steps),
    marks: chain.length,
  };
}

/** Lines of thirty or more even marks in the page, top to bottom. */
export function findLines(g: Grey, pitchOverCap: number): TextLine[] {
  const small = Math.min(g.width, g.height);
  const window = Math.max(15, Math.min(61, Math.round(small / 30) | 1));
  const mask = darkMask(g, window);
  const marks = marksOf(mask, g.width, g.height).filter((m) => {
    const h = m.bottom - m.top;
    const w = m.right - m.left;
    return h >= 4 && h <= small / 6 && w <= 40 * h && m.pixels >= 6 && m.pixels >= 0.08 * w * h;
  });
  const lines: TextLine[] = [];
  for (const chain of chains(marks)) {
    const line = fitLine(chain, pitchOverCap);
    if (line) lines.push(line);
  }
  return lines.sort((a, b) => a.across - b.across);
}
