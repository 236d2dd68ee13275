import sharp from 'sharp';
import type { ImageDataLike } from '../../../lib/qr-decode/image';

/** Any image file sharp reads (PNG, JPEG, WebP, GIF, TIFF, AVIF…) as RGBA pixels, first page or frame. */
export async function loadImagePixels(bytes: Uint8Array): Promise<ImageDataLike> {
  const { data, info } = await sharp(bytes, { limitInputPixels: 100_000_000 }).rotate().ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
}
