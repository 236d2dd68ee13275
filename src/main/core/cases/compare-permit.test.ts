import { describe, expect, it } from 'vitest';
import { SAMPLE_PERMIT } from '../permit-qr/test-signer';
import { demoCases } from '../demo/demo-cases';
import { comparePermitWithCase, sameName } from './compare-permit';

describe('comparing the QR with the case', () => {
  it('treats names as equal across case, accents, spacing and punctuation, but not reordered', () => {
    expect(sameName('GARCÍA MÁRQUEZ,JOSÉ ANTONIO', 'Garcia Marquez, Jose Antonio')).toBe(true);
    expect(sameName("O'BRIEN,SIOBHAN", 'O BRIEN,SIOBHAN')).toBe(true);
    expect(sameName('SMITH,JOHN', 'JOHN,SMITH')).toBe(false);
    expect(sameName('SMITH,JOHN', 'SMYTH,JOHN')).toBe(false);
  });

  it('lists each differing field with both values, and nothing for a matching case', () => {
    const c = demoCases('2026-11-23')[0];
    const permit = {
      ...SAMPLE_PERMIT,
      nn: c.noticeNo,
      pn: c.permitNo,
      cat: c.category,
      nm: c.applicant.name,
      nat: c.applicant.nationality,
      dob: c.applicant.birthDate,
      sex: c.applicant.sex,
      ppn: c.applicant.passportNo,
      emp: c.employer.name,
      uscc: c.employer.uscc,
      pos: c.position!,
      loc: c.workPlace!,
      vf: c.validFrom!,
      vt: c.validTo!,
    };
    expect(comparePermitWithCase(permit, c)).toEqual([]);
    const diffs = comparePermitWithCase({ ...permit, ppn: 'X1234567', dob: '1999-01-01' }, c);
    expect(diffs).toEqual([
      { field: 'dob', qr: '1999-01-01', case: c.applicant.birthDate },
      { field: 'ppn', qr: 'X1234567', case: c.applicant.passportNo },
    ]);
  });
});
