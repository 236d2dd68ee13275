import { addDays, parseDate } from '../dates/calendar';

/**
 * China's working days (Administrative Licensing Law Art. 82: the law's time limits are working days):
 * Monday to Friday, less the State Council's public holidays, plus the weekend days it makes working
 * days (调休). The schedule is published year by year; for a year it does not know, the calendar counts
 * Monday to Friday and says the result rests on an unknown schedule.
 */
export interface YearSchedule {
  year: number;
  /** Days off by the schedule (the whole holiday, weekend days within it included). */
  holidays: string[];
  /** Weekend days that are working days (调休). */
  workdays: string[];
}

export interface WorkdayCalendar {
  /** Whether the date is a working day, and whether its year's schedule is known. */
  isWorkday(date: string): { workday: boolean; known: boolean };
  /** The date `n` working days after `date` (the date itself not counted, Civil Code Art. 201). */
  add(date: string, n: number): { date: string; scheduleKnown: boolean };
  /** The working days after `from`, up to and including `to`. */
  count(from: string, to: string): { workdays: number; scheduleKnown: boolean };
  knownYears(): number[];
}

/** More than any statutory period; a bound so a wrong input cannot loop for long. */
const MAX_WORKDAYS = 100_000;

export function createWorkdayCalendar(schedules: Iterable<YearSchedule>): WorkdayCalendar {
  const byYear = new Map<number, { holidays: Set<string>; workdays: Set<string> }>();
  for (const s of schedules) byYear.set(s.year, { holidays: new Set(s.holidays), workdays: new Set(s.workdays) });

  function isWorkday(date: string) {
    const ms = parseDate(date);
    if (ms === null) throw new RangeError(`${date} is not a date`);
    const weekday = new Date(ms).getUTCDay();
    const schedule = byYear.get(Number(date.slice(0, 4)));
    const weekend = weekday === 0 || weekday === 6;
    if (!schedule) return { workday: !weekend, known: false };
    if (schedule.workdays.has(date)) return { workday: true, known: true };
    return { workday: !weekend && !schedule.holidays.has(date), known: true };
  }

  return {
    isWorkday,
    add(date, n) {
      if (!Number.isInteger(n) || n < 0 || n > MAX_WORKDAYS) throw new RangeError(`${n} is not a number of working days from 0 to ${MAX_WORKDAYS}`);
      let known = isWorkday(date).known;
      let d = date;
      for (let left = n; left > 0; ) {
        d = addDays(d, 1);
        const w = isWorkday(d);
        known &&= w.known;
        if (w.workday) left--;
      }
      return { date: d, scheduleKnown: known };
    },
    count(from, to) {
      const a = parseDate(from);
      const b = parseDate(to);
      if (a === null || b === null) throw new RangeError(`${a === null ? from : to} is not a date`);
      if (b < a) throw new RangeError(`${to} is before ${from}`);
      let known = isWorkday(from).known;
      let n = 0;
      for (let d = from; d !== to; ) {
        d = addDays(d, 1);
        const w = isWorkday(d);
        known &&= w.known;
        if (w.workday) n++;
      }
      return { workdays: n, scheduleKnown: known };
    },
    knownYears: () => [...byYear.keys()].sort((x, y) => x - y),
  };
}
