import { describe, expect, it } from 'vitest';
import { createMrzAssembler, isMrzRow } from './mrz-lines';

// ICAO 9303 part 4 specimen (TD3) and part 5 specimen (TD2).
const TD3 = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];
const TD2 = ['I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'D231458907UTO7408122F1204159<<<<<<<6'];

describe('MRZ rows from a passport reader', () => {
  it('recognises TD3 and TD2 rows, and not a permit QR, a reference or a short line', () => {
    expect(TD3.every(isMrzRow)).toBe(true);
    expect(TD2.every(isMrzRow)).toBe(true);
    expect(isMrzRow('WPN1:NCF3' + 'A'.repeat(35))).toBe(false);
    expect(isMrzRow('110108202600001000')).toBe(false);
    expect(isMrzRow('P<UTOERIKSSON')).toBe(false);
  });

  it('joins two rows of one document that arrive together; a lone row is dropped when the next does not match', () => {
    const got: string[][] = [];
    const a = createMrzAssembler((l1, l2) => got.push([l1, l2]), 3000);
    expect(a.feed(`${TD3[0]}\r`, 0)).toBe(true);
    expect(a.feed(TD3[1], 100)).toBe(true);
    expect(got).toEqual([TD3]);
    // A TD3 row, then TD2 rows: the lone TD3 row never pairs with a TD2 row.
    a.feed(TD3[0], 1000);
    a.feed(TD2[0], 1100);
    a.feed(TD2[1], 1200);
    expect(got).toEqual([TD3, TD2]);
    // Rows too far apart do not pair.
    a.feed(TD3[0], 10_000);
    a.feed(TD3[1], 20_000);
    expect(got).toHaveLength(2);
    expect(a.feed('WPN1:XYZ', 20_100)).toBe(false);
  });
});
