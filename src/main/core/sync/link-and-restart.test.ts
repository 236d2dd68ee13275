import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { approve, NOW, onCleanup, RESOURCES, runCleanups, TODAY, upstream, windowStore } from './test-sync';
import { createCore } from '../api/core';
import { createCoreEvents } from '../events/events';
import { openAppStore } from '../boot';
import { issueDecision } from '../documents/decisions';
import { updateSettings } from '../settings/settings';
import { outboxCounts } from '../outbox/outbox';
import { createSyncService } from './service';
import { createTrustedClock } from '../clock/trusted-clock';
import { verifyAudit } from '../audit/audit';
import { signAndDie } from '../../../../test/support/processes';
import { DEMO_ROOTS } from '../../../../test/support/trust-roots';

afterEach(runCleanups);

describe('setting the link up', () => {
  it('an admin sets the address and the token through the settings; the token is never read back', async () => {
    const db = await openAppStore({ dbPath: join(mkdtempSync(join(tmpdir(), 'acw-sync-')), 'store.db'), key: randomBytes(32), auditKey: randomBytes(32), resourcesDir: RESOURCES });
    onCleanup(() => db.open && db.close());
    const core = createCore({ db, version: 't', trustRoots: DEMO_ROOTS });
    const admin = core.openSession();
    await core.call(admin, 'session.signIn', { username: 'admin', password: 'admin-demo' });
    expect(await core.call(admin, 'sync.state', {})).toMatchObject({ ok: true, value: { configured: false, online: null } });
    const token = 'secret-token-123456';
    const updated = await core.call(admin, 'settings.update', { upstreamUrl: 'http://127.0.0.1:9', upstreamToken: token });
    expect(updated).toMatchObject({ ok: true, value: { upstreamUrl: 'http://127.0.0.1:9' } });
    expect(JSON.stringify(updated)).not.toContain(token);
    expect(JSON.stringify(await core.call(admin, 'settings.get', {}))).not.toContain(token);
    expect(await core.call(admin, 'sync.state', {})).toMatchObject({ ok: true, value: { configured: true } });
    expect(await core.call(admin, 'settings.update', { upstreamToken: 'has space' })).toMatchObject({ ok: false, error: { code: 'invalid-request', fields: ['upstreamToken'] } });
    // The Settings screen's own token form: admins only, and the answer carries no token either.
    const clerk = core.openSession();
    await core.call(clerk, 'session.signIn', { username: 'clerk', password: 'clerk-demo' });
    expect(await core.call(clerk, 'sync.setToken', { token: 'another-token-1234' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const set = await core.call(admin, 'sync.setToken', { token: 'another-token-1234' });
    expect(set).toMatchObject({ ok: true, value: { configured: true } });
    expect(JSON.stringify(set)).not.toContain('another-token-1234');
  });
});

describe('online lookup', () => {
  it('a case not in the cache is found upstream by its permit number, cached, and searchable offline afterwards', async () => {
    const u = await upstream({ bulk: 5 });
    const { db } = await windowStore(u);
    const core = createCore({ db, version: 't', trustRoots: DEMO_ROOTS });
    const session = core.openSession();
    await core.call(session, 'session.signIn', { username: 'clerk', password: 'clerk-demo' });
    const permitNo = `9${TODAY.slice(2, 4)}${'0'.repeat(14)}3`;
    const found = await core.call(session, 'cases.search', { query: permitNo });
    expect(found).toMatchObject({ ok: true, value: [{ permitNo, status: 'awaiting_verification' }] });
    await u.stop();
    expect(await core.call(session, 'cases.search', { query: permitNo })).toMatchObject({ ok: true, value: [{ permitNo }] });
    expect(await core.call(session, 'cases.search', { query: '999999999999999999' })).toMatchObject({ ok: true, value: [] });
  });
});

describe('the app killed between writing a record and sending it', () => {
  it('after SIGKILL and a restart, the record is sent, once', async () => {
    const u = await upstream();
    const { dbPath, key, auditKey, db } = await windowStore(u);
    db.close();
    // A separate process signs the record off and is killed the moment the transaction is committed.
    const { signal, out } = await signAndDie(dbPath, key.toString('hex'), auditKey.toString('hex'));
    expect(signal).toBe('SIGKILL');
    const recordId = /record (\S+)/.exec(out)?.[1];
    expect(recordId).toBeTruthy();
    const again = await openAppStore({ dbPath, key, auditKey, resourcesDir: RESOURCES });
    onCleanup(() => again.open && again.close());
    expect(outboxCounts(again).pending).toBe(1);
    // The chain written before the kill is whole under the same key after the restart.
    expect(verifyAudit(again)).toBeNull();
    const sync = createSyncService({ db: again, events: createCoreEvents(), clock: createTrustedClock(again), trustRoots: DEMO_ROOTS });
    await sync.runNow();
    await sync.runNow();
    expect(outboxCounts(again).pending).toBe(0);
    expect((await u.stats()).verificationsCreated).toBe(1);
  }, 30_000);
});

describe('work at the window is never held up by a sync', () => {
  it('issues a decision while a round waits on a slow server', async () => {
    const u = await upstream();
    const { db } = await windowStore(u);
    // The server holds the round's first request for 4 s, far longer than issuing a decision takes.
    updateSettings(db, { upstreamTimeoutSeconds: 10 }, 'test', NOW);
    const sync = createSyncService({ db, events: createCoreEvents(), clock: createTrustedClock(db), trustRoots: DEMO_ROOTS });
    // A first round reserves this window's numbers (a linked window does not number from the demo's).
    await sync.runNow();
    await u.fault({ mode: 'delay', delayMs: 4000, path: '/v1/time' });
    let roundDone = false;
    const round = sync.runNow().then(() => (roundDone = true));
    const record = approve(db);
    const d = await issueDecision(db, record.id, 'clerk', new Date());
    expect(d.number).toMatch(/第\d{6}号$/);
    expect(roundDone).toBe(false);
    await round;
    expect(sync.state().online).toBe(true);
  }, 20_000);
});

describe('the outbox wakes the sync', () => {
  it('a record written anywhere (here straight into the store, through no call) is sent within moments, not at the next tick', async () => {
    const u = await upstream();
    const { db } = await windowStore(u);
    // The tick is an hour away: only the outbox's own word can start the round that sends the record.
    updateSettings(db, { syncIntervalSeconds: 3600 }, 'test', NOW);
    const sync = createSyncService({ db, events: createCoreEvents(), clock: createTrustedClock(db), trustRoots: DEMO_ROOTS });
    sync.start();
    onCleanup(() => sync.stop());
    await expect.poll(() => sync.state().online, { timeout: 10_000 }).toBe(true);
    const before = (await u.stats()).requests['POST /v1/verifications'] ?? 0;
    approve(db);
    expect(outboxCounts(db).pending).toBe(1);
    await expect.poll(() => outboxCounts(db).pending, { timeout: 10_000 }).toBe(0);
    expect((await u.stats()).requests['POST /v1/verifications']).toBe(before + 1);
  }, 30_000);
});
