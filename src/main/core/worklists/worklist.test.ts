import type { Database } from 'better-sqlite3-multiple-ciphers';
import { beforeEach, describe, expect, it } from 'vitest';
import type { PermitCase } from '../../../shared/cases';
import type { WorkItem } from '../../../shared/worklists';
import { caseView } from '../case-view/case-view';
import { entryDeadline } from '../cases/deadlines';
import { getCase, saveCase } from '../cases/cases';
import { addDays } from '../dates/calendar';
import { hasLiveDecision, issueDecision, issueRefusal, recordService, voidDecision } from '../documents/decisions';
import { addNumberBlock } from '../documents/numbers';
import { openTestStore } from '../store/test-store';
import { signOff } from '../verification/records';
import { allOriginalsDraft, windowCase } from '../verification/test-records';
import { worklist } from './worklist';

/** The worklist against the case view's own clocks: each case at and beside each boundary lands where its case view says it is. */
const NOW = new Date('2026-11-23T02:00:00Z');
const TODAY = '2026-11-23';
const NEAR = 7;

let db: Database;
let n = 0;
function stored(over: Partial<PermitCase>): PermitCase {
  const c: PermitCase = { ...windowCase(TODAY), noticeNo: `WL${String(++n).padStart(12, '0')}`, permitNo: String(310000000000000000 + n), ...over };
  saveCase(db, c);
  return c;
}
const sign = (c: PermitCase, outcome: 'approved' | 'supplement' | 'rejected') =>
  signOff(
    db,
    { noticeNo: c.noticeNo, caseVersion: getCase(db, c.noticeNo)!.version, outcome, draft: allOriginalsDraft(c), reasons: outcome === 'rejected' ? ['Position differs'] : [], supplements: outcome === 'supplement' ? ['Contract'] : [], override: null, correctionOf: null },
    { actor: 'clerk', now: NOW, today: TODAY, cardRead: () => null, liveDecisionOn: (id: string) => hasLiveDecision(db, id) },
  );
const all = () => worklist(db, NOW, {}, 500);
const itemOf = (c: PermitCase): WorkItem | undefined => all().items.find((i) => i.noticeNo === c.noticeNo);

beforeEach(() => {
  db = openTestStore();
  for (const [type, prefix] of [['grant', 'G'], ['refusal', 'R'], ['service', 'S'], ['supplement', 'P']] as const) addNumberBlock(db, { type, prefix, year: 2026, from: 1, to: 50 });
});

describe('visits (the 30-day window from entry)', () => {
  // Entry on today-31: the last day was yesterday. Today-30: today is the last day. The near days end nearDays-1 days ahead.
  const boundaries = [
    { entry: addDays(TODAY, -31), urgency: 'overdue', daysLeft: -1 },
    { entry: addDays(TODAY, -30), urgency: 'near', daysLeft: 0 },
    { entry: addDays(TODAY, NEAR - 31), urgency: 'near', daysLeft: NEAR - 1 },
    { entry: addDays(TODAY, NEAR - 30), urgency: 'later', daysLeft: NEAR },
  ] as const;

  it.each(boundaries)('entered on $entry: $urgency, $daysLeft days left, as the case view counts it', ({ entry, urgency, daysLeft }) => {
    const c = stored({ entryDate: entry });
    const i = itemOf(c)!;
    expect(i).toMatchObject({ work: 'visit', urgency, daysLeft, dueOn: addDays(entry, 30) });
    const d = entryDeadline(entry, TODAY, NEAR)!;
    expect([d.lastDay, d.daysLeft, d.state === 'ok' ? 'later' : d.state]).toEqual([i.dueOn, i.daysLeft, i.urgency]);
    expect(all().counts).toMatchObject({ visit: 1, [urgency]: 1 });
    expect(worklist(db, NOW, { deadline: urgency }, 10).items.map((x) => x.noticeNo)).toEqual([c.noticeNo]);
    for (const other of (['overdue', 'near', 'later'] as const).filter((u) => u !== urgency)) expect(worklist(db, NOW, { deadline: other }, 10).total).toBe(0);
  });

  it('counts only B and C holders awaiting their visit with an entry date', () => {
    stored({ category: 'A', entryDate: TODAY });
    stored({ status: 'verified', entryDate: TODAY });
    stored({ status: 'withdrawn', entryDate: TODAY });
    stored({ entryDate: null });
    const c = stored({ category: 'C', entryDate: TODAY });
    expect(all().items.map((i) => i.noticeNo)).toEqual([c.noticeNo]);
    expect(all().counts.visit).toBe(1);
    expect(worklist(db, NOW, { category: 'A' }, 10).total).toBe(0);
    expect(worklist(db, NOW, { category: 'C' }, 10).total).toBe(1);
    expect(worklist(db, NOW, { category: 'B' }, 10).total).toBe(0);
  });

  it('lists the most urgent first, says how many the filters select and returns at most the limit', () => {
    const cs = [5, -40, 0, 2, -3].map((d) => stored({ entryDate: addDays(TODAY, d - 30) }));
    const w = worklist(db, NOW, {}, 3);
    expect(w.total).toBe(5);
    expect(w.items.map((i) => i.daysLeft)).toEqual([-40, -3, 0]);
    expect(w.items.map((i) => i.noticeNo)).toEqual([cs[1], cs[4], cs[2]].map((c) => c.noticeNo));
    expect(w.counts).toMatchObject({ overdue: 2, near: 3, later: 0, visit: 5 });
  });
});

describe("the window's own work", () => {
  it('a case back with supplements is counted once, as supplements, due on the last day to bring them', () => {
    const c = stored({ entryDate: addDays(TODAY, -10) });
    sign(c, 'supplement');
    const w = all();
    expect(w.items.filter((i) => i.noticeNo === c.noticeNo)).toEqual([expect.objectContaining({ work: 'supplement', dueOn: addDays(TODAY, 20), urgency: 'later' })]);
    expect(w.counts).toMatchObject({ visit: 0, supplement: 1, later: 1 });
    expect(worklist(db, NOW, { work: 'visit' }, 10).total).toBe(0);
  });

  it('a verified case is to decide on the decision clock, a decision to serve on the service clock, a served one is done, a void proof of service undoes that', async () => {
    const c = stored({ entryDate: addDays(TODAY, -10) });
    const r = sign(c, 'approved');
    expect(itemOf(c)).toMatchObject({ work: 'decide', status: 'verified', dueOn: caseView(db, getCase(db, c.noticeNo)!, NOW).clocks.decision!.dueOn });
    const grant = await issueDecision(db, r.id, 'clerk', NOW);
    expect(itemOf(c)).toMatchObject({ work: 'serve', status: 'decision_issued', dueOn: caseView(db, getCase(db, c.noticeNo)!, NOW).clocks.service!.dueOn });
    expect(all().counts).toMatchObject({ decide: 0, serve: 1 });
    const proof = await recordService(db, { documentIds: [grant.id], recipient: { kind: 'applicant', name: c.applicant.name }, method: 'window', signature: null, server: 'Li Na' }, 'clerk', NOW);
    expect(itemOf(c)).toBeUndefined();
    voidDecision(db, proof.id, 'supervisor', 'Signed by the wrong person', NOW);
    expect(itemOf(c)).toMatchObject({ work: 'serve' });
    voidDecision(db, grant.id, 'supervisor', 'Wrong name', NOW);
    expect(itemOf(c)).toMatchObject({ work: 'decide', status: 'verified' });
  });

  it('a refusal recorded here is to decide until its document is issued, then to serve', async () => {
    const c = stored({ entryDate: addDays(TODAY, -10) });
    const r = sign(c, 'rejected');
    expect(itemOf(c)).toMatchObject({ work: 'decide', status: 'rejected' });
    await issueRefusal(db, r.id, 'clerk', NOW);
    expect(itemOf(c)).toMatchObject({ work: 'serve' });
    expect(worklist(db, NOW, { status: 'rejected', work: 'serve' }, 10).total).toBe(1);
    expect(worklist(db, NOW, { status: 'verified' }, 10).total).toBe(0);
  });

  it('a case verified at another window (no record here) is not this window to decide', () => {
    stored({ status: 'verified', entryDate: TODAY });
    expect(all().total).toBe(0);
  });
});
