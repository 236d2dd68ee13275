import { describe, expect, it } from 'vitest';
import type { PermitCase } from '../../../shared/cases';
import { demoCases } from '../demo/demo-cases';
import { MATERIAL_RULES, checklistFor, materialProblems } from './materials';
import { allOriginalsDraft } from './test-records';

const base: PermitCase = {
  ...demoCases('2026-11-23')[0],
  category: 'B',
  contract: { start: '2026-09-13', end: '2028-09-12', signed: '2026-05-01' },
  medical: { kind: 'domestic', issuedOn: '2026-06-01', issuer: '北京国际旅行卫生保健中心' },
};

const complete = (c: PermitCase) => allOriginalsDraft(c).materials;
const codes = (p: { problem: string; code: string; field: string | null }[]) => p.map((x) => `${x.code}:${x.field ?? ''}:${x.problem}`);

describe('materials checklist', () => {
  it('every material rule has its basis in both languages', () => {
    for (const r of MATERIAL_RULES) {
      expect(r.basis.zh.length).toBeGreaterThan(5);
      expect(r.basis.en.length).toBeGreaterThan(10);
    }
  });

  it('B and C: originals of passport, contract, medical report and photo; photocopies of the visa and the seal; the application adds its own', () => {
    const list = checklistFor(base);
    const expected = Object.fromEntries(list.map((i) => [i.code, i.expected]));
    expect(expected).toMatchObject({
      passport: 'original_seen',
      'work-visa-or-residence-permit': 'copy_retained',
      'employer-seal-copy': 'copy_retained',
      contract: 'original_seen',
      'medical-report': 'original_seen',
      photo: 'original_seen',
      'no-criminal-record': 'original_seen',
    });
    expect(list.find((i) => i.code === 'passport')!.fields.map((f) => f.key)).toEqual(['passportNo', 'name', 'birthDate', 'nationality']);
  });

  it('under the commitment system the medical report is not due at the window; Category A needs nothing', () => {
    const commitment = checklistFor({ ...base, medical: { kind: 'commitment', issuedOn: '2026-06-01', issuer: 'X' } });
    expect(commitment.find((i) => i.code === 'medical-report')).toMatchObject({ required: false, expected: 'not_applicable' });
    expect(checklistFor({ ...base, category: 'A' }).every((i) => !i.required && i.expected === 'not_applicable')).toBe(true);
  });

  it('all originals seen and matching: no problem', () => {
    expect(materialProblems(base, complete(base), '2026-11-23', 6)).toEqual([]);
  });

  it('a required material missing, or not recorded at all, is a problem', () => {
    const entries = complete(base).map((e) => (e.code === 'contract' ? { ...e, evidence: 'missing' as const } : e)).filter((e) => e.code !== 'photo');
    expect(codes(materialProblems(base, entries, '2026-11-23', 6))).toEqual(['contract::missing-required', 'photo::missing-required']);
  });

  it('a field read from the original that differs from the case, or a date that is not one, is a problem; names compare as passport names', () => {
    const entries = complete(base).map((e) =>
      e.code === 'passport'
        ? { ...e, fields: { ...e.fields, passportNo: 'X0000000', name: e.fields.name.toLowerCase().replace(',', ', ') } }
        : e.code === 'contract'
          ? { ...e, fields: { ...e.fields, start: '2026-02-30' } }
          : e,
    );
    expect(codes(materialProblems(base, entries, '2026-11-23', 6))).toEqual(['passport:passportNo:differs-from-case', 'contract:start:bad-date']);
  });

  it('the visa or residence permit: valid on its expiry day, expired the day after', () => {
    const withExpiry = (expiry: string) => complete(base).map((e) => (e.code === 'work-visa-or-residence-permit' ? { ...e, fields: { documentNo: 'Z1', expiry } } : e));
    expect(materialProblems(base, withExpiry('2026-11-23'), '2026-11-23', 6)).toEqual([]);
    expect(codes(materialProblems(base, withExpiry('2026-11-22'), '2026-11-23', 6))).toEqual(['work-visa-or-residence-permit:expiry:expired']);
  });

  it('a domestic medical report: recent up to 6 months after its date, not a day later', () => {
    const c = { ...base, medical: { kind: 'domestic' as const, issuedOn: '2026-05-23', issuer: 'X' } };
    const entries = complete(c);
    expect(materialProblems(c, entries, '2026-11-23', 6)).toEqual([]);
    expect(codes(materialProblems(c, entries, '2026-11-24', 6))).toEqual(['medical-report:issuedOn:not-recent']);
    // An overseas report was judged at the application (rules.ts), not today.
    const overseas = { ...c, medical: { ...c.medical, kind: 'overseas' as const } };
    expect(materialProblems(overseas, complete(overseas), '2027-03-01', 6)).toEqual([]);
  });
});
