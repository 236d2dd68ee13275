/**
 * The window against a server that was restored from an earlier copy, or replaced by an empty one, and
 * a case withdrawn upstream while the window was offline: tested against the real reference server,
 * with what arrived counted on the server's side.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../api/core';
import { createCoreEvents } from '../events/events';
import { getCase } from '../cases/cases';
import { issueDecision } from '../documents/decisions';
import { listNumberBlocks } from '../documents/numbers';
import { demoCases } from '../demo/demo-cases';
import { updateSettings } from '../settings/settings';
import { outboxCounts } from '../outbox/outbox';
import { createSyncService } from './service';
import { createTrustedClock } from '../clock/trusted-clock';
import { approve, NOW, runCleanups, TODAY, upstream, windowStore } from './test-sync';
import { DEMO_ROOTS } from '../../../../test/support/trust-roots';

afterEach(runCleanups);

const [caseA, , caseB, , caseC] = demoCases(TODAY);

/** A consistent copy of the server's database while it runs (SQLite's online backup). */
async function copyOf(dbPath: string): Promise<string> {
  const copy = join(mkdtempSync(join(tmpdir(), 'acw-up-copy-')), 'upstream.db');
  const db = new SqliteDatabase(dbPath, { readonly: true });
  await db.backup(copy);
  db.close();
  return copy;
}

function syncOf(db: Parameters<typeof createTrustedClock>[0]) {
  return createSyncService({ db, events: createCoreEvents(), clock: createTrustedClock(db), trustRoots: DEMO_ROOTS });
}

describe('a server restored from an earlier copy', () => {
  it('the window notices (the cursor is not one the server issued), resyncs, and sends again exactly what the server lacks', async () => {
    const u1 = await upstream();
    const { db } = await windowStore(u1);
    const sync = syncOf(db);
    const a = approve(db, caseA.noticeNo);
    await sync.runNow();
    expect(outboxCounts(db).pending).toBe(0);
    const copy = await copyOf(u1.dbPath);

    // After the copy: another verification, and decisions on both cases, all accepted by the server.
    await issueDecision(db, a.id, 'clerk', new Date());
    const b = approve(db, caseB.noticeNo);
    await issueDecision(db, b.id, 'clerk', new Date());
    await sync.runNow();
    expect(outboxCounts(db).pending).toBe(0);
    expect(await u1.stats()).toMatchObject({ verificationsCreated: 2, decisionEventsCreated: 2 });
    await u1.stop();

    // The server comes back from the copy (same address, same tokens); meanwhile the authority
    // withdrew case C, which the window still offers.
    copyFileSync(copy, u1.dbPath);
    for (const f of [`${u1.dbPath}-wal`, `${u1.dbPath}-shm`]) rmSync(f, { force: true });
    const u2 = await upstream({ dbPath: u1.dbPath, port: Number(new URL(u1.url).port) });
    await u2.control(`/_test/cases/${caseC.noticeNo}`, { status: 'withdrawn' });
    await sync.runNow();

    const s = sync.state();
    expect(s.reset).toMatchObject({ reason: 'cursor-unknown', toCheck: 4, checked: 4, resent: { verifications: 1, decisions: 2 }, resentAll: false, finishedAt: expect.any(String) });
    expect(s).toMatchObject({ online: true, problems: [], outbox: { pending: 0, review: 0, invalid: 0 } });
    // Counted on the server: B's record and the two decision events again, A's record not.
    const stats = await u2.stats();
    expect(stats).toMatchObject({ verificationsCreated: 1, verificationsReplayed: 0, decisionEventsCreated: 2, decisionEventsReplayed: 0 });
    expect(stats.requests['POST /v1/verifications']).toBe(1);
    expect(stats.requests['GET /v1/verifications/{id}']).toBeGreaterThanOrEqual(2);
    // The full resync brought the withdrawal.
    expect(getCase(db, caseC.noticeNo)!.status).toBe('withdrawn');
    // And the next round finds nothing more to send.
    await sync.runNow();
    expect((await u2.stats()).verificationsCreated).toBe(1);
  }, 60_000);

  it('a restore that keeps the cursor valid still shows: the newest record sent is missing, and is sent again', async () => {
    const u1 = await upstream();
    const { db } = await windowStore(u1);
    const sync = syncOf(db);
    await sync.runNow();
    // The copy is taken after the window's last pull but before its record arrives: the cursor the
    // window holds was issued before the copy, so the restored server still knows it.
    const copy = await copyOf(u1.dbPath);
    approve(db, caseA.noticeNo);
    const pushed = await syncOf(db).runNow().then(() => outboxCounts(db).pending);
    expect(pushed).toBe(0);
    await u1.stop();
    copyFileSync(copy, u1.dbPath);
    for (const f of [`${u1.dbPath}-wal`, `${u1.dbPath}-shm`]) rmSync(f, { force: true });
    const u2 = await upstream({ dbPath: u1.dbPath, port: Number(new URL(u1.url).port) });
    await sync.runNow();
    expect(sync.state().reset).toMatchObject({ reason: 'records-missing', resent: { verifications: 1, decisions: 0 } });
    expect((await u2.stats()).verificationsCreated).toBe(1);
  }, 60_000);
});

describe('a server replaced by an empty one, with a new token', () => {
  it('the refused token shows with its cause; once the new token is set the window sends everything again, and takes no decision number it holds', async () => {
    const u1 = await upstream();
    const { db } = await windowStore(u1);
    // The demo block spent, so numbers come from the server; a high low-water mark asks every round.
    db.prepare("UPDATE decision_number_blocks SET next = last + 1 WHERE type = 'grant'").run();
    updateSettings(db, { decisionNumbersLow: 250, decisionNumbersBatch: 100 }, 'test', NOW);
    const core = createCore({ db, version: 't', trustRoots: DEMO_ROOTS });
    const a = approve(db, caseA.noticeNo);
    await core.sync.runNow();
    await issueDecision(db, a.id, 'clerk', new Date());
    approve(db, caseB.noticeNo);
    await core.sync.runNow();
    expect(await u1.stats()).toMatchObject({ verificationsCreated: 2, decisionEventsCreated: 1 });
    const year = Number(TODAY.slice(0, 4));
    const heldBefore = listNumberBlocks(db).filter((b) => b.type === 'grant' && b.year === year && b.from >= 1000);
    expect(heldBefore.map((b) => [b.from, b.to])).toEqual([[1000, 1099], [1100, 1199]]);
    await u1.stop();

    const u2 = await upstream({ port: Number(new URL(u1.url).port) });
    await core.sync.runNow();
    expect(core.sync.state()).toMatchObject({ online: true, problems: [{ step: 'clock', code: 'token-refused', status: 401 }] });
    expect(outboxCounts(db).pending).toBe(0);

    const admin = core.openSession();
    await core.call(admin, 'session.signIn', { username: 'admin', password: 'admin-demo' });
    expect(await core.call(admin, 'settings.update', { upstreamToken: u2.tokens['DEMO/1'] })).toMatchObject({ ok: true });
    await core.sync.runNow();
    const s = core.sync.state();
    expect(s.reset).toMatchObject({ reason: 'server-changed', toCheck: 3, checked: 3, resent: { verifications: 2, decisions: 1 }, finishedAt: expect.any(String) });
    expect(s.outbox).toMatchObject({ pending: 0, review: 0 });
    expect(await u2.stats()).toMatchObject({ verificationsCreated: 2, decisionEventsCreated: 1 });
    // The new server starts numbering again at 1000: what the window holds is not taken twice.
    expect(s.problems).toEqual([expect.objectContaining({ step: 'numbers', code: 'numbers-held' })]);
    // The next request names 1100–1199, held as well; the one after it, numbers the window does not hold.
    await core.sync.runNow();
    expect(core.sync.state().problems).toEqual([expect.objectContaining({ step: 'numbers', code: 'numbers-held' })]);
    // Each other document type's blocks (the demo's set aside when the window was linked, so its own came
    // from the first server too) goes through the same, one type after another, until none is held.
    for (let round = 0; round < 12 && core.sync.state().problems.length; round++) {
      await core.sync.runNow();
      expect(core.sync.state().problems.every((p) => p.step === 'numbers' && p.code === 'numbers-held')).toBe(true);
    }
    expect(core.sync.state().problems).toEqual([]);
    const blocks = listNumberBlocks(db).filter((b) => b.type === 'grant' && b.year === year && b.from >= 1000).map((b) => [b.from, b.to]);
    expect(blocks.slice(0, 2)).toEqual([[1000, 1099], [1100, 1199]]);
    expect(blocks[2]).toEqual([1200, 1299]);
    for (let i = 1; i < blocks.length; i++) expect(blocks[i][0]).toBeGreaterThan(blocks[i - 1][1]);
  }, 60_000);
});

describe('a case withdrawn upstream while the window was offline', () => {
  it('its record is refused into review, the decision event behind it waits, and the server accepts no decision on it', async () => {
    const u1 = await upstream();
    const { db } = await windowStore(u1);
    const core = createCore({ db, version: 't', trustRoots: DEMO_ROOTS });
    await core.sync.runNow();
    await u1.stop();
    const a = approve(db, caseA.noticeNo);
    await issueDecision(db, a.id, 'clerk', new Date());
    const u2 = await upstream({ dbPath: u1.dbPath, port: Number(new URL(u1.url).port) });
    await u2.control(`/_test/cases/${caseA.noticeNo}`, { status: 'withdrawn' });
    await core.sync.runNow();
    expect(outboxCounts(db)).toEqual({ pending: 1, review: 1, invalid: 0, held: 1 });
    expect((await u2.stats()).requests['POST /v1/decisions']).toBeUndefined();

    // A supervisor resolves the refused record; the decision event then goes, and is refused too.
    const supervisor = core.openSession();
    await core.call(supervisor, 'session.signIn', { username: 'supervisor', password: 'supervisor-demo' });
    const problems = await core.call(supervisor, 'sync.problems', {});
    expect(problems).toMatchObject({ ok: true, value: [{ kind: 'verification', state: 'review', detail: 'withdrawn' }] });
    const id = (problems as { value: { id: number }[] }).value[0].id;
    expect(await core.call(supervisor, 'sync.resolve', { id, note: 'Withdrawn by the employer; holder told.' })).toMatchObject({ ok: true });
    await core.sync.runNow();
    expect(outboxCounts(db)).toEqual({ pending: 0, review: 1, invalid: 0, held: 0 });
    const stats = await u2.stats();
    expect(stats.requests['POST /v1/decisions']).toBe(1);
    expect(stats.decisionEventsCreated).toBe(0);
    expect(await core.call(supervisor, 'sync.problems', {})).toMatchObject({ ok: true, value: [{ kind: 'decision', state: 'review', detail: 'withdrawn' }] });
  }, 60_000);
});
