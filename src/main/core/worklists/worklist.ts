import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { CaseSummary } from '../../../shared/cases';
import type { Urgency, WorkItem, WorkKind, Worklist, WorklistFilter } from '../../../shared/worklists';
import { URGENCIES, WORK_KINDS } from '../../../shared/worklists';
import { addDays, chinaDate, daysBetween } from '../dates/calendar';
import { awaitingVisits, caseSummaries, casesPendingSupplement, countAwaitingVisits, getCase, noticesWithStatus, type VisitRange } from '../cases/cases';
import type { PendingSupplement } from '../../../shared/cases';
import { lastDayToBring } from '../cases/deadlines';
import { deadlineState } from '../cases/deadlines';
import { newestRecordsWith, standingOutcomes } from '../verification/records';
import { liveOfType, unservedDecisions } from '../documents/decisions';
import { getSettings } from '../settings/settings';
import { workdayCalendar } from '../workdays/schedules';
import { DECISION_WORKDAYS, SERVICE_WORKDAYS, statutoryClocks } from '../workdays/statutory-clocks';

/** The window's own work on a case (what its records and documents here call for), before the filters. */
interface LocalWork {
  noticeNo: string;
  work: Exclude<WorkKind, 'visit'>;
  dueOn: string;
  /** For supplements: the request as the authority holds it for the office (its notice, what is missing, the window). */
  pending?: PendingSupplement | null;
}

/**
 * The work the records and documents kept here call for. Decided: a case verified or refused at
 * another window (known only from a sync) is not this window's to decide or serve, so only local
 * records and documents count; visits count every case awaiting its visit.
 */
function localWork(db: Database, today: string): LocalWork[] {
  const cal = workdayCalendar(db);
  const out: LocalWork[] = [];
  // A clock counted once per day it starts on: a busy window's year has thousands of documents but a
  // few hundred days, and each count walks the calendar day by day.
  const dueAfter = (workdays: number) => {
    const known = new Map<string, string>();
    return (day: string) => known.get(day) ?? (known.set(day, cal.add(day, workdays).date), known.get(day)!);
  };
  const decisionDue = dueAfter(DECISION_WORKDAYS);
  const serviceDue = dueAfter(SERVICE_WORKDAYS);
  // Back with supplements: the newest record asked for them, and the case still awaits its verification.
  for (const r of newestRecordsWith(db, 'supplement')) {
    const c = getCase(db, r.noticeNo);
    if (c?.status !== 'awaiting_verification') continue;
    out.push({ noticeNo: r.noticeNo, work: 'supplement', dueOn: lastDayToBring(c, today) ?? chinaDate(new Date(r.at)), pending: c.pendingSupplement ?? null });
  }
  // Back with supplements another window of the office asked for: the authority's case says so.
  const returning = new Set(out.map((w) => w.noticeNo));
  for (const c of casesPendingSupplement(db)) {
    if (returning.has(c.noticeNo)) continue;
    out.push({ noticeNo: c.noticeNo, work: 'supplement', dueOn: c.pendingSupplement!.lastDay ?? lastDayToBring(c, today) ?? today, pending: c.pendingSupplement! });
  }
  // To decide: found complete here (20 working days from acceptance), or refused here with no refusal document yet.
  const acceptance = (noticeNo: string) => {
    const records = standingOutcomes(db, noticeNo).map((r) => ({ on: chinaDate(new Date(r.at)), outcome: r.outcome }));
    return statutoryClocks({ records, decidedOn: null, servedOn: null, bringBy: null }, cal, today).decision;
  };
  // Cases verified elsewhere (known from a sync) have no record here: only those whose newest record
  // here approves them are this window's to decide.
  for (const { noticeNo } of newestRecordsWith(db, 'approved', noticesWithStatus(db, 'verified'))) {
    const clock = acceptance(noticeNo);
    if (clock) out.push({ noticeNo, work: 'decide', dueOn: clock.dueOn });
  }
  for (const r of newestRecordsWith(db, 'rejected')) {
    if (liveOfType(db, r.noticeNo, 'refusal')) continue;
    out.push({ noticeNo: r.noticeNo, work: 'decide', dueOn: decisionDue(chinaDate(new Date(r.at))) });
  }
  // To serve: a grant or refusal standing, no proof of service covering it (10 working days from the decision).
  const serving = new Set<string>();
  for (const d of unservedDecisions(db).sort((a, b) => a.issuedAt.localeCompare(b.issuedAt))) {
    if (serving.has(d.noticeNo)) continue;
    serving.add(d.noticeNo);
    out.push({ noticeNo: d.noticeNo, work: 'serve', dueOn: serviceDue(chinaDate(new Date(d.issuedAt))) });
  }
  return out;
}

// The case view's rule for its deadline, one place for both: its 'ok' is the worklist's 'later'.
const urgencyOf = (daysLeft: number, nearDays: number): Urgency => {
  const state = deadlineState(daysLeft, nearDays);
  return state === 'ok' ? 'later' : state;
};

/**
 * The entry dates whose 30-day window ends with each urgency on `today`: the last day is entry + 30,
 * overdue once it has passed, near within the last `nearDays` days (as the case view counts them).
 */
function visitRanges(today: string, nearDays: number): Record<Urgency, VisitRange> {
  const lastOk = addDays(today, -31);
  const nearFrom = addDays(today, -30);
  const nearTo = addDays(today, nearDays - 31);
  return { overdue: { entryTo: lastOk }, near: { entryFrom: nearFrom, entryTo: nearTo }, later: { entryFrom: addDays(nearTo, 1) } };
}

const item = (s: CaseSummary, work: WorkKind, dueOn: string, today: string, nearDays: number): WorkItem => {
  const daysLeft = daysBetween(today, dueOn) ?? 0;
  return { noticeNo: s.noticeNo, name: s.name, nameZh: s.nameZh, category: s.category, status: s.status, work, dueOn, daysLeft, urgency: urgencyOf(daysLeft, nearDays) };
};

const byUrgency = (a: WorkItem, b: WorkItem) => a.dueOn.localeCompare(b.dueOn) || a.noticeNo.localeCompare(b.noticeNo);

/**
 * The clerk's worklist on `now`: every piece of work counted by kind and urgency (under the category
 * and status filters), and the items the filters select, most urgent first.
 */
export function worklist(db: Database, now: Date, filter: WorklistFilter, limit: number): Worklist {
  const today = chinaDate(now);
  const nearDays = getSettings(db).deadlineNearDays;
  const keep = (s: CaseSummary) => (!filter.category || s.category === filter.category) && (!filter.status || s.status === filter.status);

  const local = localWork(db, today);
  const summaries = caseSummaries(db, [...new Set(local.map((w) => w.noticeNo))]);
  const localItems = local.flatMap((w) => {
    const s = summaries.get(w.noticeNo);
    return s && keep(s) ? [{ ...item(s, w.work, w.dueOn, today, nearDays), ...(w.pending ? { supplement: w.pending } : {}) }] : [];
  });
  // A case back with supplements still awaits its verification: it is counted once, as its supplements.
  const returning = new Set(local.filter((w) => w.work === 'supplement').map((w) => w.noticeNo));
  const returningVisits = [...returning].map((n) => summaries.get(n)).filter((s): s is CaseSummary => !!s && s.entryDate !== null && keep({ ...s, status: 'awaiting_verification' }));

  const ranges = visitRanges(today, nearDays);
  const visitsOk = !filter.status || filter.status === 'awaiting_verification';
  const inRange = (entry: string, r: VisitRange) => entry >= (r.entryFrom ?? '0000') && entry <= (r.entryTo ?? '9999');
  const visitCount = (u: Urgency) => {
    if (!visitsOk) return 0;
    const r = { ...ranges[u], category: filter.category };
    return countAwaitingVisits(db, r) - returningVisits.filter((s) => inRange(s.entryDate!, r)).length;
  };
  const visitsBy = Object.fromEntries(URGENCIES.map((u) => [u, visitCount(u)])) as Record<Urgency, number>;

  const counts = {
    ...(Object.fromEntries(URGENCIES.map((u) => [u, visitsBy[u] + localItems.filter((i) => i.urgency === u).length])) as Record<Urgency, number>),
    ...(Object.fromEntries(WORK_KINDS.map((k) => [k, k === 'visit' ? URGENCIES.reduce((n, u) => n + visitsBy[u], 0) : localItems.filter((i) => i.work === k).length])) as Record<WorkKind, number>),
  };

  const selected = localItems.filter((i) => (!filter.work || i.work === filter.work) && (!filter.deadline || i.urgency === filter.deadline));
  let visitTotal = 0;
  if (!filter.work || filter.work === 'visit') {
    visitTotal = filter.deadline ? visitsBy[filter.deadline] : URGENCIES.reduce((n, u) => n + visitsBy[u], 0);
    if (visitsOk && visitTotal > 0) {
      const r = filter.deadline ? ranges[filter.deadline] : {};
      // Those back with supplements are left out here; enough more are read to fill the page without them.
      const page = awaitingVisits(db, { ...r, category: filter.category }, limit + returning.size).filter((s) => !returning.has(s.noticeNo));
      selected.push(...page.slice(0, limit).map((s) => item(s, 'visit', addDays(s.entryDate!, 30), today, nearDays)));
    }
  }
  return { today, nearDays, counts, items: selected.sort(byUrgency).slice(0, limit), total: visitTotal + selected.filter((i) => i.work !== 'visit').length };
}
