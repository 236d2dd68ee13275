import { describe, expect, it } from 'vitest';
import { entryDeadline, noticeValidUntil } from './deadlines';

describe('30-day entry deadline', () => {
  it('puts the last day 30 days after entry, across month ends', () => {
    expect(entryDeadline('2026-11-01', '2026-11-01')).toEqual({ lastDay: '2026-12-01', daysLeft: 30, state: 'ok' });
    expect(entryDeadline('2026-02-10', '2026-02-10')?.lastDay).toBe('2026-03-12');
  });

  it('is near in the last seven days, inclusive, and overdue the day after the last day', () => {
    expect(entryDeadline('2026-11-01', '2026-11-24')?.state).toBe('ok'); // 7 days left
    expect(entryDeadline('2026-11-01', '2026-11-25')?.state).toBe('near'); // 6 days left
    expect(entryDeadline('2026-11-01', '2026-12-01')).toMatchObject({ daysLeft: 0, state: 'near' });
    expect(entryDeadline('2026-11-01', '2026-12-02')).toMatchObject({ daysLeft: -1, state: 'overdue' });
  });

  it('returns null for a date that does not exist', () => {
    expect(entryDeadline('2026-02-30', '2026-03-01')).toBeNull();
    expect(entryDeadline('20261101', '2026-11-02')).toBeNull();
  });
});

describe('Work Permit Notice validity', () => {
  it('ends on the same date six months on (Civil Code Art. 202)', () => {
    expect(noticeValidUntil('2024-11-20', 6)).toBe('2025-05-20');
    expect(noticeValidUntil('2026-12-15', 6)).toBe('2027-06-15');
  });
  it('ends on the last day of the month when that month has no such date', () => {
    expect(noticeValidUntil('2026-08-31', 6)).toBe('2027-02-28');
    expect(noticeValidUntil('2027-08-31', 6)).toBe('2028-02-29');
  });
  it('returns null for a date that does not exist', () => {
    expect(noticeValidUntil('2026-02-30', 6)).toBeNull();
  });
});
