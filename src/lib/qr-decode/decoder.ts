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
  pass: 'plain' | 'region' | 'upscaled' | null;
}

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
 * and sharpened, and read again; then the whole frame is read again enlarged, as is and sharpened.
 * Measured by `npm run bench -- qr` against plain zxing-wasm.
 */
export function createQrDecoder(read: ZxingRead): (image: ImageDataLike) => Promise<DecodeOutcome> {
  const first = async (img: Gray) => pick(await read(grayToRgba(img), RETRY));
  return async (image) => {
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
    return { text: null, pass: null };
  };
}
