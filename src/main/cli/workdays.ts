import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseDate } from '../core/dates/calendar';
import { readSchedule, ScheduleError } from '../core/workdays/schedule-file';
import { calendarWith } from '../core/workdays/schedules';
import type { YearSchedule } from '../core/workdays/working-days';
import { UsageError, asUsage, printJson } from './usage';

/**
 * `workdays add DATE N` → {"date","scheduleKnown"}: the date N working days after DATE (DATE not
 * counted, Civil Code Art. 201). `workdays count FROM TO` → {"workdays","scheduleKnown"}: the working
 * days after FROM up to and including TO. `--schedule FILE` (repeatable) adds a year's schedule as
 * upstream gives it, for a year the shipped data does not know yet.
 */
export async function workdays(args: string[]): Promise<void> {
  const { values, positionals } = asUsage(() => parseArgs({ args, strict: true, allowPositionals: true, options: { schedule: { type: 'string', multiple: true } } }));
  const [sub, a, b, ...extra] = positionals;
  if ((sub !== 'add' && sub !== 'count') || a === undefined || b === undefined || extra.length) throw new UsageError('the workdays command is "workdays add DATE N" or "workdays count FROM TO"');
  const extraSchedules: YearSchedule[] = (values.schedule ?? []).map((file) => {
    let json;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new UsageError(`cannot read the schedule ${file}: ${(err as NodeJS.ErrnoException).code ?? 'not JSON'}`);
    }
    try {
      return readSchedule(json);
    } catch (err) {
      if (err instanceof ScheduleError) throw new UsageError(`the schedule ${file} cannot be used: ${err.message}`);
      throw err;
    }
  });
  // A schedule given replaces the shipped one of its year.
  const cal = calendarWith(extraSchedules);
  const day = (text: string, name: string) => {
    if (parseDate(text) === null) throw new UsageError(`${name} must be a date YYYY-MM-DD that exists, not ${JSON.stringify(text.slice(0, 40))}`);
    return text;
  };
  if (sub === 'add') {
    if (!/^\d{1,5}$/.test(b)) throw new UsageError(`N must be a whole number of working days from 0 to 99999, not ${JSON.stringify(b.slice(0, 40))}`);
    printJson(cal.add(day(a, 'DATE'), Number(b)));
    return;
  }
  const from = day(a, 'FROM');
  const to = day(b, 'TO');
  if (to < from) throw new UsageError(`TO (${to}) is before FROM (${from})`);
  printJson(cal.count(from, to));
}
