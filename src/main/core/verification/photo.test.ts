import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { checkPhoto, PHOTO_LIMITS } from './photo';

/**
 * A photo as the window gets it: white background, a darker head and shoulders in the middle. `bytes`
 * pads the file to an exact size with a JPEG comment segment, which changes no pixel.
 */
async function photo(opts: { width?: number; height?: number; background?: [number, number, number]; grey?: boolean; bytes?: number } = {}): Promise<Uint8Array> {
  const width = opts.width ?? 390;
  const height = opts.height ?? 520;
  const [r, g, b] = opts.background ?? [252, 252, 252];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="rgb(${r},${g},${b})"/><ellipse cx="${width / 2}" cy="${height * 0.38}" rx="${width * 0.22}" ry="${height * 0.2}" fill="#b08060"/><rect x="${width * 0.2}" y="${height * 0.62}" width="${width * 0.6}" height="${height * 0.4}" fill="#203050"/></svg>`;
  let img = sharp(Buffer.from(svg));
  if (opts.grey) img = img.greyscale().toColourspace('b-w');
  const jpeg = new Uint8Array(await img.jpeg({ quality: 90 }).toBuffer());
  if (opts.bytes === undefined) return jpeg;
  const pad = opts.bytes - jpeg.length;
  if (pad < 4) throw new Error(`cannot pad ${jpeg.length} bytes down to ${opts.bytes}`);
  // A COM segment holds at most 65,533 bytes of comment: use as many as needed.
  const segments: number[] = [];
  let left = pad;
  while (left > 0) {
    const take = Math.min(left, 65_537);
    const body = take - 4;
    if (body < 0) throw new Error('padding too small');
    segments.push(0xff, 0xfe, (body + 2) >> 8, (body + 2) & 0xff, ...new Array(body).fill(0x20));
    left -= take;
  }
  return Uint8Array.from([...jpeg.subarray(0, 2), ...segments, ...jpeg.subarray(2)]);
}

const problems = async (p: Promise<Uint8Array>) => (await checkPhoto(await p)).problems;

describe('applicant photo check', () => {
  it('accepts a photo inside every limit, and at each limit exactly', async () => {
    expect(await problems(photo({ bytes: 60 * 1024 }))).toEqual([]);
    expect(await problems(photo({ width: 354, height: 472, bytes: PHOTO_LIMITS.minBytes }))).toEqual([]);
    expect(await problems(photo({ width: 420, height: 560, bytes: PHOTO_LIMITS.maxBytes }))).toEqual([]);
  });

  it('flags a file a byte outside the size limits', async () => {
    expect(await problems(photo({ bytes: PHOTO_LIMITS.minBytes - 1 }))).toEqual(['file-too-small']);
    expect(await problems(photo({ bytes: PHOTO_LIMITS.maxBytes + 1 }))).toEqual(['file-too-large']);
  });

  it('flags dimensions a pixel outside the limits, each side', async () => {
    expect(await problems(photo({ width: 353, bytes: 50_000 }))).toEqual(['too-small']);
    expect(await problems(photo({ height: 471, bytes: 50_000 }))).toEqual(['too-small']);
    expect(await problems(photo({ width: 421, bytes: 50_000 }))).toEqual(['too-large']);
    expect(await problems(photo({ height: 561, bytes: 50_000 }))).toEqual(['too-large']);
  });

  it('flags a greyscale JPEG as not 24-bit colour, and a PNG as not a JPEG', async () => {
    expect(await problems(photo({ grey: true, bytes: 50_000 }))).toEqual(['not-24-bit-colour']);
    const png = new Uint8Array(await sharp({ create: { width: 390, height: 520, channels: 3, background: '#fff' } }).png().toBuffer());
    expect((await checkPhoto(png)).problems).toEqual(['not-jpeg']);
    // A JPEG signature with nothing decodable after it is not a JPEG.
    expect((await checkPhoto(Uint8Array.from([0xff, 0xd8, 0xff, 0, 1, 2]))).problems).toEqual(['not-jpeg']);
  });

  it('flags a background that is not white: blue, or grey', async () => {
    expect(await problems(photo({ background: [60, 120, 220], bytes: 50_000 }))).toEqual(['background-not-white']);
    expect(await problems(photo({ background: [170, 170, 170], bytes: 50_000 }))).toEqual(['background-not-white']);
    expect(await problems(photo({ background: [236, 236, 236], bytes: 50_000 }))).toEqual([]);
  });

  it('flags a background that is coloured only in one channel (each channel of each pixel is read)', async () => {
    expect(await problems(photo({ background: [255, 255, 120], bytes: 50_000 }))).toEqual(['background-not-white']);
    expect(await problems(photo({ background: [255, 120, 255], bytes: 50_000 }))).toEqual(['background-not-white']);
  });

  it('calls a cut-off or damaged JPEG damaged, never an error', async () => {
    const whole = await photo({ bytes: 60 * 1024 });
    // The padding sits before the picture: cut inside the picture's own data.
    const cut = whole.subarray(0, whole.length - 2000);
    expect(await problems(Promise.resolve(cut))).toEqual(['damaged']);
    // Cut a little after its header: almost none of the picture left.
    const unpadded = await photo();
    expect(await problems(Promise.resolve(whole.subarray(0, whole.length - (unpadded.length - 700))))).toEqual(['damaged']);
  });

  it('measures a huge picture from its header and never decodes it', async () => {
    const huge = new Uint8Array(await sharp({ create: { width: 11000, height: 11000, channels: 3, background: '#fff' } }).jpeg().toBuffer());
    expect((await checkPhoto(huge)).problems).toEqual(['file-too-large', 'too-large']);
    // The same header with the picture data cut off after it: were the pixels decoded, it would be damaged.
    expect((await checkPhoto(huge.subarray(0, 4096))).problems).toEqual(['file-too-small', 'too-large']);
  });
});
