/**
 * A visit continues at any window (issue 28): a request for supplements signed off and its notice issued
 * at window 2 reach the authority; window 1's next pull brings the case with `pendingSupplement`, its
 * worklist counts it back with supplements (the notice's number, what is missing, the last day, the
 * window that asked), and opening it fills the verification in from window 2's record, which window 1
 * then completes and the authority takes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../../shared/errors';
import type { VerificationView } from '../../../shared/verification';
import type { Worklist } from '../../../shared/worklists';
import { createCore } from '../api/core';
import { getCase } from '../cases/cases';
import { addDays } from '../dates/calendar';
import { demoCases } from '../demo/demo-cases';
import { hasLiveDecision, issueSupplementNotice } from '../documents/decisions';
import { createTrustedClock } from '../clock/trusted-clock';
import { DEMO_ROOTS } from '../../../../test/support/trust-roots';
import { createSyncService } from '../sync/service';
import { pushOutbox } from '../sync/push';
import { client, events, NOW, runCleanups, TODAY, upstream, windowStore } from '../sync/test-sync';
import { signOff } from '../verification/records';
import { allOriginalsDraft } from '../verification/test-records';

afterEach(runCleanups);

const ok = <T>(r: ApiResult<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};

describe('a visit that continues at another window of the office', () => {
  it('window 2 asks for supplements; window 1 shows the case back with supplements, fills the verification in from that record and completes it', async () => {
    const u = await upstream();
    const one = await windowStore(u, undefined, undefined, undefined, '1');
    const two = await windowStore(u, undefined, undefined, undefined, '2');
    const c = demoCases(TODAY).find((x) => x.status === 'awaiting_verification' && x.category !== 'A')!;
    // Window 2: the contract's original is missing; a request for it, and its notice with a last day.
    const c2 = getCase(two.db, c.noticeNo)!;
    const draft = allOriginalsDraft(c2);
    draft.materials = draft.materials.map((m) => (m.code === 'contract' ? { ...m, evidence: 'missing' as const } : m));
    // A linked window numbers from blocks reserved for it: one round first.
    const sync2 = createSyncService({ db: two.db, events: events().events, clock: createTrustedClock(two.db), trustRoots: DEMO_ROOTS });
    await sync2.runNow();
    const record = signOff(
      two.db,
      { noticeNo: c2.noticeNo, caseVersion: c2.version, outcome: 'supplement', draft, reasons: [], supplements: ['The original employment contract'], override: null, correctionOf: null },
      { actor: 'clerk2', now: NOW, today: TODAY, cardRead: () => null, liveDecisionOn: (id) => hasLiveDecision(two.db, id) },
    );
    const lastDay = addDays(TODAY, 15);
    const notice = await issueSupplementNotice(two.db, record.id, () => lastDay, 'clerk2', NOW);
    expect(await pushOutbox(two.db, client(u, 2000, 'DEMO/2'), () => NOW)).toMatchObject({ refused: 0, failed: null });
    await sync2.stop();

    // Window 1 pulls: the case waits on window 2's request, with its notice and last day.
    const sync1 = createSyncService({ db: one.db, events: events().events, clock: createTrustedClock(one.db), trustRoots: DEMO_ROOTS });
    await sync1.runNow();
    await sync1.stop();
    expect(getCase(one.db, c.noticeNo)!.pendingSupplement).toEqual({ documentNumber: notice.number, missing: ['contract'], lastDay, workstation: 'DEMO/2' });

    const core = createCore({ db: one.db, version: 't', now: () => NOW });
    const s = core.openSession();
    ok(await core.call(s, 'session.signIn', { username: 'clerk', password: 'clerk-demo' }));
    const list = ok(await core.call(s, 'worklists.today', { filter: { work: 'supplement' } })) as Worklist;
    expect(list.counts.supplement).toBe(1);
    expect(list.items).toEqual([expect.objectContaining({ noticeNo: c.noticeNo, work: 'supplement', dueOn: lastDay, supplement: { documentNumber: notice.number, missing: ['contract'], lastDay, workstation: 'DEMO/2' } })]);
    // It is not also a visit still to make.
    expect((ok(await core.call(s, 'worklists.today', { filter: { work: 'visit' } })) as Worklist).items.map((i) => i.noticeNo)).not.toContain(c.noticeNo);

    // Opened: the verification filled in from window 2's record; the clerk records the contract brought.
    const filled = ok(await core.call(s, 'verification.fromOffice', { noticeNo: c.noticeNo })) as VerificationView;
    expect(filled.draft?.returningFrom).toBe(record.id);
    expect(filled.draft?.materials.find((m) => m.code === 'contract')?.evidence).toBe('missing');
    expect(filled.draft?.materials.find((m) => m.code === 'passport')?.evidence).toBe('original_seen');
    // Not twice: what is recorded here is kept.
    expect(await core.call(s, 'verification.fromOffice', { noticeNo: c.noticeNo })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const brought = { ...filled.draft!, materials: filled.draft!.materials.map((m) => (m.code === 'contract' ? { ...m, evidence: 'original_seen' as const } : m)) };
    const c1 = getCase(one.db, c.noticeNo)!;
    const done = ok(await core.call(s, 'verification.signOff', { noticeNo: c.noticeNo, caseVersion: c1.version, outcome: 'approved', draft: brought, reasons: [], supplements: [] }));
    expect(done).toMatchObject({ outcome: 'approved' });
    expect(await pushOutbox(one.db, client(u, 2000, 'DEMO/1'), () => NOW)).toMatchObject({ refused: 0, failed: null });
    // The authority's case is verified now, and waits on no request any more.
    const at = (await (await fetch(`${u.url}/v1/cases/${c.noticeNo}`, { headers: { authorization: `Bearer ${u.tokens['DEMO/1']}`, 'x-workstation': 'DEMO/1' } })).json()) as { status: string; pendingSupplement: unknown };
    expect(at).toMatchObject({ status: 'verified', pendingSupplement: null });
  }, 60_000);
});
