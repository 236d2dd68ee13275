import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { cropPage } from './page-crop';

/**
 * An image of an original made fit to keep: decoded (JPEG or PNG, upright by its EXIF orientation),
 * the page found and straightened, then a JPEG whose long side and quality keep a page legible in
 * about 200–400 KB: 2000 pixels on the long side (an A4 page at about 170 dpi, a passport's data page
 * at about 400) at quality 82, lowered step by step while it is over 400 KB.
 */

/** A frame larger than this is refused before it is decoded (a 24-megapixel camera's JPEG is under 15 MB). */
export const MAX_INPUT_BYTES = 20 * 1024 * 1024;
const MAX_INPUT_PIXELS = 40_000_000;
export const LONG_SIDE = 2000;
export const TARGET_BYTES = 400 * 1024;
const QUALITIES = [82, 74, 66, 58];

export class ImageRefused extends Error {
  constructor(readonly reason: 'too-large' | 'not-an-image') {
    super(reason === 'too-large' ? 'The image is larger than 20 MB.' : 'That is not a JPEG or PNG image.');
  }
}

export interface PreparedImage {
  jpeg: Buffer;
  sha256: string;
  width: number;
  height: number;
  cropped: boolean;
  thumb: Buffer;
}

async function decode(bytes: Uint8Array) {
  if (bytes.byteLength > MAX_INPUT_BYTES) throw new ImageRefused('too-large');
  try {
    const image = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' });
    const meta = await image.metadata();
    if (meta.format !== 'jpeg' && meta.format !== 'png') throw new ImageRefused('not-an-image');
    const { data, info } = await image.rotate().ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
  } catch (err) {
    if (err instanceof ImageRefused) throw err;
    throw new ImageRefused('not-an-image');
  }
}

export async function prepareImage(bytes: Uint8Array): Promise<PreparedImage> {
  const frame = await decode(bytes);
  const page = await cropPage(frame);
  const kept = page ?? frame;
  const raw = () => sharp(kept.data, { raw: { width: kept.width, height: kept.height, channels: 4 } }).removeAlpha();
  let jpeg: Buffer | null = null;
  let width = 0;
  let height = 0;
  for (const quality of QUALITIES) {
    const { data, info } = await raw()
      .resize(LONG_SIDE, LONG_SIDE, { fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    jpeg = data;
    width = info.width;
    height = info.height;
    if (data.byteLength <= TARGET_BYTES) break;
  }
  const thumb = await sharp(jpeg!).resize(240, 240, { fit: 'inside' }).jpeg({ quality: 70 }).toBuffer();
  return { jpeg: jpeg!, sha256: createHash('sha256').update(jpeg!).digest('hex'), width, height, cropped: page !== null, thumb };
}
