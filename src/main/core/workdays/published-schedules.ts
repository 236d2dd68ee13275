import { createRequire } from 'node:module';
import type { YearSchedule } from './working-days';

// The package's own data file, read as it ships (the same in Node, the built hosts and the packaged app).
const holidayData = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as { holidays: Record<string, string>; workdays: Record<string, string> };

/**
 * The State Council's schedules as the `chinese-days` package ships them (2004 to the last year it
 * knows): its holidays, and its weekend days that are working days. A newer year comes from upstream
 * or an admin's import, without a new release of the app.
 */
let shipped: readonly YearSchedule[] | null = null;

/** Read from the package once: every case view and sync round asks for them. */
export function publishedSchedules(): readonly YearSchedule[] {
  shipped ??= readShipped();
  return shipped;
}

function readShipped(): YearSchedule[] {
  const years = new Map<number, YearSchedule>();
  const of = (date: string) => {
    const year = Number(date.slice(0, 4));
    let s = years.get(year);
    if (!s) years.set(year, (s = { year, holidays: [], workdays: [] }));
    return s;
  };
  for (const d of Object.keys(holidayData.holidays)) of(d).holidays.push(d);
  for (const d of Object.keys(holidayData.workdays)) of(d).workdays.push(d);
  return [...years.values()].sort((a, b) => a.year - b.year);
}
