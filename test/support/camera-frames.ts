/**
 * Camera-like pictures of a printed notice: the QR code on a sheet of paper held at an angle in front
 * of a desk, rendered by inverse perspective mapping with 2×2 supersampling. Degradations (defocus,
 * motion blur, noise, uneven light) are applied on top for the benchmark. Pure TypeScript on RGBA
 * buffers, so the tests and the benchmark need no image library beyond the QR matrix.
 */
import QRCode from 'qrcode';

export interface Rgba {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

type Point = [number, number];

/** The homography taking the unit square's corners (0,0),(1,0),(1,1),(0,1) to `to`. */
function squareToQuad(to: Point[]): number[] {
  const [[x0, y0], [x1, y1], [x2, y2], [x3, y3]] = to;
  const dx1 = x1 - x2, dx2 = x3 - x2, dx3 = x0 - x1 + x2 - x3;
  const dy1 = y1 - y2, dy2 = y3 - y2, dy3 = y0 - y1 + y2 - y3;
  const den = dx1 * dy2 - dx2 * dy1;
  const g = (dx3 * dy2 - dx2 * dy3) / den;
  const h = (dx1 * dy3 - dx3 * dy1) / den;
  return [x1 - x0 + g * x1, x3 - x0 + h * x3, x0, y1 - y0 + g * y1, y3 - y0 + h * y3, y0, g, h, 1];
}

function invert3(m: number[]): number[] {
  const [a, b, c, d, e, f, g, h, i] = m;
  const A = e * i - f * h, B = -(d * i - f * g), C = d * h - e * g;
  const det = a * A + b * B + c * C;
  return [A / det, -(b * i - c * h) / det, (b * f - c * e) / det, B / det, (a * i - c * g) / det, -(a * f - c * d) / det, C / det, -(a * h - b * g) / det, (a * e - b * d) / det];
}

export interface SceneOptions {
  width: number;
  height: number;
  /** Corners of the sheet in the frame, clockwise from top-left, as fractions of the frame. */
  corners: Point[];
  /** Brightness of the lit side and the dark side (0–1), for uneven light. */
  light?: [number, number];
}

/** A notice sheet with the QR code in its upper part, photographed as `opts` says. */
export function renderNotice(text: string, opts: SceneOptions): Rgba {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const modules = qr.modules.data;
  const { width, height } = opts;
  const quad = opts.corners.map(([x, y]) => [x * width, y * height] as Point);
  const inv = invert3(squareToQuad(quad));
  const [lit, dark] = opts.light ?? [1, 1];
  // The sheet is A4-like (1:1.41); the QR sits in a square at the top, quiet zone included.
  const qrLeft = 0.2, qrTop = 0.1, qrSide = 0.6, quiet = 4;
  const sample = (x: number, y: number): number => {
    const w = inv[6] * x + inv[7] * y + inv[8];
    const u = (inv[0] * x + inv[1] * y + inv[2]) / w;
    const v = (inv[3] * x + inv[4] * y + inv[5]) / w;
    if (u < 0 || u > 1 || v < 0 || v > 1) return 90 + 40 * (y / height); // the desk
    const qu = (u - qrLeft) / qrSide;
    const qv = (v * 1.41 - qrTop) / qrSide;
    let paper = 235;
    if (qu >= 0 && qu < 1 && qv >= 0 && qv < 1) {
      const mx = Math.floor(qu * (size + 2 * quiet)) - quiet;
      const my = Math.floor(qv * (size + 2 * quiet)) - quiet;
      if (mx >= 0 && my >= 0 && mx < size && my < size && modules[my * size + mx]) paper = 25;
    } else if (v > 0.55 && v < 0.95 && u > 0.1 && u < 0.9 && Math.floor(v * 60) % 3 === 0 && Math.sin(u * 90) > -0.3) {
      paper = 120; // lines of printed text below the code
    }
    return paper;
  };
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const g = (sample(x + 0.25, y + 0.25) + sample(x + 0.75, y + 0.25) + sample(x + 0.25, y + 0.75) + sample(x + 0.75, y + 0.75)) / 4;
      const shade = lit + (dark - lit) * (x / width);
      const o = (y * width + x) * 4;
      data[o] = data[o + 1] = data[o + 2] = g * shade;
      data[o + 3] = 255;
    }
  }
  return { data, width, height };
}

/** Deterministic noise source, so a benchmark set is the same on every run. */
export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 4294967296);
}

function blurLine(src: Rgba, dx: number, dy: number, length: number): Rgba {
  const { width, height, data } = src;
  const out = new Uint8ClampedArray(data.length);
  const half = Math.floor(length / 2);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0, n = 0;
      for (let k = -half; k <= half; k++) {
        const xx = Math.min(width - 1, Math.max(0, x + k * dx));
        const yy = Math.min(height - 1, Math.max(0, y + k * dy));
        sum += data[(yy * width + xx) * 4];
        n++;
      }
      const o = (y * width + x) * 4;
      out[o] = out[o + 1] = out[o + 2] = sum / n;
      out[o + 3] = 255;
    }
  }
  return { data: out, width, height };
}

/** Defocus as a separable box blur of the given radius, applied twice (close to a Gaussian). */
export function defocus(img: Rgba, radius: number): Rgba {
  if (radius < 1) return img;
  const len = 2 * radius + 1;
  return blurLine(blurLine(blurLine(blurLine(img, 1, 0, len), 0, 1, len), 1, 0, len), 0, 1, len);
}

export function motionBlur(img: Rgba, length: number, horizontal: boolean): Rgba {
  return length < 2 ? img : blurLine(img, horizontal ? 1 : 0, horizontal ? 0 : 1, length);
}

export function addNoise(img: Rgba, amplitude: number, random: () => number): Rgba {
  const data = new Uint8ClampedArray(img.data);
  for (let i = 0; i < data.length; i += 4) {
    const n = (random() + random() + random() - 1.5) * amplitude;
    data[i] = data[i + 1] = data[i + 2] = data[i] + n;
  }
  return { data, width: img.width, height: img.height };
}

/** A YUV4MPEG2 (4:2:0) video of `frames`, for Chromium's fake camera. */
export function toY4m(frames: Rgba[], fps = 10): Buffer {
  const { width, height } = frames[0];
  const parts: Buffer[] = [Buffer.from(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`)];
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  for (const f of frames) {
    const y = Buffer.alloc(width * height);
    for (let i = 0; i < width * height; i++) y[i] = f.data[i * 4];
    parts.push(Buffer.from('FRAME\n'), y, chroma);
  }
  return Buffer.concat(parts);
}
