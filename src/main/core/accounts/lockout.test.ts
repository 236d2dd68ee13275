/**
 * The lockout through the API, as a hostile client meets it: a burst of parallel guesses at sign-in,
 * at the supervisor's override typed at a clerk's screen, and the words the lock comes back with.
 */
import { describe, expect, it } from 'vitest';
import { createCore } from '../api/core';
import { getCase } from '../cases/cases';
import { chinaDate } from '../dates/calendar';
import { demoCases } from '../demo/demo-cases';
import { openDemoTestStore } from '../store/test-store';
import { allOriginalsDraft } from '../verification/test-records';

const T0 = new Date();

async function demoCore() {
  const db = await openDemoTestStore(T0);
  return { db, core: createCore({ db, version: 't' }) };
}

describe('the lockout against parallel guesses', () => {
  it('100 session.signIn calls at once, the right password among them: none signs in, and the lock says for how long', async () => {
    const { core } = await demoCore();
    const guesses = Array.from({ length: 100 }, (_, i) => (i === 37 ? 'clerk-demo' : `guess-${i}`));
    const answers = await Promise.all(guesses.map((password) => core.call(core.openSession(), 'session.signIn', { username: 'clerk', password })));
    expect(answers.filter((a) => a.ok)).toEqual([]);
    expect(answers.filter((a) => !a.ok && a.error.code === 'wrong-credentials')).toHaveLength(4);
    const locked = await core.call(core.openSession(), 'session.signIn', { username: 'clerk', password: 'clerk-demo' });
    expect(locked).toMatchObject({ ok: false, error: { code: 'account-locked', params: { minutes: 15 } } });
  });

  it('the same for a username that does not exist: the same answers, the same lock', async () => {
    const { core } = await demoCore();
    const burst = (username: string) => Promise.all(Array.from({ length: 20 }, (_, i) => core.call(core.openSession(), 'session.signIn', { username, password: `guess-${i}` })));
    const codes = (answers: Awaited<ReturnType<typeof burst>>) => answers.map((a) => (a.ok ? 'ok' : `${a.error.code}:${a.error.params?.minutes ?? ''}`));
    expect(codes(await burst('no-such-user'))).toEqual(codes(await burst('police')));
  });

  it("100 overrides typed at a clerk's screen at once, the supervisor's right password among them: none authorises, and the supervisor is locked", async () => {
    const { db, core } = await demoCore();
    const clerk = core.openSession();
    await core.call(clerk, 'session.signIn', { username: 'clerk', password: 'clerk-demo' });
    const c = getCase(db, demoCases(chinaDate(T0)).find((x) => x.status === 'awaiting_verification')!.noticeNo)!;
    const signOff = (password: string) =>
      core.call(clerk, 'verification.signOff', {
        noticeNo: c.noticeNo,
        caseVersion: c.version,
        outcome: 'approved',
        draft: allOriginalsDraft(c),
        reasons: [],
        supplements: [],
        override: { username: 'supervisor', password, reason: 'Approved at the counter after a phone call.' },
      });
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => signOff(i === 60 ? 'supervisor-demo' : `guess-${i}`)));
    expect(answers.filter((a) => a.ok)).toEqual([]);
    expect(answers.every((a) => !a.ok && ['wrong-credentials', 'account-locked'].includes(a.error.code))).toBe(true);
    expect(db.prepare('SELECT count(*) FROM verifications').pluck().get()).toBe(0);
    expect(await core.call(core.openSession(), 'session.signIn', { username: 'supervisor', password: 'supervisor-demo' })).toMatchObject({ ok: false, error: { code: 'account-locked' } });
  });
});
