import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_ROOTS } from '../../../../test/support/trust-roots';
import { createCore } from '../api/core';
import { signPermitQr } from '../permit-qr/sign';
import { EXP, IAT, newSigner, SAMPLE_PERMIT, trustFor } from '../permit-qr/test-signer';
import { verifyPermitQr } from '../permit-qr/verify';
import { openTestStore } from '../store/test-store';
import { runCleanups, upstream, windowStore } from '../sync/test-sync';
import { createTrustedClock } from './trusted-clock';
import type { UpstreamClient } from '../sync/upstream-client';

afterEach(runCleanups);

const MIN = 60_000;
const LIMIT = 10 * MIN;
/** A server whose clock reads the PC's plus `offset`. */
const serverAt = (local: { t: number }, offset: number) => ({ time: async () => ({ now: new Date(local.t + offset).toISOString() }) }) as unknown as UpstreamClient;

describe('the trusted clock, bounded', () => {
  it("takes the server's offset within the limit; past it, keeps the last good one and says so until an admin decides", async () => {
    const db = openTestStore();
    const local = { t: Date.parse('2026-12-02T02:00:00Z') };
    const clock = createTrustedClock(db, () => local.t);
    expect(await clock.measure(serverAt(local, 3 * MIN), LIMIT)).toEqual({ applied: true, offsetMs: 3 * MIN });
    expect(clock.now().getTime()).toBe(local.t + 3 * MIN);
    // Whoever answers /v1/time says it is two hours later: not taken.
    const r = await clock.measure(serverAt(local, 2 * 60 * MIN), LIMIT);
    expect(r).toMatchObject({ applied: false, refused: { offsetMs: 120 * MIN, limitMs: LIMIT } });
    expect(clock.offsetMs()).toBe(3 * MIN);
    expect(clock.now().getTime()).toBe(local.t + 3 * MIN);
    expect(clock.refused()).toMatchObject({ offsetMs: 120 * MIN });
    // The admin: the PC's clock is the wrong one. Later measurements agree with that offset.
    expect(clock.acceptRefused()).toBe(120 * MIN);
    expect(clock.refused()).toBeNull();
    expect(clock.now().getTime()).toBe(local.t + 120 * MIN);
    expect(await clock.measure(serverAt(local, 121 * MIN), LIMIT)).toEqual({ applied: true, offsetMs: 121 * MIN });
    expect(clock.acceptRefused()).toBeNull();
  });

  it('never runs backwards: a PC clock set back holds at the latest time given, also after a restart, so an expired permit stays expired', async () => {
    const db = openTestStore();
    const signer = newSigner();
    const trust = trustFor([signer.publicKey]);
    const qr = signPermitQr({ iss: 'CN-110000', iat: IAT, exp: EXP, wp: SAMPLE_PERMIT }, signer.privateKey);
    const local = { t: EXP * 1000 + 5 * MIN };
    const clock = createTrustedClock(db, () => local.t);
    expect(verifyPermitQr(qr, { trust, now: clock.now() }).verdict).toBe('EXPIRED');
    // Someone sets the PC's clock back a day.
    local.t -= 24 * 60 * MIN;
    expect(clock.now().getTime()).toBe(EXP * 1000 + 5 * MIN);
    expect(clock.heldBackMs()).toBe(24 * 60 * MIN);
    expect(verifyPermitQr(qr, { trust, now: clock.now() }).verdict).toBe('EXPIRED');
    // And restarts the app.
    const again = createTrustedClock(db, () => local.t);
    expect(verifyPermitQr(qr, { trust, now: again.now() }).verdict).toBe('EXPIRED');
    expect(again.heldBackMs()).toBeGreaterThan(23 * 60 * MIN);
    // Time runs on once the PC's clock is past the mark again.
    local.t += 24 * 60 * MIN + MIN;
    expect(again.now().getTime()).toBe(local.t);
    expect(again.heldBackMs()).toBe(0);
  });

  it('a server far behind is not taken either; the admin who accepts it moves time back on purpose', async () => {
    const db = openTestStore();
    const local = { t: Date.parse('2027-06-01T00:00:00Z') };
    const clock = createTrustedClock(db, () => local.t);
    clock.now();
    expect((await clock.measure(serverAt(local, -180 * 24 * 60 * MIN), LIMIT)).applied).toBe(false);
    expect(clock.now().getTime()).toBe(local.t);
    clock.acceptRefused();
    expect(clock.now().getTime()).toBe(local.t - 180 * 24 * 60 * MIN);
    expect(clock.heldBackMs()).toBe(0);
  });
});

describe('against the reference server', () => {
  it("a server clock an hour off: the round says so and keeps the offset it had; the admin's decision takes it, audited", async () => {
    const u = await upstream();
    const { db } = await windowStore(u);
    const core = createCore({ db, version: 't', trustRoots: DEMO_ROOTS });
    await core.sync.runNow();
    expect(core.sync.state()).toMatchObject({ online: true, problems: [], clockRefused: null });
    const good = core.sync.state().clockOffsetMs!;
    expect(Math.abs(good)).toBeLessThan(2000);
    await u.control('/_test/clock', { offsetMs: 60 * MIN });
    await core.sync.runNow();
    expect(core.sync.state()).toMatchObject({ online: true, problems: [{ step: 'clock', code: 'clock-disagrees', detail: '60' }], clockOffsetMs: good, clockRefused: { limitMs: LIMIT } });
    const clerk = core.openSession();
    await core.call(clerk, 'session.signIn', { username: 'clerk', password: 'clerk-demo' });
    expect(await core.call(clerk, 'sync.acceptServerClock', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const admin = core.openSession();
    await core.call(admin, 'session.signIn', { username: 'admin', password: 'admin-demo' });
    const accepted = await core.call(admin, 'sync.acceptServerClock', {});
    expect(accepted).toMatchObject({ ok: true, value: { clockRefused: null, problems: [] } });
    expect(Math.abs((accepted as { value: { clockOffsetMs: number } }).value.clockOffsetMs - 60 * MIN)).toBeLessThan(2000);
    expect(db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'clock.accepted' AND actor = 'admin'").pluck().get()).toBe(1);
    expect(await core.call(admin, 'sync.acceptServerClock', {})).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await core.sync.runNow();
    expect(core.sync.state()).toMatchObject({ problems: [] });
  });
});
