import { describe, expect, it } from 'vitest';
import { CASE_STATUSES } from '../../../shared/cases';
import { entryDeadline } from '../cases/deadlines';
import { isValidUscc } from '../cases/uscc';
import { demoCases } from './demo-cases';

describe('the demo office', () => {
  const today = '2026-11-23';
  const cases = demoCases(today);

  it('has at least 60 cases over every category and every status', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
    expect(new Set(cases.map((c) => c.category))).toEqual(new Set(['A', 'B', 'C']));
    expect(new Set(cases.map((c) => c.status))).toEqual(new Set(CASE_STATUSES));
  });

  it('has unique numbers and employers with valid credit codes', () => {
    expect(new Set(cases.map((c) => c.noticeNo)).size).toBe(cases.length);
    expect(new Set(cases.map((c) => c.permitNo)).size).toBe(cases.length);
    expect(cases.every((c) => isValidUscc(c.employer.uscc))).toBe(true);
    expect(cases.every((c) => /^\d{18}$/.test(c.permitNo))).toBe(true);
  });

  it('has names with hyphens, apostrophes, diacritics and Chinese characters, of many nationalities', () => {
    const names = cases.map((c) => c.applicant.name);
    expect(names.some((n) => n.includes('-'))).toBe(true);
    expect(names.some((n) => n.includes("'"))).toBe(true);
    expect(names.some((n) => /[À-ž]/.test(n))).toBe(true);
    expect(names.some((n) => n.length > 40)).toBe(true);
    expect(cases.some((c) => c.applicant.nameZh)).toBe(true);
    expect(new Set(cases.map((c) => c.applicant.nationality)).size).toBeGreaterThanOrEqual(20);
  });

  it('puts some entry deadlines near and some past', () => {
    const states = cases.filter((c) => c.entryDate).map((c) => entryDeadline(c.entryDate!, today)!.state);
    expect(states).toContain('near');
    expect(states).toContain('overdue');
    expect(states).toContain('ok');
  });
});
