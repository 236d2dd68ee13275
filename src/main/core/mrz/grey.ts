import sharp from 'sharp';

/** A grey image, one byte a pixel, row by row, with its summed-area table for box means. */
export interface Grey {
  width: number;
  height: number;
  data: Uint8Array;
  /** (width+1)×(height+1) running sums; built on first use. */
  sums?: Float64Array;
}

/** The largest picture the reader decodes: a 24-megapixel document camera's full frame. */
export const MAX_PIXELS = 40_000_000;
/** Pages are read at most this long on their long side: more only costs time. */
const WORKING_LONG_SIDE = 2400;

export class ImageUnreadable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImageUnreadable';
  }
}

/** Decodes a JPEG or PNG (as it would be seen upright by its EXIF orientation) into grey pixels. */
export async function loadGrey(bytes: Uint8Array): Promise<Grey> {
  try {
    const image = sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: 'error' }).rotate();
    const meta = await image.metadata();
    if (meta.format !== 'jpeg' && meta.format !== 'png') throw new ImageUnreadable(`not a JPEG or PNG image (${meta.format ?? 'unknown'})`);
    const { data, info } = await image
      .greyscale()
      .resize(WORKING_LONG_SIDE, WORKING_LONG_SIDE, { fit: 'inside', withoutEnlargement: true })
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, info.width * info.height) };
  } catch (err) {
    if (err instanceof ImageUnreadable) throw err;
    throw new ImageUnreadable((err as Error).message);
  }
}

export function sumsOf(g: Grey): Float64Array {
  if (g.sums) return g.sums;
  const w = g.width + 1;
  const sums = new Float64Array(w * (g.height + 1));
  for (let y = 0; y < g.height; y++) {
    let row = 0;
    for (let x = 0; x < g.width; x++) {
      row += g.data[y * g.width + x];
      sums[(y + 1) * w + x + 1] = sums[y * w + x + 1] + row;
    }
  }
  g.sums = sums;
  return sums;
}

/** The mean grey of the box [x0, x1) × [y0, y1), clipped to the image. */
export function boxMean(g: Grey, x0: number, y0: number, x1: number, y1: number): number {
  const sums = sumsOf(g);
  const w = g.width + 1;
  const ax = Math.max(0, Math.min(g.width, x0));
  const bx = Math.max(0, Math.min(g.width, x1));
  const ay = Math.max(0, Math.min(g.height, y0));
  const by = Math.max(0, Math.min(g.height, y1));
  const area = (bx - ax) * (by - ay);
  if (area <= 0) return 255;
  return (sums[by * w + bx] - sums[ay * w + bx] - sums[by * w + ax] + sums[ay * w + ax]) / area;
}

/** The image turned by a quarter turns clockwise. */
export function turned(g: Grey, quarters: 1 | 2 | 3): Grey {
  const { width, height, data } = g;
  const out = new Uint8Array(data.length);
  const w2 = quarters === 2 ? width : height;
  const h2 = quarters === 2 ? height : width;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let nx: number, ny: number;
      if (quarters === 1) [nx, ny] = [height - 1 - y, x];
      else if (quarters === 2) [nx, ny] = [width - 1 - x, height - 1 - y];
      else [nx, ny] = [y, width - 1 - x];
      out[ny * w2 + nx] = data[y * width + x];
    }
  }
  return { width: w2, height: h2, data: out };
}
