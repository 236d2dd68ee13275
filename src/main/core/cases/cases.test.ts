import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { openTestStore } from '../store/test-store';
import { saveCase, searchCases, getCase, getCaseBySsn, tidySearchIndex } from './cases';
import { searchQuery } from './search-terms';
import type { PermitCase } from '../../../shared/cases';

function makeCase(n: number, name: string, nameZh: string | null = null): PermitCase {
  return {
    noticeNo: `WPN-2026-${String(n).padStart(6, '0')}`,
    permitNo: `1101051988${String(n).padStart(8, '0')}`,
    category: 'B',
    status: 'awaiting_verification',
    applicant: {
      name,
      nameZh,
      nationality: 'FRA',
      sex: 'F',
      birthDate: '1990-01-01',
      passportNo: `P${n}X`,
      ssn: n % 2 ? `SSN${n}` : null,
    },
    employer: { name: 'Employer', uscc: '91110000MA01ABCD1X', address: 'Beijing' },
    entryDate: '2026-11-01',
    version: 1,
    updatedAt: '2026-11-01T00:00:00Z',
  };
}

function seeded() {
  const db = openTestStore();
  saveCase(db, makeCase(1, "O'BRIEN,SÉAMUS PATRICK"));
  saveCase(db, makeCase(2, 'DUPONT-MOREAU,JEAN-PIERRE'));
  saveCase(db, makeCase(3, 'WANG,XIAOMING', '王小明'));
  return db;
}

const names = (r: { name: string }[]) => r.map((x) => x.name);

describe('case search', () => {
  it('finds by notice, permit, passport and social security number, with or without separators', () => {
    const db = seeded();
    expect(names(searchCases(db, 'wpn-2026-000002'))).toEqual(['DUPONT-MOREAU,JEAN-PIERRE']);
    expect(names(searchCases(db, 'WPN2026000002'))).toEqual(['DUPONT-MOREAU,JEAN-PIERRE']);
    expect(names(searchCases(db, '110105198800000003'))).toEqual(['WANG,XIAOMING']);
    expect(names(searchCases(db, 'p1x'))).toEqual(["O'BRIEN,SÉAMUS PATRICK"]);
    expect(names(searchCases(db, 'SSN3'))).toEqual(['WANG,XIAOMING']);
  });

  it('finds names ignoring case, accents and the order of surname and given names', () => {
    const db = seeded();
    expect(names(searchCases(db, 'seamus obrien'))).toEqual(["O'BRIEN,SÉAMUS PATRICK"]);
    expect(names(searchCases(db, "Patrick O'Brien"))).toEqual(["O'BRIEN,SÉAMUS PATRICK"]);
    expect(names(searchCases(db, 'jean-pierre dupont'))).toEqual(['DUPONT-MOREAU,JEAN-PIERRE']);
    expect(names(searchCases(db, 'moreau'))).toEqual(['DUPONT-MOREAU,JEAN-PIERRE']);
    expect(names(searchCases(db, 'xiaoming wang'))).toEqual(['WANG,XIAOMING']);
    expect(names(searchCases(db, '小明'))).toEqual(['WANG,XIAOMING']);
  });

  it('returns nothing for a name that is not there, and keeps the last save of a case', () => {
    const db = seeded();
    expect(searchCases(db, 'smith')).toEqual([]);
    saveCase(db, { ...makeCase(2, 'LEE,ANNA'), version: 2 });
    expect(searchCases(db, 'dupont')).toEqual([]);
    expect(getCase(db, 'WPN-2026-000002')?.version).toBe(2);
  });

  it('finds the same after cases stored many in one transaction and the index tidied, and a save after it', () => {
    const db = openTestStore();
    db.transaction(() => {
      for (let n = 1; n <= 600; n++) saveCase(db, makeCase(n, n === 42 ? "O'BRIEN,SÉAMUS PATRICK" : `CASE,NUMBER ${n}`));
    })();
    tidySearchIndex(db);
    expect(names(searchCases(db, 'seamus obrien'))).toEqual(["O'BRIEN,SÉAMUS PATRICK"]);
    expect(names(searchCases(db, 'WPN2026000042'))).toEqual(["O'BRIEN,SÉAMUS PATRICK"]);
    saveCase(db, { ...makeCase(42, 'LEE,ANNA'), version: 2 });
    expect(searchCases(db, 'obrien')).toEqual([]);
    expect(names(searchCases(db, 'anna lee'))).toEqual(['LEE,ANNA']);
  });

  it('never throws on any typed input', () => {
    const db = seeded();
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (input) => {
        const q = searchQuery(input);
        expect(Array.isArray(searchCases(db, input))).toBe(true);
        if (q === null) expect(searchCases(db, input)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('case by social security number', () => {
  it('finds the one case with that number, separators and case ignored, and not a case whose number only starts so', () => {
    const db = seeded();
    saveCase(db, makeCase(13, 'LONGER,NUMBER'));
    expect(getCaseBySsn(db, 'ssn-1')?.noticeNo).toBe(makeCase(1, '').noticeNo);
    expect(getCaseBySsn(db, 'SSN13')?.noticeNo).toBe(makeCase(13, '').noticeNo);
    expect(getCaseBySsn(db, 'SSN2')).toBeNull();
  });
});
