import { deconvolver, defocusKernel, shakeKernel, shakenDefocusKernel } from './deblur';
import { crop, grayToRgba, scale, sharpen, toGray, type Gray, type ImageDataLike } from './image';

interface Point {
  x: number;
  y: number;
}

/** The part of zxing-wasm's reader the decoder needs; each host passes its own loaded module. */
export type ZxingRead = (
  image: ImageDataLike,
  options: Record<string, unknown>,
) => Promise<{ text: string; isValid: boolean; position?: { topLeft: Point; topRight: Point; bottomLeft: Point; bottomRight: Point } }[]>;

export const QR_READER_OPTIONS = {
  formats: ['QRCode'],
  tryHarder: true,
  tryRotate: true,
  tryInvert: true,
  tryDownscale: true,
  maxNumberOfSymbols: 1,
  // The raw text, not zxing's human-readable rendering (which writes control characters as <SOH>).
  textMode: 'Plain',
};

/** First pass: as plain, but also report symbols found and not decoded, with their position. */
const FIRST_PASS = { ...QR_READER_OPTIONS, returnErrors: true, maxNumberOfSymbols: 4 };
/** Retries run on a prepared image, so zxing's own rotations, inversions and downscaling are not needed. */
const RETRY = { formats: ['QRCode'], tryHarder: true, tryRotate: false, tryInvert: false, tryDownscale: false, maxNumberOfSymbols: 1, textMode: 'Plain' };

export interface DecodeOutcome {
  text: string | null;
  /** Which pass read it: plain zxing, or a retry on an enhanced copy. */
  pass: 'plain' | 'region' | 'upscaled' | 'deblurred' | null;
}

/**
 * The blur kernels tried last, most productive first (measured on the benchmark's camera-like frames,
 * 2026-11-27): defocus of three widths with the noise damping that suited each, and a short shake
 * along either axis.
 */
const DEBLUR_BANK = [
  defocusKernel(2, 0.01),
  defocusKernel(2.5, 0.002),
  defocusKernel(1.6, 0.04),
  shakeKernel(7, true, 0.01),
  shakeKernel(7, false, 0.01),
  defocusKernel(2.5, 0.01),
  defocusKernel(1.2, 0.01),
  shakenDefocusKernel(2, 5, true, 0.01),
  shakenDefocusKernel(2, 5, false, 0.01),
];

type Region = { x: number; y: number; width: number; height: number };

function regionOf(p: { topLeft: Point; topRight: Point; bottomLeft: Point; bottomRight: Point }, img: Gray): Region | null {
  const xs = [p.topLeft.x, p.topRight.x, p.bottomLeft.x, p.bottomRight.x];
  const ys = [p.topLeft.y, p.topRight.y, p.bottomLeft.y, p.bottomRight.y];
  const side = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
  if (!(side > 8)) return null;
  // A margin of a quarter of the code: the finder patterns may sit a little outside the estimate.
  const m = side * 0.25;
  const x = Math.max(0, Math.floor(Math.min(...xs) - m));
  const y = Math.max(0, Math.floor(Math.min(...ys) - m));
  return { x, y, width: Math.min(img.width, Math.ceil(Math.max(...xs) + m)) - x, height: Math.min(img.height, Math.ceil(Math.max(...ys) + m)) - y };
}

/** Prefer a permit code where a picture holds several (a notice may carry more than one QR code). */
function pick(results: { text: string; isValid: boolean }[]): string | null {
  const valid = results.filter((r) => r.isValid);
  return (valid.find((r) => r.text.startsWith('WPN')) ?? valid[0])?.text ?? null;
}

/**
 * The app's QR decoder. Plain zxing-wasm first. When it finds a code but cannot decode it (blur,
 * noise, modules of two or three pixels in a camera frame), the code's region is cut out, enlarged
 * and sharpened, and read again; then the whole frame is read again enlarged, as is and sharpened;
 * last, the frame is deblurred with a small bank of kernels (deblur.ts).
 * Measured by `npm run bench -- qr` against plain zxing-wasm.
 */
export interface DecodeOptions {
  /**
   * `quick`: plain zxing and the retries on a code it found but could not read (tens of milliseconds);
   * `all` (the default): then the whole-frame passes, enlarged, sharpened and deblurred. A live camera
   * runs the quick passes on every frame and the rest beside them, so a code never waits behind them.
   */
  passes?: 'quick' | 'all';
  /** False to skip the deblurring pass. */
  deblur?: boolean;
}

export function createQrDecoder(read: ZxingRead): (image: ImageDataLike, opts?: DecodeOptions) => Promise<DecodeOutcome> {
  const first = async (img: Gray) => pick(await read(grayToRgba(img), RETRY));
  return async (image, opts = {}) => {
    const results = await read(image, FIRST_PASS);
    const plain = pick(results);
    if (plain !== null) return { text: plain, pass: 'plain' };
    const gray = toGray(image);
    const regions = results
      .map((r) => (r.position ? regionOf(r.position, gray) : null))
      .filter((r): r is Region => r !== null)
      .slice(0, 2);
    for (const r of regions) {
      const part = crop(gray, r);
      // About 900 pixels across: four or more pixels a module even for the densest permit codes.
      const factor = Math.min(4, 900 / Math.max(part.width, part.height));
      const enlarged = factor > 1.1 ? scale(part, factor) : part;
      for (const [radius, amount] of [[2, 1.2], [3, 2]] as const) {
        const text = await first(sharpen(enlarged, radius, amount));
        if (text !== null) return { text, pass: 'region' };
      }
    }
    if (opts.passes === 'quick') return { text: null, pass: null };
    // Nothing decodable found: enlarge the whole frame (to about two megapixels, where zxing's
    // binarizer separates modules of two or three pixels), read it as is, then sharpened.
    const factor = Math.min(2, Math.sqrt(2_000_000 / (gray.width * gray.height)));
    if (factor > 1.2) {
      const enlarged = scale(gray, factor);
      // Sharpened twice: at a module's scale (radius 3), then harder and wider (radius 5, amount 4),
      // which measured best on defocused frames that the milder pass left unread.
      const text = (await first(enlarged)) ?? (await first(sharpen(enlarged, 3, 2))) ?? (await first(sharpen(enlarged, 5, 4)));
      if (text !== null) return { text, pass: 'upscaled' };
    }
    // Last, undo the blur itself (Wiener deconvolution) with each kernel of the bank, then enlarge.
    // Only a frame every other pass failed pays for this (about 0.1 s a kernel at 1280×720); a live
    // camera asks for it on some frames only, so that an empty desk does not slow the stream down.
    if (opts.deblur !== false && gray.width * gray.height <= 2_500_000) {
      const deconvolve = deconvolver(gray);
      for (const kernel of DEBLUR_BANK) {
        const sharp = deconvolve(kernel);
        const text = await first(factor > 1.2 ? scale(sharp, factor) : sharp);
        if (text !== null) return { text, pass: 'deblurred' };
      }
    }
    return { text: null, pass: null };
  };
}
