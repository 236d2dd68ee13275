import { DAY_MS, parseDate } from '../dates/calendar';

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
  // Days are counted as day numbers since 1970-01-01 (a Thursday): a worklist counts hundreds of
  // clocks per call, and building a date string for each day stepped over measured 34 µs a clock.
  const dayOf = (date: string) => {
    const ms = parseDate(date);
    if (ms === null) throw new RangeError(`${date} is not a date`);
    return ms / DAY_MS;
  };
  const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
  const off = new Set<number>();
  const on = new Set<number>();
  const knownRanges: [number, number, number][] = [];
  for (const s of schedules) {
    for (const d of s.holidays) off.add(dayOf(d));
    for (const d of s.workdays) on.add(dayOf(d));
    knownRanges.push([s.year, dayOf(`${String(s.year).padStart(4, '0')}-01-01`), dayOf(`${String(s.year).padStart(4, '0')}-12-31`)]);
  }
  const isKnown = (day: number) => knownRanges.some(([, from, to]) => day >= from && day <= to);
  const dayIsWorkday = (day: number) => {
    const known = isKnown(day);
    const weekday = (day + 4) % 7;
    const weekend = weekday === 0 || weekday === 6;
    if (!known) return { workday: !weekend, known };
    if (on.has(day)) return { workday: true, known };
    return { workday: !weekend && !off.has(day), known };
  };

  return {
    isWorkday: (date) => dayIsWorkday(dayOf(date)),
    add(date, n) {
      if (!Number.isInteger(n) || n < 0 || n > MAX_WORKDAYS) throw new RangeError(`${n} is not a number of working days from 0 to ${MAX_WORKDAYS}`);
      let d = dayOf(date);
      let known = isKnown(d);
      for (let left = n; left > 0; ) {
        const w = dayIsWorkday(++d);
        known &&= w.known;
        if (w.workday) left--;
      }
      return { date: dateOf(d), scheduleKnown: known };
    },
    count(from, to) {
      const a = dayOf(from);
      const b = dayOf(to);
      if (b < a) throw new RangeError(`${to} is before ${from}`);
      let known = isKnown(a);
      let n = 0;
      for (let d = a; d !== b; ) {
        const w = dayIsWorkday(++d);
        known &&= w.known;
        if (w.workday) n++;
      }
      return { workdays: n, scheduleKnown: known };
    },
    knownYears: () => knownRanges.map(([y]) => y).sort((x, y) => x - y),
  };
}
