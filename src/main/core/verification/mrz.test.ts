import { describe, expect, it } from 'vitest';
import { checkMrz, mrzCheckDigit } from './mrz';

// The specimen passport of ICAO Doc 9303 part 4 (Anna Maria Eriksson, Utopia).
const L1 = 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<';
const L2 = 'L898902C36UTO7408122F1204159ZE184226B<<<<<10';
const change = (s: string, at: number, c: string) => s.slice(0, at) + c + s.slice(at + 1);

describe('MRZ check digits (ICAO 9303)', () => {
  it('accepts the ICAO specimen and reads its fields', () => {
    expect(checkMrz(L1, L2)).toEqual({
      ok: true,
      problems: [],
      fields: { documentNumber: 'L898902C3', nationality: 'UTO', birthDate: '740812', sex: 'F', expiryDate: '120415', surname: 'ERIKSSON', givenNames: 'ANNA MARIA' },
    });
    expect(mrzCheckDigit('L898902C3')).toBe('6');
    expect(mrzCheckDigit('520727')).toBe('3');
  });

  it('names each field whose check digit fails (and the composite, which covers them)', () => {
    expect(checkMrz(L1, change(L2, 9, '7')).problems).toEqual(['check-digit:document-number', 'check-digit:composite']);
    expect(checkMrz(L1, change(L2, 19, '3')).problems).toEqual(['check-digit:birth-date', 'check-digit:composite']);
    expect(checkMrz(L1, change(L2, 27, '0')).problems).toEqual(['check-digit:expiry-date', 'check-digit:composite']);
    expect(checkMrz(L1, change(L2, 42, '2')).problems).toEqual(['check-digit:personal-number', 'check-digit:composite']);
    expect(checkMrz(L1, change(L2, 43, '1')).problems).toEqual(['check-digit:composite']);
    // A changed document number character with its check digit left as it was.
    expect(checkMrz(L1, change(L2, 0, 'M')).problems).toContain('check-digit:document-number');
  });

  it('refuses lines of the wrong length or with characters outside the MRZ set, as format', () => {
    expect(checkMrz(L1, L2.slice(0, 43)).problems).toEqual(['format']);
    expect(checkMrz(L1, change(L2, 3, 'é')).problems).toEqual(['format']);
    expect(checkMrz('', '').problems).toEqual(['format']);
  });

  it('checks TD2 documents (two lines of 36)', () => {
    const t1 = 'I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<';
    const t2 = 'D231458907UTO7408122F1204159<<<<<<<6';
    expect(checkMrz(t1, t2).ok).toBe(true);
    expect(checkMrz(t1, change(t2, 35, '5')).problems).toEqual(['check-digit:composite']);
  });
});
