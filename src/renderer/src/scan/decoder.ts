import type { DecodeAnswer, DecodeRequest } from './qr-worker';

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, (a: DecodeAnswer) => void>();

function getWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./qr-worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<DecodeAnswer>) => {
      pending.get(e.data.id)?.(e.data);
      pending.delete(e.data.id);
    };
  }
  return worker;
}

/** Decodes the QR in a camera frame or an image file in the worker; text is null when none is found. */
export function decodeQr(image: ImageData | Blob, opts: { deblur?: boolean } = {}): Promise<DecodeAnswer> {
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    getWorker().postMessage({ id, image, deblur: opts.deblur } satisfies DecodeRequest);
  });
}
