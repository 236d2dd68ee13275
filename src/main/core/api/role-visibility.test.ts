import { describe, expect, it } from 'vitest';
import { openDemoTestStore } from '../store/test-store';
import { DEMO_ROOTS } from '../../../../test/support/trust-roots';
import { createCore } from './core';
import { demoCases } from '../demo/demo-cases';
import { chinaDate } from '../dates/calendar';

/** Each role sees its own: the police see no part of the window's work, and only their own scans. */
const T0 = new Date('2026-11-23T02:00:00Z');

async function office() {
  const db = await openDemoTestStore(T0);
  const core = createCore({ db, version: 't', now: () => T0, trustRoots: DEMO_ROOTS });
  const as = async (username: string) => {
    const s = core.openSession();
    await core.call(s, 'session.signIn', { username, password: `${username}-demo` });
    return s;
  };
  return { core, as };
}

describe('what each role sees', () => {
  it("the police get the link's state without the outbox, the decision numbers or a reset, in the call and in every pushed event", async () => {
    const { core, as } = await office();
    const police = await as('police');
    const clerk = await as('clerk');
    expect(await core.call(police, 'sync.state', {})).toMatchObject({ ok: true, value: { outbox: null, numbersLeft: null, reset: null } });
    expect(await core.call(clerk, 'sync.state', {})).toMatchObject({ ok: true, value: { outbox: { pending: 0 }, numbersLeft: 999 } });
    const state = (await core.call(clerk, 'sync.state', {})) as { value: import('../../../shared/sync').SyncState };
    const event = { type: 'sync.state' as const, sync: state.value };
    expect(core.eventFor(police, event)).toMatchObject({ type: 'sync.state', sync: { outbox: null, numbersLeft: null } });
    expect(core.eventFor(clerk, event)).toEqual(event);
    // Nobody signed in, or a locked screen, gets no event at all.
    expect(core.eventFor(core.openSession(), event)).toBeNull();
  });

  it("a police officer's scan log holds their own scans, not the notices a clerk scanned; a supervisor sees both", async () => {
    const { core, as } = await office();
    const c = demoCases(chinaDate(T0))[0];
    const clerk = await as('clerk');
    expect(await core.call(clerk, 'cases.openFromScan', { text: c.noticeNo, source: 'wedge' })).toMatchObject({ ok: true });
    const police = await as('police');
    await core.call(police, 'permitQr.verify', { text: c.permitNo, source: 'typed' });
    expect(await core.call(police, 'permitQr.log', {})).toMatchObject({ ok: true, value: [{ officer: 'police' }] });
    expect(((await core.call(police, 'permitQr.log', {})) as { value: unknown[] }).value).toHaveLength(1);
    const supervisor = await as('supervisor');
    expect(((await core.call(supervisor, 'permitQr.log', {})) as { value: { officer: string }[] }).value.map((e) => e.officer).sort()).toEqual(['clerk', 'police']);
  });
});
