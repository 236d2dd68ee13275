/// <reference lib="webworker" />
/**
 * QR decoding off the UI thread: the app's decoder (zxing-wasm and its retries), with the .wasm
 * served by the app itself (never from a CDN), on camera frames (ImageData) and on image files (Blob).
 */
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import { createQrDecoder, type DecodeOptions } from '../../../lib/qr-decode/decoder';

prepareZXingModule({ overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path) } });

const decode = createQrDecoder((image, options) =>
  readBarcodes(new ImageData(image.data as Uint8ClampedArray<ArrayBuffer>, image.width, image.height), options as Parameters<typeof readBarcodes>[1]),
);

export interface DecodeRequest {
  id: number;
  image: ImageData | Blob;
  options: DecodeOptions;
}

export interface DecodeAnswer {
  id: number;
  text: string | null;
  ms: number;
  error?: string;
}

/** An image file as pixels, through the browser's own decoders (PNG, JPEG, WebP, GIF, BMP). */
async function pixelsOf(blob: Blob): Promise<ImageData> {
  const bitmap = await createImageBitmap(blob);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  return ctx.getImageData(0, 0, canvas.width, canvas.height);
}

self.onmessage = async (e: MessageEvent<DecodeRequest>) => {
  const { id, image, options } = e.data;
  const start = performance.now();
  try {
    const pixels = image instanceof Blob ? await pixelsOf(image) : image;
    const { text } = await decode(pixels, options);
    (self as unknown as Worker).postMessage({ id, text, ms: performance.now() - start } satisfies DecodeAnswer);
  } catch (err) {
    (self as unknown as Worker).postMessage({ id, text: null, ms: performance.now() - start, error: String((err as Error)?.message ?? err) } satisfies DecodeAnswer);
  }
};
