import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { decodeQrPixels } from './app-decoder';
import { loadImagePixels } from './load-image';
import { zxingReady } from './zxing-node';

export interface FileScan {
  text: string | null;
  ms: number;
}

/**
 * Reads the QR code in an image file with the app's decoder; `text` is null when none is found.
 * `ms` is the decoding time (loading the file and the one-off WASM start are not part of it).
 */
export async function scanImageFile(path: string): Promise<FileScan> {
  const pixels = await loadImagePixels(new Uint8Array(await readFile(path)));
  await zxingReady();
  const start = performance.now();
  const { text } = await decodeQrPixels(pixels);
  return { text, ms: performance.now() - start };
}
