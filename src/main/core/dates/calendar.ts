/**
 * Calendar days as the window counts them: YYYY-MM-DD strings, real dates only, arithmetic in UTC so
 * a PC's time zone never shifts a day.
 */
export const DAY_MS = 86_400_000;

/** Midnight UTC of a YYYY-MM-DD date, or null when the text is not a date that exists (2026-02-30). */
export function parseDate(date: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const ms = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date ? null : ms;
}

export function isCalendarDate(date: string): boolean {
  return parseDate(date) !== null;
}

/** The date `days` later (earlier when negative). `date` must be a real date. */
export function addDays(date: string, days: number): string {
  return new Date(parseDate(date)! + days * DAY_MS).toISOString().slice(0, 10);
}

/** The same date `months` later (or earlier, when negative), or the month's last day when it has none. */
export function addMonths(date: string, months: number): string | null {
  const issued = parseDate(date);
  if (issued === null || !Number.isInteger(months)) return null;
  const d = new Date(issued);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const lastOfTarget = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(d.getUTCDate(), lastOfTarget))).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD), or null for a date that does not exist. */
export function daysBetween(from: string, to: string): number | null {
  const a = parseDate(from);
  const b = parseDate(to);
  return a === null || b === null ? null : Math.round((b - a) / DAY_MS);
}

/** Today's date at the window: the deadlines are counted in Beijing time, whatever the PC's zone. */
export function chinaDate(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** An instant as the office reads it, in Beijing time to the second, for files the app writes (YYYY-MM-DD HH:mm:ss). */
export function chinaTime(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : new Date(t + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}
