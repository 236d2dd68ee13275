/// <reference lib="webworker" />
/**
 * QR decoding off the UI thread: zxing-wasm, with its .wasm served by the app itself (never from a
 * CDN), on camera frames (ImageData) and on image files (Blob).
 */
import { prepareZXingModule, readBarcodes, type ReaderOptions } from 'zxing-wasm/reader';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

prepareZXingModule({ overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path) } });

const OPTIONS: ReaderOptions = { formats: ['QRCode'], tryHarder: true, tryRotate: true, tryInvert: true, tryDownscale: true, maxNumberOfSymbols: 1 };

export interface DecodeRequest {
  id: number;
  image: ImageData | Blob;
}

export interface DecodeAnswer {
  id: number;
  text: string | null;
  ms: number;
  error?: string;
}

self.onmessage = async (e: MessageEvent<DecodeRequest>) => {
  const { id, image } = e.data;
  const start = performance.now();
  try {
    const results = await readBarcodes(image, OPTIONS);
    const text = results.find((r) => r.isValid)?.text ?? null;
    (self as unknown as Worker).postMessage({ id, text, ms: performance.now() - start } satisfies DecodeAnswer);
  } catch (err) {
    (self as unknown as Worker).postMessage({ id, text: null, ms: performance.now() - start, error: String((err as Error)?.message ?? err) } satisfies DecodeAnswer);
  }
};
