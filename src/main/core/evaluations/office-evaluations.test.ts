/**
 * A dissatisfied evaluation given at one window reaches the supervisors of another (issue 28): the
 * authority holds it, the other window's sync brings it (`GET /v1/evaluations?from=`, with its
 * follow-up once closed), opens its follow-up there and alerts the supervisors signed in; closed at
 * that window, it is closed at the first too with the next sync. Two windows on one reference server.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../../shared/errors';
import type { FollowUpView } from '../../../shared/follow-ups';
import type { CoreEvent } from '../../../shared/permit-qr';
import type { Register } from '../../../shared/register';
import { createCore } from '../api/core';
import { chinaDate } from '../dates/calendar';
import { demoCases } from '../demo/demo-cases';
import { DEMO_ROOTS } from '../../../../test/support/trust-roots';
import { pushOutbox } from '../sync/push';
import { client, NOW, runCleanups, TODAY, upstream, windowStore } from '../sync/test-sync';
import { recordEvaluation } from './evaluations';

afterEach(runCleanups);

const ok = <T>(r: ApiResult<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};

async function windowWithSupervisor(u: Awaited<ReturnType<typeof upstream>>, windowNo: string) {
  const w = await windowStore(u, undefined, undefined, undefined, windowNo);
  const core = createCore({ db: w.db, version: 't', now: () => NOW, trustRoots: DEMO_ROOTS });
  const s = core.openSession();
  ok(await core.call(s, 'session.signIn', { username: 'supervisor', password: 'supervisor-demo' }));
  const heard: CoreEvent[] = [];
  core.events.subscribe((e) => {
    const out = core.eventFor(s, e);
    if (out?.type === 'follow-up.opened') heard.push(out);
  });
  return { ...w, core, heard, call: <T>(m: string, p: unknown) => core.call(s, m, p) as Promise<ApiResult<T>> };
}

describe('dissatisfied evaluations across the windows of one office', () => {
  it("window 1's grade 2 alerts the supervisor at window 2, who closes it with the callback; window 1 then holds it closed", async () => {
    const u = await upstream();
    const one = await windowWithSupervisor(u, '1');
    const two = await windowWithSupervisor(u, '2');
    const c = demoCases(TODAY).find((x) => x.status === 'awaiting_verification')!;
    const id = randomUUID();
    recordEvaluation(one.db, { id, noticeNo: c.noticeNo, grade: 2, reasons: ['attitude'], at: NOW.toISOString(), clerk: 'clerk', workstation: 'DEMO/1', queueNo: null });
    expect(await pushOutbox(one.db, client(u, 2000, 'DEMO/1'), () => NOW)).toMatchObject({ refused: 0, failed: null });

    // Window 2's next round brings it: its supervisor is told at once, and the follow-up is open there.
    await two.core.sync.runNow();
    expect(two.core.sync.state().problems).toEqual([]);
    expect(two.heard).toEqual([expect.objectContaining({ type: 'follow-up.opened', evaluationId: id, noticeNo: c.noticeNo, grade: 2, clerk: 'DEMO/1' })]);
    const there = ok(await two.call<FollowUpView[]>('followUps.list', {}));
    expect(there).toMatchObject([{ evaluationId: id, state: 'open', workstation: 'DEMO/1', reasons: ['attitude'] }]);
    // It counts in window 1's register, not window 2's.
    expect(ok(await two.call<Register>('register.report', { from: TODAY, to: TODAY, by: 'day' })).total.evaluations['2']).toBe(0);
    expect(ok(await one.call<Register>('register.report', { from: TODAY, to: TODAY, by: 'day' })).total.evaluations['2']).toBe(1);
    // The next round brings nothing new: no second alert.
    await two.core.sync.runNow();
    expect(two.heard).toHaveLength(1);

    const closing = { evaluationId: id, checked: 'Asked the clerk and the queue staff.', putRight: 'Service manners training for the window on 12-08.', callback: { on: chinaDate(NOW), how: 'phone', said: 'Accepted the apology.' } };
    expect(ok(await two.call<FollowUpView>('followUps.close', closing))).toMatchObject({ state: 'closed', late: false });
    expect(await pushOutbox(two.db, client(u, 2000, 'DEMO/2'), () => NOW)).toMatchObject({ refused: 0, failed: null });

    // Window 1 learns it was closed, and by whom.
    await one.core.sync.runNow();
    const here = ok(await one.call<FollowUpView[]>('followUps.list', {}));
    expect(here).toMatchObject([{ evaluationId: id, state: 'closed', closedBy: 'supervisor (DEMO/2)', callback: closing.callback }]);
    expect(await u.stats()).toMatchObject({ followUpsCreated: 1 });
  }, 60_000);
});
