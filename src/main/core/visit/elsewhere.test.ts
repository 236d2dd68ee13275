/**
 * One case, one window at a time (issue 28): when a case is opened or signed off, the window asks the
 * authority what the office's other windows did on it (`GET /v1/cases/{noticeNo}/history`), says who and
 * when, and never signs off a record the authority would refuse as `verified-elsewhere`. Offline it
 * goes on as before. Two windows of the demo office on one reference server.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../../shared/errors';
import type { ElsewhereView } from '../../../shared/verification';
import { createCore } from '../api/core';
import { getCase } from '../cases/cases';
import { demoCases } from '../demo/demo-cases';
import { pushOutbox } from '../sync/push';
import { client, NOW, runCleanups, TODAY, upstream, windowStore } from '../sync/test-sync';
import { allOriginalsDraft, approveWithAllOriginals } from '../verification/test-records';
import { signOff } from '../verification/records';
import { hasLiveDecision } from '../documents/decisions';

afterEach(runCleanups);

const ok = <T>(r: ApiResult<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};

describe('what the other windows of the office did on a case', () => {
  it('says another window verified the case (who and when) and refuses a record the authority would refuse; a supplement there is said, not refused; offline, work goes on', async () => {
    const u = await upstream();
    const one = await windowStore(u, undefined, undefined, undefined, '1');
    const two = await windowStore(u, undefined, undefined, undefined, '2');
    const [a, b] = demoCases(TODAY).filter((c) => c.status === 'awaiting_verification' && c.category !== 'A');
    // Window 2 approves case A, and asks for supplements on case B; the authority has both.
    approveWithAllOriginals(two.db, getCase(two.db, a.noticeNo)!, { actor: 'clerk2', now: NOW });
    const cb = getCase(two.db, b.noticeNo)!;
    signOff(
      two.db,
      { noticeNo: cb.noticeNo, caseVersion: cb.version, outcome: 'supplement', draft: allOriginalsDraft(cb), reasons: [], supplements: ['The original contract'], override: null, correctionOf: null },
      { actor: 'clerk2', now: NOW, today: TODAY, cardRead: () => null, liveDecisionOn: (id) => hasLiveDecision(two.db, id) },
    );
    expect(await pushOutbox(two.db, client(u, 2000, 'DEMO/2'), () => NOW)).toMatchObject({ refused: 0, failed: null });

    // Window 1 has not pulled: its own store still says both wait for their verification.
    const core = createCore({ db: one.db, version: 't', now: () => NOW });
    const s = core.openSession();
    ok(await core.call(s, 'session.signIn', { username: 'clerk', password: 'clerk-demo' }));
    const ca = getCase(one.db, a.noticeNo)!;
    expect(ca.status).toBe('awaiting_verification');
    const there = ok(await core.call(s, 'verification.elsewhere', { noticeNo: a.noticeNo })) as ElsewhereView;
    expect(there).toMatchObject({ checked: 'yes', status: 'verified', refused: true, recent: true, other: { workstation: 'DEMO/2', clerk: 'clerk2', outcome: 'approved' } });
    // The clerk is told before the work is lost at the authority: nothing is signed off here.
    const refused = await core.call(s, 'verification.signOff', { noticeNo: a.noticeNo, caseVersion: ca.version, outcome: 'approved', draft: allOriginalsDraft(ca), reasons: [], supplements: [] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'verified-elsewhere', params: { workstation: 'DEMO/2', clerk: 'clerk2' } } });
    expect(one.db.prepare('SELECT count(*) FROM verifications WHERE notice_no = ?').pluck().get(a.noticeNo)).toBe(0);

    // A request for supplements at window 2: the visit may go on here (the applicant is back), and it is said.
    const bThere = ok(await core.call(s, 'verification.elsewhere', { noticeNo: b.noticeNo })) as ElsewhereView;
    expect(bThere).toMatchObject({ checked: 'yes', refused: false, recent: true, other: { workstation: 'DEMO/2', outcome: 'supplement' } });
    const cbHere = getCase(one.db, b.noticeNo)!;
    ok(await core.call(s, 'verification.signOff', { noticeNo: b.noticeNo, caseVersion: cbHere.version, outcome: 'approved', draft: allOriginalsDraft(cbHere), reasons: [], supplements: [] }));
    expect(await pushOutbox(one.db, client(u, 2000, 'DEMO/1'), () => NOW)).toMatchObject({ sent: 1, refused: 0 });

    // The authority out of reach: the window says so and signs off as before.
    await u.stop();
    const c = demoCases(TODAY).filter((x) => x.status === 'awaiting_verification' && x.category !== 'A')[2];
    const cc = getCase(one.db, c.noticeNo)!;
    expect(ok(await core.call(s, 'verification.elsewhere', { noticeNo: c.noticeNo }))).toMatchObject({ checked: 'unreachable', refused: false });
    ok(await core.call(s, 'verification.signOff', { noticeNo: c.noticeNo, caseVersion: cc.version, outcome: 'approved', draft: allOriginalsDraft(cc), reasons: [], supplements: [] }));
  }, 60_000);
});
