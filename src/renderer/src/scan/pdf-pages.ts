import { GlobalWorkerOptions, getDocument } from 'pdfjs-dist';
import pdfWorkerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

GlobalWorkerOptions.workerSrc = pdfWorkerUrl;

/** A scanned notice may run to a few pages; the QR code is on the first ones. */
const MAX_PAGES = 3;

/**
 * The first pages of a PDF as pixels, rendered at about 200 dpi (enough for a QR code printed on A4),
 * for the QR decoder. pdf.js parses in its own worker; eval is off, as the page's CSP demands.
 */
export async function* pdfPagesAsImages(bytes: ArrayBuffer): AsyncGenerator<ImageData> {
  const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true }).promise;
  try {
    for (let n = 1; n <= Math.min(MAX_PAGES, doc.numPages); n++) {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: 200 / 72 });
      const canvas = document.createElement('canvas');
      canvas.width = Math.ceil(viewport.width);
      canvas.height = Math.ceil(viewport.height);
      const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
      await page.render({ canvas, canvasContext: ctx, viewport }).promise;
      yield ctx.getImageData(0, 0, canvas.width, canvas.height);
      page.cleanup();
    }
  } finally {
    await doc.destroy();
  }
}

/** One page of a PDF drawn on a canvas at `dpi`, to show a document (the decision) inside the app. */
export async function renderPdfPage(bytes: Uint8Array, canvas: HTMLCanvasElement, dpi = 110, pageNo = 1): Promise<void> {
  const doc = await getDocument({ data: bytes, isEvalSupported: false, disableFontFace: true }).promise;
  try {
    const page = await doc.getPage(pageNo);
    const viewport = page.getViewport({ scale: dpi / 72 });
    canvas.width = Math.ceil(viewport.width);
    canvas.height = Math.ceil(viewport.height);
    await page.render({ canvas, canvasContext: canvas.getContext('2d')!, viewport }).promise;
    page.cleanup();
  } finally {
    await doc.destroy();
  }
}
