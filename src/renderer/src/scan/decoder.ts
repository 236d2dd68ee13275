import type { DecodeOptions } from '../../../lib/qr-decode/decoder';
import type { DecodeAnswer, DecodeRequest } from './qr-worker';

/** A decoding worker: requests answered in order, by id. */
export interface QrWorker {
  decode(image: ImageData | Blob, options?: DecodeOptions): Promise<DecodeAnswer>;
  /** Ends the worker at once, with whatever it was doing; what waits on it is answered with no text. */
  terminate(): void;
}

export function createQrWorker(): QrWorker {
  const worker = new Worker(new URL('./qr-worker.ts', import.meta.url), { type: 'module' });
  let nextId = 1;
  const pending = new Map<number, (a: DecodeAnswer) => void>();
  worker.onmessage = (e: MessageEvent<DecodeAnswer>) => {
    pending.get(e.data.id)?.(e.data);
    pending.delete(e.data.id);
  };
  return {
    decode: (image, options = {}) => {
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        worker.postMessage({ id, image, options } satisfies DecodeRequest);
      });
    },
    terminate: () => {
      worker.terminate();
      for (const [id, done] of pending) done({ id, text: null, ms: 0, error: 'terminated' });
      pending.clear();
    },
  };
}

let shared: QrWorker | null = null;

/** Decodes the QR in an image file or a PDF page with every pass, in a worker kept for files; null text when none is found. */
export function decodeQr(image: ImageData | Blob, options: DecodeOptions = {}): Promise<DecodeAnswer> {
  shared ??= createQrWorker();
  return shared.decode(image, options);
}
