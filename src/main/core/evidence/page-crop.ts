import { createRequire } from 'node:module';
import type * as CV from '@techstark/opencv-js';

/**
 * Finding the page a document camera sees on the desk, and straightening it: OpenCV (compiled to
 * WebAssembly, `@techstark/opencv-js`) finds the largest four-sided bright shape in the frame and maps
 * its corners onto a rectangle. A frame in which no page stands out (a flat scan, or an image a vendor's
 * service already cropped) is kept whole.
 */

type OpenCv = typeof CV;
let loading: Promise<{ cv: OpenCv }> | null = null;

/**
 * OpenCV, loaded once (about a quarter of a second) the first time a page is cropped. Always inside an
 * object: the module is a thenable that resolves to itself, so a promise of it never settles.
 */
function opencv(): Promise<{ cv: OpenCv }> {
  loading ??= new Promise((resolve) => {
    // Emscripten's runtime aborts the process on any unhandled rejection or exception once loaded
    // in Node: its handlers are taken off again, the app has its own.
    const before = { rejection: process.listeners('unhandledRejection'), exception: process.listeners('uncaughtException') };
    const cv = createRequire(import.meta.url)('@techstark/opencv-js') as OpenCv & { onRuntimeInitialized?: () => void };
    for (const l of process.listeners('unhandledRejection')) if (!before.rejection.includes(l)) process.removeListener('unhandledRejection', l);
    for (const l of process.listeners('uncaughtException')) if (!before.exception.includes(l)) process.removeListener('uncaughtException', l);
    if ((cv as unknown as { Mat?: unknown }).Mat) resolve({ cv });
    else cv.onRuntimeInitialized = () => resolve({ cv });
  });
  return loading;
}

export interface Rgba {
  width: number;
  height: number;
  data: Uint8Array;
}

type Point = [number, number];

/** The corners in order: top left, top right, bottom right, bottom left. */
function ordered(points: Point[]): Point[] {
  const bySum = [...points].sort((a, b) => a[0] + a[1] - (b[0] + b[1]));
  const byDiff = [...points].sort((a, b) => a[0] - a[1] - (b[0] - b[1]));
  return [bySum[0], byDiff[3], bySum[3], byDiff[0]];
}

const distance = (a: Point, b: Point) => Math.hypot(a[0] - b[0], a[1] - b[1]);

/** The page's corners in a small grey copy of the frame, or null when no page stands out. */
function findPage(cv: OpenCv, grey: CV.Mat): Point[] | null {
  const blurred = new cv.Mat();
  const mask = new cv.Mat();
  const contours = new cv.MatVector();
  const hierarchy = new cv.Mat();
  const kernel = cv.Mat.ones(5, 5, cv.CV_8U);
  try {
    cv.GaussianBlur(grey, blurred, new cv.Size(5, 5), 0);
    // The page is lighter than the desk: Otsu's threshold splits the two.
    cv.threshold(blurred, mask, 0, 255, cv.THRESH_BINARY + cv.THRESH_OTSU);
    cv.morphologyEx(mask, mask, cv.MORPH_CLOSE, kernel);
    cv.findContours(mask, contours, hierarchy, cv.RETR_EXTERNAL, cv.CHAIN_APPROX_SIMPLE);
    const area = grey.rows * grey.cols;
    let best: CV.Mat | null = null;
    let bestArea = 0;
    for (let i = 0; i < (contours.size() as unknown as number); i++) {
      const c = contours.get(i);
      const a = cv.contourArea(c);
      if (a > bestArea) {
        best?.delete();
        best = c;
        bestArea = a;
      } else c.delete();
    }
    // Too small to be the page, or the whole frame (nothing around the page to find it by).
    if (!best || bestArea < 0.05 * area || bestArea > 0.97 * area) {
      best?.delete();
      return null;
    }
    const approx = new cv.Mat();
    try {
      cv.approxPolyDP(best, approx, 0.02 * cv.arcLength(best, true), true);
      if (approx.rows === 4 && cv.isContourConvex(approx)) {
        const pts: Point[] = [];
        for (let i = 0; i < 4; i++) pts.push([approx.data32S[2 * i], approx.data32S[2 * i + 1]]);
        return ordered(pts);
      }
      // Not four clean corners (a thumb on the page, a rounded card): the smallest box around it.
      const box = cv.minAreaRect(best);
      const corners = (cv.RotatedRect as unknown as { points(r: unknown): { x: number; y: number }[] }).points(box);
      const pts = corners.map((p) => [p.x, p.y] as Point);
      return ordered(pts);
    } finally {
      approx.delete();
      best.delete();
    }
  } finally {
    blurred.delete();
    mask.delete();
    contours.delete();
    hierarchy.delete();
    kernel.delete();
  }
}

const FIND_LONG_SIDE = 800;

/**
 * The page straightened and cropped out of the frame (RGBA), or null when no page stands out from
 * its surroundings.
 */
export async function cropPage(frame: Rgba): Promise<Rgba | null> {
  const { cv } = await opencv();
  const src = cv.matFromArray(frame.height, frame.width, cv.CV_8UC4, frame.data);
  const small = new cv.Mat();
  const grey = new cv.Mat();
  const out = new cv.Mat();
  try {
    const scale = Math.min(1, FIND_LONG_SIDE / Math.max(frame.width, frame.height));
    cv.resize(src, small, new cv.Size(Math.round(frame.width * scale), Math.round(frame.height * scale)), 0, 0, cv.INTER_AREA);
    cv.cvtColor(small, grey, cv.COLOR_RGBA2GRAY);
    const corners = findPage(cv, grey);
    if (!corners) return null;
    // A hair inside the edges found: the desk's dark rim, left along an edge, would run into a line
    // printed close to it (a passport's MRZ is 4 mm from the page's foot).
    const cx = corners.reduce((a, p) => a + p[0], 0) / 4;
    const cy = corners.reduce((a, p) => a + p[1], 0) / 4;
    const full = corners.map(([x, y]) => [(cx + (x - cx) * 0.99) / scale, (cy + (y - cy) * 0.99) / scale] as Point);
    const [tl, tr, br, bl] = full;
    const width = Math.round(Math.max(distance(tl, tr), distance(bl, br)));
    const height = Math.round(Math.max(distance(tl, bl), distance(tr, br)));
    if (width < 100 || height < 100) return null;
    const from = cv.matFromArray(4, 1, cv.CV_32FC2, full.flat());
    const to = cv.matFromArray(4, 1, cv.CV_32FC2, [0, 0, width, 0, width, height, 0, height]);
    const m = cv.getPerspectiveTransform(from, to);
    try {
      cv.warpPerspective(src, out, m, new cv.Size(width, height), cv.INTER_LINEAR, cv.BORDER_REPLICATE);
    } finally {
      from.delete();
      to.delete();
      m.delete();
    }
    return { width, height, data: new Uint8Array(out.data) };
  } finally {
    src.delete();
    small.delete();
    grey.delete();
    out.delete();
  }
}
