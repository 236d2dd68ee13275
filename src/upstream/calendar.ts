import { createRequire } from 'node:module';

/** A year of the State Council's schedule as `GET /v1/calendar` serves it. */
export interface YearCalendar {
  year: number;
  holidays: string[];
  /** Weekend days that are working days (调休). */
  workdays: string[];
}

/**
 * The schedules the server publishes: those the `chinese-days` package ships, grouped by year. A test
 * may publish another year through its controls.
 */
export function shippedCalendars(): Map<number, YearCalendar> {
  const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as { holidays: Record<string, unknown>; workdays: Record<string, unknown> };
  const calendars = new Map<number, YearCalendar>();
  const add = (kind: 'holidays' | 'workdays') => {
    for (const date of Object.keys(data[kind])) {
      const year = Number(date.slice(0, 4));
      if (!calendars.has(year)) calendars.set(year, { year, holidays: [], workdays: [] });
      calendars.get(year)![kind].push(date);
    }
  };
  add('holidays');
  add('workdays');
  return calendars;
}
