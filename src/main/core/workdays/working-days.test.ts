import { describe, expect, it } from 'vitest';
import { publishedSchedules } from './published-schedules';
import { createWorkdayCalendar } from './working-days';

const cal = createWorkdayCalendar(publishedSchedules());

describe("China's working days (the State Council's schedules, chinese-days)", () => {
  it('knows the schedules up to 2026 and says when a year is not known', () => {
    expect(cal.knownYears()).toContain(2025);
    expect(cal.knownYears()).toContain(2026);
    expect(cal.isWorkday('2027-03-03')).toEqual({ workday: true, known: false });
  });

  it('Spring Festival 2026: 15–23 February off, Saturday 14 and Saturday 28 February working days', () => {
    for (let d = 15; d <= 23; d++) expect([d, cal.isWorkday(`2026-02-${d}`).workday]).toEqual([d, false]);
    expect(cal.isWorkday('2026-02-14')).toEqual({ workday: true, known: true });
    expect(cal.isWorkday('2026-02-28')).toEqual({ workday: true, known: true });
    // Friday 13 February, one working day: the next is Saturday 14 (调休), then Tuesday 24.
    expect(cal.add('2026-02-13', 1)).toEqual({ date: '2026-02-14', scheduleKnown: true });
    expect(cal.add('2026-02-13', 2)).toEqual({ date: '2026-02-24', scheduleKnown: true });
    expect(cal.count('2026-02-13', '2026-02-24')).toEqual({ workdays: 2, scheduleKnown: true });
  });

  it('National Day 2026: 1–7 October off (with the Mid-Autumn days before), Saturday 10 October worked', () => {
    expect(cal.isWorkday('2026-09-20').workday).toBe(true);
    for (let d = 1; d <= 7; d++) expect(cal.isWorkday(`2026-10-0${d}`).workday).toBe(false);
    expect(cal.isWorkday('2026-10-10').workday).toBe(true);
    // 20 working days from Wednesday 30 September 2026 (Art. 42's period to decide).
    expect(cal.add('2026-09-30', 1)).toEqual({ date: '2026-10-08', scheduleKnown: true });
    expect(cal.add('2026-09-30', 20).date).toBe('2026-11-03');
  });

  it('Spring Festival and National Day 2025, with their 调休 Sundays and Saturdays', () => {
    expect(cal.isWorkday('2025-01-26')).toEqual({ workday: true, known: true });
    expect(cal.isWorkday('2025-02-04').workday).toBe(false);
    expect(cal.isWorkday('2025-02-08').workday).toBe(true);
    expect(cal.isWorkday('2025-09-28').workday).toBe(true);
    expect(cal.isWorkday('2025-10-08').workday).toBe(false);
    expect(cal.isWorkday('2025-10-11').workday).toBe(true);
    expect(cal.count('2025-09-30', '2025-10-10')).toEqual({ workdays: 2, scheduleKnown: true });
  });

  it('the day itself is not counted; 0 days is the day; a period reaching a year not known says so', () => {
    expect(cal.add('2026-12-01', 0)).toEqual({ date: '2026-12-01', scheduleKnown: true });
    expect(cal.add('2026-12-30', 2)).toEqual({ date: '2027-01-01', scheduleKnown: false });
    expect(cal.count('2026-12-01', '2026-12-01')).toEqual({ workdays: 0, scheduleKnown: true });
    expect(cal.count('2026-12-25', '2027-01-08').scheduleKnown).toBe(false);
  });

  it('a schedule for 2027 given later (from upstream or an import) is used, and makes the year known', () => {
    const withNext = createWorkdayCalendar([...publishedSchedules(), { year: 2027, holidays: ['2027-01-01'], workdays: [] }]);
    expect(withNext.add('2026-12-31', 1)).toEqual({ date: '2027-01-04', scheduleKnown: true });
  });

  it('refuses what is not a date or not a number of days', () => {
    expect(() => cal.add('2026-02-30', 1)).toThrow(RangeError);
    expect(() => cal.add('2026-02-01', -1)).toThrow(RangeError);
    expect(() => cal.count('2026-02-02', '2026-02-01')).toThrow(/before/);
  });
});
