import type { StatutoryClocks, WorkdayClock } from '../../../shared/cases';
import type { WorkdayCalendar } from './working-days';

/** Working days for the decision after acceptance (Art. 42) and for serving it after the decision (Art. 44). */
export const DECISION_WORKDAYS = 20;
export const SERVICE_WORKDAYS = 10;

export interface ClockFacts {
  /** Beijing dates of the case's effective on-site records, oldest first, with their outcomes. */
  records: { on: string; outcome: 'approved' | 'supplement' | 'rejected' }[];
  /** Beijing date of the first decision issued and not voided. */
  decidedOn: string | null;
  /** The date the decision was served (the proof of service); null until one is recorded. */
  servedOn: string | null;
  /** The last day supplements can be brought: the 30-day window's, or the notice's end if sooner. */
  bringBy: string | null;
}

/**
 * The clocks that run for a case as of `today`. Decided where the law leaves the window to decide:
 * acceptance (受理) is the day the on-site verification found the case complete (its first approved
 * record, or the first record at all for a rejection, which is a decision too); a supplement request
 * made at the window is given on the spot, so its clock is the day and the last day to bring them.
 */
export function statutoryClocks(facts: ClockFacts, cal: WorkdayCalendar, today: string): StatutoryClocks {
  let known = true;
  const clock = (from: string, n: number, doneOn: string | null): WorkdayClock => {
    const due = cal.add(from, n);
    const left = today <= due.date ? cal.count(today, due.date) : cal.count(due.date, today);
    known &&= due.scheduleKnown && left.scheduleKnown;
    const workdaysLeft = today <= due.date ? left.workdays : -left.workdays;
    const state = doneOn === null ? (today > due.date ? 'late' : 'running') : doneOn <= due.date ? 'met' : 'late';
    return { from, dueOn: due.date, workdaysLeft, state, doneOn };
  };
  const accepted = facts.records.find((r) => r.outcome === 'approved') ?? facts.records.find((r) => r.outcome === 'rejected');
  const decidedOn = accepted?.outcome === 'rejected' ? accepted.on : facts.decidedOn;
  const last = facts.records.at(-1);
  return {
    decision: accepted ? clock(accepted.on, DECISION_WORKDAYS, decidedOn) : null,
    service: facts.decidedOn ? clock(facts.decidedOn, SERVICE_WORKDAYS, facts.servedOn) : null,
    supplement: last?.outcome === 'supplement' ? { askedOn: last.on, bringBy: facts.bringBy } : null,
    scheduleKnown: known,
  };
}
