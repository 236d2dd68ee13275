import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { zxingRead, zxingReady } from './zxing-node';

export interface FileScan {
  text: string | null;
  ms: number;
}

/** Reads the QR code in an image file (PNG, JPEG, GIF, BMP); `text` is null when none is found. */
export async function scanImageFile(path: string): Promise<FileScan> {
  const bytes = new Uint8Array(await readFile(path));
  // The one-off WASM start is not part of a scan's time.
  await zxingReady();
  const start = performance.now();
  const results = await zxingRead(bytes);
  const ms = performance.now() - start;
  return { text: results.find((r) => r.isValid)?.text ?? null, ms };
}
