import { calendarSchema } from '../../../shared/upstream-contract';
import { parseDate } from '../dates/calendar';
import type { YearSchedule } from './working-days';

export class ScheduleError extends Error {}

/**
 * A year's schedule from upstream or an import, checked whole: real dates, each in its year, a worked
 * day on a weekend (the only kind the schedule adds), no day both off and worked. Throws a
 * ScheduleError naming the first fault; nothing is taken from a schedule with one.
 */
export function readSchedule(json: unknown): YearSchedule {
  const parsed = calendarSchema.safeParse(json);
  if (!parsed.success) throw new ScheduleError(`${parsed.error.issues[0].path.join('.') || 'the schedule'}: ${parsed.error.issues[0].message}`);
  const { year, holidays, workdays } = parsed.data;
  for (const d of [...holidays, ...workdays]) {
    if (parseDate(d) === null) throw new ScheduleError(`${d} is not a date`);
    if (Number(d.slice(0, 4)) !== year) throw new ScheduleError(`${d} is not in ${year}`);
  }
  for (const d of workdays) {
    const weekday = new Date(parseDate(d)!).getUTCDay();
    if (weekday !== 0 && weekday !== 6) throw new ScheduleError(`${d} is a weekday: only a weekend day is made a working day`);
  }
  const off = new Set(holidays);
  const both = workdays.find((d) => off.has(d));
  if (both) throw new ScheduleError(`${both} is both a holiday and a working day`);
  return { year, holidays: [...off].sort(), workdays: [...new Set(workdays)].sort() };
}
