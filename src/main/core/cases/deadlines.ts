import type { Deadline, PermitCase } from '../../../shared/cases';
import { DAY_MS, addMonths, parseDate } from '../dates/calendar';

/**
 * The window and residence-permit deadline for an entry date, as seen on `today` (both YYYY-MM-DD).
 * Holders of Category B and C notices must come to the window within 30 days of entering China, and
 * must apply for a residence permit within the same 30 days. Decided here: day 0 is the entry date,
 * so the last day is entry + 30; "near" is the last `nearDays` days, inclusive.
 */
export function entryDeadline(entryDate: string, today: string, nearDays = 7): Deadline | null {
  const entry = parseDate(entryDate);
  const now = parseDate(today);
  if (entry === null || now === null) return null;
  const last = entry + 30 * DAY_MS;
  const daysLeft = Math.round((last - now) / DAY_MS);
  return { lastDay: new Date(last).toISOString().slice(0, 10), daysLeft, state: deadlineState(daysLeft, nearDays) };
}

/** A deadline with `daysLeft`: overdue once passed, near within the last `nearDays` days (the worklist counts the same). */
export const deadlineState = (daysLeft: number, nearDays: number): Deadline['state'] => (daysLeft < 0 ? 'overdue' : daysLeft < nearDays ? 'near' : 'ok');

/**
 * The last day a Work Permit Notice may be used, `months` after its issue date. Counted as the Civil
 * Code counts periods (Art. 201-202): the issue day is not counted, the period ends on the same date
 * `months` later, or on that month's last day when it has no such date.
 */
export function noticeValidUntil(issuedOn: string, months: number): string | null {
  return addMonths(issuedOn, months);
}

/** The case's two limits: the 30-day window from entry, and the notice's end of validity. */
export function limitsOf(c: PermitCase, today: string, nearDays: number) {
  return {
    deadline: c.entryDate ? entryDeadline(c.entryDate, today, nearDays) : null,
    validUntil: c.notice ? noticeValidUntil(c.notice.issuedOn, c.notice.validMonths) : null,
  };
}

/** The earlier of two dates (YYYY-MM-DD), either of which may be unknown. */
export const sooner = (a: string | null, b: string | null): string | null => (a !== null && b !== null ? (a < b ? a : b) : (a ?? b));

/** The last day supplements can be brought: the 30-day window's last day, or the notice's end of validity if sooner. */
export function lastDayToBring(c: PermitCase, today: string, nearDays = 7): string | null {
  const { deadline, validUntil } = limitsOf(c, today, nearDays);
  return sooner(deadline?.lastDay ?? null, validUntil);
}
