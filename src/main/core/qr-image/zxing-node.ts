import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { prepareZXingModule, readBarcodes, type ReadResult, type ReaderOptions } from 'zxing-wasm/reader';

let ready: Promise<unknown> | null = null;

/**
 * zxing-wasm fetches its .wasm from a CDN unless handed the bytes: load the copy inside the package,
 * once, so decoding works offline.
 */
export function zxingReady(): Promise<unknown> {
  ready ??= prepareZXingModule({
    overrides: { wasmBinary: readFileSync(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm')).buffer as ArrayBuffer },
    fireImmediately: true,
  });
  return ready;
}

export const QR_ONLY: ReaderOptions = { formats: ['QRCode'], tryHarder: true, tryRotate: true, tryInvert: true, tryDownscale: true, maxNumberOfSymbols: 1, textMode: 'Plain' };

/** Plain zxing-wasm on an encoded image file (PNG, JPEG, GIF, BMP) or on RGBA pixels. */
export async function zxingRead(input: Uint8Array | ImageDataLike, options: ReaderOptions = QR_ONLY): Promise<ReadResult[]> {
  await zxingReady();
  return readBarcodes(input as Parameters<typeof readBarcodes>[0], options);
}

/** The shape of the DOM's ImageData, which Node lacks. */
export interface ImageDataLike {
  data: Uint8ClampedArray;
  width: number;
  height: number;
  colorSpace?: 'srgb';
}
