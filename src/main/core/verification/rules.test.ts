import { describe, expect, it } from 'vitest';
import type { PermitCase } from '../../../shared/cases';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { caseSchema } from '../../../shared/upstream-contract';
import { demoCases } from '../demo/demo-cases';
import { RULES, checkCase, type RuleId } from './rules';

const base: PermitCase = {
  ...demoCases('2026-11-23')[0],
  category: 'B',
  entryDate: '2026-11-01',
  notice: { issuedOn: '2026-06-15', validMonths: 6, approvedMonths: 24, family: [] },
  contract: { start: '2026-09-13', end: '2028-09-12', signed: '2026-05-01' },
  medical: { kind: 'domestic', issuedOn: '2026-06-01', issuer: '北京国际旅行卫生保健中心' },
  employer: { name: 'X', uscc: '91110108MA01TPQX65', address: 'Y' },
};
const status = (id: RuleId, c: PermitCase, today: string) => checkCase(c, today).results.find((r) => r.rule === id)!.status;

describe('window rules', () => {
  it('every rule has its basis in both languages', () => {
    for (const r of RULES) {
      expect(r.basis.zh.length).toBeGreaterThan(10);
      expect(r.basis.en.length).toBeGreaterThan(10);
    }
  });

  it("the reform's transition: a notice issued before 1 December 2024, or marked old by upstream, fails and blocks approval; from that day it passes", () => {
    const issued = (issuedOn: string, extra: Record<string, unknown> = {}) => ({ ...base, notice: { ...base.notice!, issuedOn, ...extra } });
    expect(status('notice-current-version', issued('2024-11-30'), '2024-12-20')).toBe('fail');
    expect(checkCase(issued('2024-11-30'), '2024-12-20').approvalBlocked).toBe(true);
    expect(status('notice-current-version', issued('2024-12-01'), '2024-12-20')).toBe('pass');
    expect(status('notice-current-version', issued('2025-03-01', { oldVersion: true }), '2025-03-10')).toBe('fail');
    expect(status('notice-current-version', { ...base, notice: undefined }, '2026-11-23')).toBe('supplement');
  });

  it("the reform's transition: a case upstream marks as returned to pre-examination fails and blocks approval; one not marked, or marked false, passes", () => {
    const marked = (v: unknown) => ({ ...base, returnedToPreExamination: v }) as PermitCase;
    expect(status('not-returned-to-pre-examination', marked(true), '2026-11-23')).toBe('fail');
    expect(checkCase(marked(true), '2026-11-23').approvalBlocked).toBe(true);
    expect(status('not-returned-to-pre-examination', base, '2026-11-23')).toBe('pass');
    expect(status('not-returned-to-pre-examination', marked(false), '2026-11-23')).toBe('pass');
    expect(status('not-returned-to-pre-examination', marked('yes'), '2026-11-23')).toBe('pass');
  });

  it('30 days from entry: the last day passes, the day after fails and blocks approval; Category A does not apply', () => {
    expect(status('attend-within-30-days', base, '2026-11-30')).toBe('pass');
    expect(status('attend-within-30-days', base, '2026-12-01')).toBe('pass');
    expect(status('attend-within-30-days', base, '2026-12-02')).toBe('fail');
    expect(checkCase(base, '2026-12-02').approvalBlocked).toBe(true);
    expect(status('attend-within-30-days', { ...base, category: 'A' }, '2027-06-01')).toBe('not-applicable');
    expect(status('attend-within-30-days', { ...base, entryDate: null }, '2026-11-23')).toBe('supplement');
  });

  it('the notice: valid through the same date 6 months on, flagged the day after; the period is a setting', () => {
    expect(status('notice-within-validity', base, '2026-12-14')).toBe('pass');
    expect(status('notice-within-validity', base, '2026-12-15')).toBe('pass');
    expect(status('notice-within-validity', base, '2026-12-16')).toBe('fail');
    expect(checkCase(base, '2027-01-10', { noticeValidMonths: 7, medicalValidMonths: 6 }).results.find((r) => r.rule === 'notice-within-validity')!.status).toBe('pass');
  });

  it('a domestic medical report: 6 months from its date, counted to today', () => {
    expect(status('medical-report-recent', base, '2026-11-30')).toBe('pass');
    expect(status('medical-report-recent', base, '2026-12-01')).toBe('pass');
    expect(status('medical-report-recent', base, '2026-12-02')).toBe('fail');
  });

  it('an overseas report counts to the application; a commitment asks for the domestic report', () => {
    const overseas = { ...base, medical: { kind: 'overseas' as const, issuedOn: '2025-12-15', issuer: 'Z' } };
    expect(status('medical-report-recent', overseas, '2026-11-23')).toBe('pass');
    expect(status('medical-report-recent', { ...overseas, medical: { ...overseas.medical, issuedOn: '2025-12-14' } }, '2026-11-23')).toBe('fail');
    expect(status('medical-report-recent', { ...base, medical: { ...base.medical!, kind: 'commitment' } }, '2026-11-23')).toBe('supplement');
  });

  it('a commitment with no report yet (no date, no issuer) is a report to follow, never one out of date', () => {
    const commitment = { ...base, medical: { kind: 'commitment' as const, issuedOn: null, issuer: null } };
    const r = checkCase(commitment, '2026-11-23', DEFAULT_SETTINGS).results.find((x) => x.rule === 'medical-report-recent')!;
    expect(r).toMatchObject({ status: 'supplement', blocksApproval: false, facts: { kind: 'commitment' } });
    // An old date on a commitment is no report either: still to follow, not failed.
    expect(status('medical-report-recent', { ...base, medical: { kind: 'commitment', issuedOn: '2020-01-01', issuer: 'X' } }, '2026-11-23')).toBe('supplement');
  });

  it("the contract takes a commitment with its date and issuer null or absent, and no other report without them", () => {
    const c = { ...demoCases('2026-11-23')[0], updatedAt: '2026-11-23T00:00:00Z' };
    expect(caseSchema.safeParse({ ...c, medical: { kind: 'commitment', issuedOn: null, issuer: null } }).data?.medical).toEqual({ kind: 'commitment', issuedOn: null, issuer: null });
    expect(caseSchema.safeParse({ ...c, medical: { kind: 'commitment' } }).data?.medical).toEqual({ kind: 'commitment', issuedOn: null, issuer: null });
    expect(caseSchema.safeParse({ ...c, medical: { kind: 'domestic', issuedOn: null, issuer: null } }).success).toBe(false);
    expect(caseSchema.safeParse({ ...c, medical: { kind: 'overseas', issuer: 'Z' } }).success).toBe(false);
  });

  it('the contract takes effect within 90 days of the application: day 90 passes, day 91 fails', () => {
    expect(status('contract-effective-within-90-days', base, '2026-11-23')).toBe('pass');
    expect(status('contract-effective-within-90-days', { ...base, contract: { ...base.contract!, start: '2026-09-12' } }, '2026-11-23')).toBe('pass');
    expect(status('contract-effective-within-90-days', { ...base, contract: { ...base.contract!, start: '2026-09-14' } }, '2026-11-23')).toBe('fail');
  });

  it('the employer credit code must carry its check character', () => {
    expect(status('employer-credit-code', base, '2026-11-23')).toBe('pass');
    expect(status('employer-credit-code', { ...base, employer: { ...base.employer, uscc: '91110108MA01TPQX66' } }, '2026-11-23')).toBe('fail');
  });
});
