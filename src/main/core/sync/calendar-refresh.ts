import type { Database } from 'better-sqlite3-multiple-ciphers';
import { ScheduleError } from '../workdays/schedule-file';
import { storeSchedule, workdayCalendar } from '../workdays/schedules';
import type { UpstreamClient } from './upstream-client';

/** A schedule that arrived whole but does not hold: asking again brings the same, so it is shown, not retried. */
export class UnusableScheduleError extends Error {}

/**
 * The holiday schedules of `year` and the next, asked for while the app does not know them: a 404 is
 * a schedule not yet published (nothing to do), a schedule that does not hold is the step's problem.
 */
export async function refreshSchedules(db: Database, client: UpstreamClient, year: number, now: Date): Promise<number[]> {
  const known = new Set(workdayCalendar(db).knownYears());
  const taken: number[] = [];
  for (const y of [year, year + 1]) {
    if (known.has(y)) continue;
    const raw = await client.calendar(y);
    if (raw === null) continue;
    try {
      storeSchedule(db, raw, 'upstream', now);
    } catch (err) {
      if (err instanceof ScheduleError) throw new UnusableScheduleError(`the holiday schedule for ${y} from upstream cannot be used: ${err.message}`);
      throw err;
    }
    taken.push(y);
  }
  return taken;
}
