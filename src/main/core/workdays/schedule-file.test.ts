import { describe, expect, it } from 'vitest';
import { readSchedule, ScheduleError } from './schedule-file';

describe("a year's schedule from upstream or an import", () => {
  it('is taken when every day is a real day of its year, worked days fall on weekends, and none is both', () => {
    expect(readSchedule({ year: 2027, holidays: ['2027-01-01', '2027-01-01'], workdays: ['2027-02-06'], note: 'kept' })).toEqual({ year: 2027, holidays: ['2027-01-01'], workdays: ['2027-02-06'] });
  });

  it('is refused whole, naming the fault', () => {
    for (const [bad, said] of [
      [{ year: 2027, holidays: ['2027-02-30'], workdays: [] }, 'not a date'],
      [{ year: 2027, holidays: ['2026-12-31'], workdays: [] }, 'not in 2027'],
      [{ year: 2027, holidays: [], workdays: ['2027-02-03'] }, 'a weekday'],
      [{ year: 2027, holidays: ['2027-02-06'], workdays: ['2027-02-06'] }, 'both'],
      [{ year: '2027', holidays: [], workdays: [] }, 'year'],
      [{ year: 2027, holidays: '2027-01-01', workdays: [] }, 'holidays'],
    ] as const) {
      expect(() => readSchedule(bad)).toThrow(ScheduleError);
      expect(() => readSchedule(bad)).toThrow(said);
    }
  });
});
