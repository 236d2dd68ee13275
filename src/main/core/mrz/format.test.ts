import { parse as independentParse } from 'mrz';
import { describe, expect, it } from 'vitest';
import { ICAO_SPECIMENS, random, sampleMrz, type PageFormat } from '../../../../test/support/mrz-pages';
import { checkDigit, parseMrz } from './format';

const change = (s: string, at: number, c: string) => s.slice(0, at) + c + s.slice(at + 1);

describe('the MRZ layouts of ICAO 9303', () => {
  it('reads each of the standard’s specimens (TD3, TD1, TD2, MRV-A, MRV-B) with every digit holding', () => {
    const verdicts = ICAO_SPECIMENS.map((s) => parseMrz(s.lines));
    expect(verdicts.map((v) => [v.ok, v.format])).toEqual(ICAO_SPECIMENS.map((s) => [true, s.format]));
    expect(verdicts[0].fields).toEqual({
      documentCode: 'P', issuingState: 'UTO', surname: 'ERIKSSON', givenNames: 'ANNA MARIA', documentNumber: 'L898902C3',
      nationality: 'UTO', birthDate: '740812', sex: 'F', expiryDate: '120415', optionalData: 'ZE184226B',
    });
    // The visa of Part 7: its number, the holder's nationality (XXX: unspecified) and its last day.
    expect(verdicts[3].fields).toMatchObject({ documentCode: 'V', documentNumber: 'L8988901C', nationality: 'XXX', birthDate: '400907', expiryDate: '961210', optionalData: '6ZE184226B' });
    expect(verdicts[1].fields).toMatchObject({ documentCode: 'I', documentNumber: 'D23145890', surname: 'ERIKSSON', givenNames: 'ANNA MARIA' });
  });

  it('names the field whose check digit fails, and the composite that covers it', () => {
    const [l1, l2] = ICAO_SPECIMENS[0].lines;
    expect(parseMrz([l1, change(l2, 19, '3')]).problems).toEqual(['check-digit:birth-date', 'check-digit:composite']);
    expect(parseMrz([l1, change(l2, 43, '1')]).problems).toEqual(['check-digit:composite']);
    // A visa has no composite digit: its expiry alone is named.
    const [v1, v2] = ICAO_SPECIMENS[3].lines;
    expect(parseMrz([v1, change(v2, 27, '0')])).toMatchObject({ ok: false, format: 'MRV-A', problems: ['check-digit:expiry-date'] });
  });

  it('takes an empty personal number whose check digit is printed as a filler or as 0', () => {
    const l1 = 'P<GBRSMITH<<JOHN<<<<<<<<<<<<<<<<<<<<<<<<<<<<';
    for (const empty of ['<', '0']) {
      const body = `123456789${checkDigit('123456789')}GBR900101${checkDigit('900101')}M300101${checkDigit('300101')}<<<<<<<<<<<<<<${empty}`;
      const line2 = body + checkDigit(body.slice(0, 10) + body.slice(13, 20) + body.slice(21, 43));
      expect(parseMrz([l1, line2])).toMatchObject({ ok: true, format: 'TD3', fields: { optionalData: '' } });
    }
  });

  it('reads a TD1 document number longer than nine characters, run on into the optional data (Part 5 §4.2.2)', () => {
    const number = 'D23145890734';
    const l1 = `I<UTO${number.slice(0, 9)}<${number.slice(9)}${checkDigit(number)}`.padEnd(30, '<');
    const l2body = '7408122F1204159UTO<<<<<<<<<<<';
    const l2 = l2body + checkDigit(l1.slice(5, 30) + l2body.slice(0, 7) + l2body.slice(8, 15) + l2body.slice(18, 29));
    expect(parseMrz([l1, l2, 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'])).toMatchObject({ ok: true, fields: { documentNumber: number, optionalData: '' } });
    expect(parseMrz([change(l1, 17, '5'), l2, 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<']).problems).toContain('check-digit:document-number');
  });

  it('refuses lines of no layout, or with characters outside the MRZ set', () => {
    expect(parseMrz(['P<UTO', 'L898']).problems).toEqual(['format']);
    expect(parseMrz([ICAO_SPECIMENS[0].lines[0], change(ICAO_SPECIMENS[0].lines[1], 3, 'é')]).problems).toEqual(['format']);
  });

  it('agrees with an independent parser (npm mrz) on the digits and fields of 300 random TD1, TD2 and TD3 zones', () => {
    const r = random(20261207);
    let compared = 0;
    for (let i = 0; i < 300; i++) {
      const sample = sampleMrz(r, (['TD1', 'TD2', 'TD3'] as PageFormat[])[i % 3]);
      // That parser knows no Utopia and wants a 0 for an empty personal number's digit: those are ours alone.
      if (sample.lines.some((l) => l.includes('UTO')) || (sample.format === 'TD3' && sample.lines[1][42] === '<')) continue;
      const broken = i % 4 === 0 ? sample.lines.map((l, k) => (k === 1 ? change(l, sample.format === 'TD1' ? 3 : 15, String((Number(l[sample.format === 'TD1' ? 3 : 15]) + 1) % 10)) : l)) : sample.lines;
      const theirs = independentParse(broken);
      // An ID of FRA in two lines of 36 is, to that parser, the older French card's own layout.
      if (theirs.format === 'FRENCH_NATIONAL_ID') continue;
      const ours = parseMrz(broken);
      const theirDigits = theirs.details.filter((d) => /CheckDigit$/.test(d.field ?? '') && !d.valid).length === 0;
      expect(ours.ok, broken.join(' ')).toBe(theirDigits);
      expect(ours.format).toBe(theirs.format);
      expect(ours.fields?.documentNumber).toBe(theirs.fields.documentNumber);
      // It leaves out a date that is no date (a broken digit in it); the zone's characters are ours.
      if (theirs.fields.birthDate) expect(ours.fields?.birthDate).toBe(theirs.fields.birthDate);
      if (theirs.fields.expirationDate) expect(ours.fields?.expiryDate).toBe(theirs.fields.expirationDate);
      compared++;
    }
    expect(compared).toBeGreaterThan(150);
  });
});
