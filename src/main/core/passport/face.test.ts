import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { jpeg2000Of } from '../../../../test/support/jpeg2000';
import { faceAsJpeg } from './face';

/** A portrait with a bright face on a dark ground, to check the decoded picture is the one encoded. */
async function portrait(): Promise<Buffer> {
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="160"><rect width="120" height="160" fill="#202020"/><ellipse cx="60" cy="70" rx="35" ry="45" fill="#f0d0b0"/></svg>';
  return sharp(Buffer.from(svg)).removeAlpha().png().toBuffer();
}

describe('the chip’s face image as the screen shows it', () => {
  it('decodes a JPEG 2000 (a JP2 file and a bare codestream, made by OpenJPEG’s own tool) into a JPEG of the same picture', async () => {
    const png = await portrait();
    for (const form of ['jp2', 'j2k'] as const) {
      const j2k = jpeg2000Of(png, form);
      const jpeg = await faceAsJpeg({ mime: 'image/jp2', bytes: j2k.length, base64: j2k.toString('base64') });
      expect(jpeg, form).not.toBeNull();
      const { data, info } = await sharp(Buffer.from(jpeg!, 'base64')).greyscale().raw().toBuffer({ resolveWithObject: true });
      expect([info.width, info.height]).toEqual([120, 160]);
      // The face's middle is bright, the corner dark, as drawn.
      expect(data[70 * 120 + 60]).toBeGreaterThan(180);
      expect(data[5 * 120 + 5]).toBeLessThan(60);
    }
  });

  it('passes a JPEG through, and says null (cannot show) for bytes that are no image', async () => {
    const jpeg = await sharp(await portrait()).jpeg().toBuffer();
    expect(await faceAsJpeg({ mime: 'image/jpeg', bytes: jpeg.length, base64: jpeg.toString('base64') })).toBe(jpeg.toString('base64'));
    const junk = Buffer.concat([Buffer.from('0000000c6a5020200d0a870a', 'hex'), Buffer.alloc(300, 7)]);
    expect(await faceAsJpeg({ mime: 'image/jp2', bytes: junk.length, base64: junk.toString('base64') })).toBeNull();
    expect(await faceAsJpeg(null)).toBeNull();
    // A codestream that declares 100,000 × 160 pixels is not decoded at all.
    const huge = jpeg2000Of(await portrait(), 'j2k');
    huge.writeUInt32BE(100_000, huge.indexOf(Buffer.from([0xff, 0x4f, 0xff, 0x51])) + 8);
    expect(await faceAsJpeg({ mime: 'image/jp2', bytes: huge.length, base64: huge.toString('base64') })).toBeNull();
  });
});
