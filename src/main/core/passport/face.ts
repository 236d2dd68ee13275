import { createRequire } from 'node:module';
import sharp from 'sharp';
import type { PassportRead } from '../../../shared/passport';
import { createLogger } from '../log/logger';

const log = createLogger('passport');

/** The largest face image decoded: ICAO's portraits are a few hundred pixels a side. */
const MAX_PIXELS = 4_000_000;

interface OpenJpegModule {
  J2KDecoder: new () => {
    getEncodedBuffer(length: number): Uint8Array;
    decode(): void;
    getFrameInfo(): { width: number; height: number; bitsPerSample: number; componentCount: number; isSigned: boolean };
    getDecodedBuffer(): Uint8Array;
    delete(): void;
  };
}

let openJpeg: Promise<OpenJpegModule> | null = null;
/** OpenJPEG built to WebAssembly (@cornerstonejs/codec-openjpeg), loaded once; its progress lines are not printed. */
function decoder(): Promise<OpenJpegModule> {
  openJpeg ??= (createRequire(import.meta.url)('@cornerstonejs/codec-openjpeg/decodewasmjs') as (o: object) => Promise<OpenJpegModule>)({ print: () => undefined, printErr: () => undefined });
  return openJpeg;
}

/**
 * The chip's face image as a JPEG the screen can show: a JPEG as it is; a JPEG 2000 (a JP2 file or a
 * bare codestream, as most European passports hold it, which Chromium cannot draw) decoded with
 * OpenJPEG and encoded as JPEG by sharp. Null when it cannot be (an image too large, or broken); the
 * screen then says the chip holds an image it cannot show.
 */
export async function faceAsJpeg(photo: PassportRead['photo']): Promise<string | null> {
  if (!photo) return null;
  if (photo.mime === 'image/jpeg') return photo.base64;
  const m = await decoder();
  const d = new m.J2KDecoder();
  try {
    const bytes = Buffer.from(photo.base64, 'base64');
    // The size the codestream's SIZ segment declares (after SOC, FF4F FF51: Lsiz, Rsiz, Xsiz, Ysiz), checked before decoding.
    const siz = bytes.indexOf(Buffer.from([0xff, 0x4f, 0xff, 0x51]));
    if (siz < 0 || siz + 16 > bytes.length || bytes.readUInt32BE(siz + 8) * bytes.readUInt32BE(siz + 12) > MAX_PIXELS) return null;
    d.getEncodedBuffer(bytes.length).set(bytes);
    d.decode();
    const info = d.getFrameInfo();
    if (info.bitsPerSample > 8 || ![1, 3].includes(info.componentCount)) return null;
    const pixels = Buffer.from(d.getDecodedBuffer());
    const jpeg = await sharp(pixels, { raw: { width: info.width, height: info.height, channels: info.componentCount as 1 | 3 } }).jpeg({ quality: 90 }).toBuffer();
    return jpeg.toString('base64');
  } catch (err) {
    log.warn('face image not decoded', { error: (err as Error)?.name ?? 'unknown' });
    return null;
  } finally {
    d.delete();
  }
}
