import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ICAO_SPECIMENS, pageImage, random, sampleMrz, type MrzSample, type PageFormat } from '../../../../test/support/mrz-pages';
import { readMrzImage } from './read-page';

// Pages drawn with the OCR-B font from seeds the benchmark does not use.
const FORMATS: PageFormat[] = ['TD3', 'MRV-A', 'MRV-B', 'TD1', 'TD2'];
const sample = (format: PageFormat, seed: number) => sampleMrz(random(seed), format);

describe('the MRZ read from a page image', () => {
  for (const format of FORMATS) {
    it(`reads a ${format} zone exactly from a clean scan and from a document camera's frame`, async () => {
      for (const [kind, seed] of [['clean', 71], ['camera', 83]] as const) {
        const s = sample(format, seed + format.length);
        const verdict = await readMrzImage(await pageImage(s, { kind, seed }));
        expect(verdict, `${kind} ${s.lines.join(' ')}`).toMatchObject({ ok: true, format, lines: s.lines, problems: [] });
      }
    }, 20_000);
  }

  it('reads the fields the verification compares (ICAO specimen passport)', async () => {
    const verdict = await readMrzImage(await pageImage(ICAO_SPECIMENS[0], { kind: 'camera', seed: 5 }));
    expect(verdict.fields).toEqual({
      documentCode: 'P', issuingState: 'UTO', surname: 'ERIKSSON', givenNames: 'ANNA MARIA', documentNumber: 'L898902C3',
      nationality: 'UTO', birthDate: '740812', sex: 'F', expiryDate: '120415', optionalData: 'ZE184226B',
    });
  });

  it('never takes a page whose printed check digit is wrong as read right', async () => {
    const s = sample('TD3', 4);
    const l2 = s.lines[1];
    const wrongDigit = String((Number(l2[19]) + 3) % 10);
    const broken: MrzSample = { format: 'TD3', lines: [s.lines[0], l2.slice(0, 19) + wrongDigit + l2.slice(20)] };
    const verdict = await readMrzImage(await pageImage(broken, { kind: 'clean', seed: 9 }));
    expect(verdict.ok).toBe(false);
    expect(verdict.problems).toContain('check-digit:birth-date');
  });

  it('reads a page lying upside down or on its side', async () => {
    const s = sample('TD3', 12);
    const upright = await pageImage(s, { kind: 'clean', seed: 12 });
    for (const angle of [180, 90]) {
      const turned = await sharp(upright).rotate(angle).png().toBuffer();
      expect((await readMrzImage(turned)).lines, `turned ${angle}`).toEqual(s.lines);
    }
  }, 20_000);

  it('says no-mrz for a page without a zone, and unreadable-image for bytes that are no image', async () => {
    const blank = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#eeeeee' } }).jpeg().toBuffer();
    expect(await readMrzImage(blank)).toEqual({ ok: false, format: null, lines: [], fields: null, problems: ['no-mrz'] });
    expect((await readMrzImage(new TextEncoder().encode('GIF89a not really'))).problems).toEqual(['unreadable-image']);
    const gif = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#fff' } }).gif().toBuffer();
    expect((await readMrzImage(gif)).problems).toEqual(['unreadable-image']);
  });
});
