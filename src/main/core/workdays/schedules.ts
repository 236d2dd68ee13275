import type { Database } from 'better-sqlite3-multiple-ciphers';
import { publishedSchedules } from './published-schedules';
import { readSchedule } from './schedule-file';
import { createWorkdayCalendar, type WorkdayCalendar, type YearSchedule } from './working-days';

/** A year's schedule received (upstream or import), checked whole; it replaces the year's shipped one. */
export function storeSchedule(db: Database, json: unknown, source: 'upstream' | 'import', now: Date): YearSchedule {
  const schedule = readSchedule(json);
  db.prepare(
    `INSERT INTO holiday_schedules (year, document, source, stored_at) VALUES (?,?,?,?)
     ON CONFLICT(year) DO UPDATE SET document = excluded.document, source = excluded.source, stored_at = excluded.stored_at`,
  ).run(schedule.year, JSON.stringify(schedule), source, now.toISOString());
  return schedule;
}

function stored(db: Database): (YearSchedule & { source: string })[] {
  return (db.prepare('SELECT document, source FROM holiday_schedules ORDER BY year').all() as { document: string; source: string }[]).map((r) => ({ ...(JSON.parse(r.document) as YearSchedule), source: r.source }));
}

/** The schedules the app ships, each replaced by one received for its year (the store's, or a file the command line is given). */
export function calendarWith(received: readonly YearSchedule[]): WorkdayCalendar {
  const years = new Set(received.map((s) => s.year));
  return createWorkdayCalendar([...publishedSchedules().filter((s) => !years.has(s.year)), ...received]);
}

/** The calendar in force in the store. */
export function workdayCalendar(db: Database): WorkdayCalendar {
  return calendarWith(stored(db));
}

/** Which years are known, and where each came from, for Settings. */
export function scheduleStatus(db: Database): { year: number; source: 'shipped' | 'upstream' | 'import' }[] {
  const received = new Map(stored(db).map((s) => [s.year, s.source as 'upstream' | 'import']));
  const years = new Set([...publishedSchedules().map((s) => s.year), ...received.keys()]);
  return [...years].sort((a, b) => a - b).map((year) => ({ year, source: received.get(year) ?? 'shipped' }));
}
