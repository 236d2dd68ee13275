import SqliteDatabase from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { approve, client, events, runCleanups, testClock, TODAY, upstream, windowStore } from './test-sync';
import { createCore } from '../api/core';
import { getCase } from '../cases/cases';
import { listNumberBlocks, numbersLeft } from '../documents/numbers';
import { demoCases } from '../demo/demo-cases';
import { outboxCounts } from '../outbox/outbox';
import { CURSOR, pullCases } from './pull';
import { pushOutbox } from './push';
import { topUpNumbers } from './reserve';
import { createSyncService } from './service';
import { createTrustedClock } from '../clock/trusted-clock';
import { createUpstreamClient, UpstreamError } from './upstream-client';
import { DEMO_ROOTS } from '../../../../test/support/trust-roots';

/** The demo office's cases, which a window starts with and the reference server holds for it too. */
const DEMO = demoCases(TODAY).length;

afterEach(runCleanups);

describe('sync with the reference upstream server over loopback', () => {
  it('a full round: clock, cases, numbers and trust data; a case withdrawn upstream changes here and says so', async () => {
    const u = await upstream();
    const { db } = await windowStore(u);
    const { events: ev, seen } = events();
    const sync = createSyncService({ db, events: ev, clock: createTrustedClock(db), trustRoots: DEMO_ROOTS });
    await sync.runNow();
    const s = sync.state();
    expect(s).toMatchObject({ configured: true, online: true, stale: false, lastError: null, clockWarning: false, outbox: { pending: 0 } });
    expect(Math.abs(s.clockOffsetMs!)).toBeLessThan(2000);
    expect(s.numbersLeft).toBeGreaterThanOrEqual(20);
    const c = demoCases(TODAY)[0];
    await u.control(`/_test/cases/${c.noticeNo}`, { status: 'withdrawn' });
    const revoked = demoCases(TODAY)[2];
    await u.control('/_test/revoke', { permitNo: revoked.permitNo });
    // A medical report become a commitment: no date, no issuer (upstream-api.md).
    const domestic = demoCases(TODAY).find((x) => x.medical?.kind === 'domestic')!;
    await u.control(`/_test/cases/${domestic.noticeNo}`, { medical: { kind: 'commitment', issuedOn: null, issuer: null } });
    await sync.runNow();
    expect(getCase(db, c.noticeNo)!.status).toBe('withdrawn');
    expect(getCase(db, domestic.noticeNo)!.medical).toEqual({ kind: 'commitment', issuedOn: null, issuer: null });
    expect(seen).toContainEqual({ type: 'case.changed', noticeNo: c.noticeNo, status: 'withdrawn', previous: 'awaiting_verification' });
    const revocations = JSON.parse(db.prepare('SELECT document FROM revocation_lists ORDER BY version DESC LIMIT 1').pluck().get() as string);
    expect(revocations.revoked).toContain(revoked.permitNo);
    // The trust list came once; the second round was answered 304 by its ETag.
    expect((await u.stats()).requests['GET /v1/trust-list']).toBe(2);
    expect(db.prepare("SELECT count(*) FROM trust_lists WHERE source = 'upstream'").pluck().get()).toBe(1);
  });

  it('the server stopped mid-pull: the next pull resumes from the last whole page and every case arrives once', async () => {
    const u1 = await upstream({ bulk: 1500 });
    const { db } = await windowStore(u1);
    const ev = events().events;
    await u1.fault({ mode: 'delay', delayMs: 10_000, path: '/v1/cases', after: 1 });
    // Settled into a value at once, so the rejection is never left unhandled while the test waits.
    const pulling = pullCases(db, client(u1, 30_000), ev, () => new Date()).then(
      () => null,
      (err: unknown) => err,
    );
    // Stop the server while it holds the second page.
    for (let i = 0; i < 100 && ((await u1.stats()).requests['GET /v1/cases'] ?? 0) < 2; i++) await new Promise((r) => setTimeout(r, 50));
    await u1.kill();
    expect(await pulling).toBeInstanceOf(UpstreamError);
    const cursor = db.prepare('SELECT value FROM store_meta WHERE key = ?').pluck().get(CURSOR);
    expect(cursor).toMatch(/^\d+\.[\w-]+$/);
    const afterFirstPage = db.prepare('SELECT count(*) FROM cases').pluck().get() as number;
    const u2 = await upstream({ dbPath: u1.dbPath, port: Number(new URL(u1.url).port) });
    const r = await pullCases(db, client(u2), ev, () => new Date());
    expect(r.restarted).toBe(false);
    const total = db.prepare('SELECT count(*) FROM cases').pluck().get() as number;
    // The first page (500) held the demo cases this window already had, and the rest new ones.
    expect(afterFirstPage).toBe(500);
    expect(total).toBe(DEMO + 1500);
    expect(r.cases).toBe(DEMO + 1500 - 500);
  }, 60_000);

  it('a record made while the server is down, then 503 with Retry-After, then a cut answer, a slow answer and malformed JSON: it arrives once', async () => {
    const u = await upstream();
    const { db } = await windowStore(u);
    const record = approve(db);
    const clock = testClock();
    await u.kill();
    const down = await pushOutbox(db, client(u), clock.now);
    expect(down.failed?.kind).toBe('network');
    expect(outboxCounts(db).pending).toBe(1);
    // The first retry waits out its backoff (at most 2 s after one failure).
    expect((await pushOutbox(db, client(u), clock.now)).sent).toBe(0);
    clock.advance(2_000);

    const u2 = await upstream({ dbPath: u.dbPath, port: Number(new URL(u.url).port) });
    await u2.fault({ mode: '503', retryAfterSeconds: 120, path: '/v1/verifications' });
    const busy = await pushOutbox(db, client(u2), clock.now);
    expect(busy.failed).toMatchObject({ status: 503, retryAfterMs: 120_000 });
    // Retry-After is honoured: nothing is sent before it has passed.
    clock.advance(60_000);
    expect((await pushOutbox(db, client(u2), clock.now)).sent).toBe(0);
    clock.advance(61_000);

    await u2.fault({ mode: 'cut', path: '/v1/verifications' });
    const cut = await pushOutbox(db, client(u2), clock.now);
    expect(cut.failed?.kind).toMatch(/network|malformed/);
    clock.advance(600_000);
    await u2.fault({ mode: 'delay', delayMs: 1500, path: '/v1/verifications' });
    const slow = await pushOutbox(db, client(u2, 500), clock.now);
    expect(slow.failed?.kind).toBe('timeout');
    clock.advance(600_000);
    await u2.fault({ mode: 'malformed', path: '/v1/verifications' });
    expect((await pushOutbox(db, client(u2), clock.now)).failed?.kind).toBe('malformed');
    clock.advance(600_000);
    const ok = await pushOutbox(db, client(u2), clock.now);
    expect(ok).toMatchObject({ sent: 1, failed: null });
    expect(outboxCounts(db)).toEqual({ pending: 0, review: 0, invalid: 0, held: 0 });
    const stats = await u2.stats();
    expect(stats.verificationsCreated).toBe(1);
    expect(stats.verificationsReplayed).toBeGreaterThanOrEqual(1);
    expect(db.prepare('SELECT response FROM outbox WHERE idempotency_key = ?').pluck().get(record.id)).toContain(record.id);
  }, 60_000);

  it('the server stopped mid-push, while it holds the request: after it restarts the record arrives once', async () => {
    const u = await upstream();
    const { db } = await windowStore(u);
    approve(db);
    const clock = testClock();
    await u.fault({ mode: 'delay', delayMs: 10_000, path: '/v1/verifications' });
    const pushing = pushOutbox(db, client(u, 30_000), clock.now);
    for (let i = 0; i < 100 && ((await u.stats()).requests['POST /v1/verifications'] ?? 0) < 1; i++) await new Promise((r) => setTimeout(r, 50));
    await u.kill();
    expect((await pushing).failed?.kind).toBe('network');
    expect(outboxCounts(db).pending).toBe(1);
    const u2 = await upstream({ dbPath: u.dbPath, port: Number(new URL(u.url).port) });
    clock.advance(600_000);
    expect(await pushOutbox(db, client(u2), clock.now)).toMatchObject({ sent: 1, failed: null });
    expect((await u2.stats()).verificationsCreated).toBe(1);
    // Counted in the server's own database too, not only in its in-memory stats.
    const server = new SqliteDatabase(u.dbPath, { readonly: true });
    expect(server.prepare('SELECT count(*) FROM verifications').pluck().get()).toBe(1);
    server.close();
  }, 30_000);

  it('malformed JSON and a cut body during a pull change nothing; a stale cursor (410) resyncs from the start and keeps local work', async () => {
    const u = await upstream();
    const { db } = await windowStore(u);
    const ev = events().events;
    await pullCases(db, client(u), ev, () => new Date());
    const cursor = db.prepare('SELECT value FROM store_meta WHERE key = ?').pluck().get(CURSOR);
    const c = demoCases(TODAY)[0];
    await u.control(`/_test/cases/${c.noticeNo}`, { position: 'Changed upstream' });
    for (const mode of ['malformed', 'cut']) {
      await u.fault({ mode, path: '/v1/cases' });
      await expect(pullCases(db, client(u), ev, () => new Date())).rejects.toBeInstanceOf(UpstreamError);
      expect(db.prepare('SELECT value FROM store_meta WHERE key = ?').pluck().get(CURSOR)).toBe(cursor);
      expect(getCase(db, c.noticeNo)!.position).not.toBe('Changed upstream');
    }
    // Local work waiting to be sent, then the server forgets every cursor.
    approve(db, c.noticeNo);
    await u.control('/_test/compact');
    const r = await pullCases(db, client(u), ev, () => new Date());
    expect(r.restarted).toBe(true);
    expect(r.cases).toBe(DEMO);
    expect(getCase(db, c.noticeNo)).toMatchObject({ position: 'Changed upstream', status: 'verified' });
    expect(outboxCounts(db).pending).toBe(1);
    expect(await pushOutbox(db, client(u), () => new Date())).toMatchObject({ sent: 1 });
  });

  it('a case revoked upstream, or verified at another window: the record goes to the review queue (409), which a supervisor resolves; an invalid one is kept with its reasons (422)', async () => {
    const u = await upstream();
    const { db } = await windowStore(u);
    const c = demoCases(TODAY)[0];
    await u.control(`/_test/cases/${c.noticeNo}`, { status: 'revoked' });
    approve(db, c.noticeNo);
    const r = await pushOutbox(db, client(u), () => new Date());
    expect(r).toMatchObject({ sent: 0, refused: 1 });
    expect(outboxCounts(db)).toEqual({ pending: 0, review: 1, invalid: 0, held: 0 });
    const second = demoCases(TODAY)[2];
    approve(db, second.noticeNo);
    db.prepare("UPDATE outbox SET body = json_set(body, '$.workstation', 'ELSEWHERE/9') WHERE notice_no = ?").run(second.noticeNo);
    await pushOutbox(db, client(u), () => new Date());
    expect(outboxCounts(db)).toEqual({ pending: 0, review: 1, invalid: 1, held: 0 });
    // Window 2 of the office verifies a case first; window 1's record of it is then refused.
    const third = demoCases(TODAY)[4];
    const other = createUpstreamClient({ url: u.url, token: u.tokens['DEMO/2'], workstation: 'DEMO/2', timeoutMs: 2000 });
    const theirs = { id: crypto.randomUUID(), noticeNo: third.noticeNo, caseVersion: third.version, outcome: 'approved', materials: [], identity: { qr: null, card: null, mrz: null }, reasons: [], override: null, clerk: 'other', at: new Date().toISOString(), workstation: 'DEMO/2' };
    expect((await other.postVerification(theirs.id, theirs)).status).toBe(201);
    approve(db, third.noticeNo);
    await pushOutbox(db, client(u), () => new Date());
    expect(outboxCounts(db)).toEqual({ pending: 0, review: 2, invalid: 1, held: 0 });
    // The review queue, on screen: a clerk may not resolve; a supervisor does, with a note.
    const core = createCore({ db, version: 't', trustRoots: DEMO_ROOTS });
    const as = async (username: string) => {
      const session = core.openSession();
      await core.call(session, 'session.signIn', { username, password: `${username}-demo` });
      return session;
    };
    const supervisor = await as('supervisor');
    const problems = await core.call(supervisor, 'sync.problems', {});
    expect(problems).toMatchObject({
      ok: true,
      value: [
        { state: 'review', noticeNo: c.noticeNo, detail: 'revoked' },
        { state: 'invalid', noticeNo: second.noticeNo, detail: expect.stringContaining('workstation') },
        { state: 'review', noticeNo: third.noticeNo, detail: 'verified-elsewhere' },
      ],
    });
    const id = (problems as { value: { id: number }[] }).value[0].id;
    expect(await core.call(await as('clerk'), 'sync.resolve', { id, note: 'Told the holder' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await core.call(supervisor, 'sync.resolve', { id, note: 'Permit revoked; holder told at the window.' })).toMatchObject({ ok: true, value: [{ state: 'invalid' }, { state: 'review' }] });
    expect(outboxCounts(db)).toEqual({ pending: 0, review: 1, invalid: 1, held: 0 });
  });

  it('decision numbers: a lost answer is asked for again with the same key, so no block is taken twice and no number issued twice', async () => {
    const u = await upstream();
    const { db } = await windowStore(u);
    const year = Number(TODAY.slice(0, 4));
    // The demo's own block is spent first, so the window needs the server's.
    db.prepare('UPDATE decision_number_blocks SET next = last + 1').run();
    await u.fault({ mode: 'cut', path: '/v1/decision-numbers' });
    await expect(topUpNumbers(db, client(u), year, 2, 3, new Date())).rejects.toBeInstanceOf(UpstreamError);
    expect(await topUpNumbers(db, client(u), year, 2, 3, new Date())).toBe(true);
    const stats = await u.stats();
    expect(stats.numberBlocks).toEqual([{ office: 'DEMO', year, from: 1000, to: 1002, type: 'grant' }]);
    expect(listNumberBlocks(db).filter((b) => b.year === year && b.from === 1000)).toEqual([expect.objectContaining({ type: 'grant', prefix: '示人社外许字', to: 1002, next: 1000 })]);
    // Below the low mark again only when these are used.
    expect(await topUpNumbers(db, client(u), year, 2, 3, new Date())).toBe(false);
  });

  it('each document type numbers from its own blocks: a refusal block has its own prefix and counter, and leaves the grant\'s alone', async () => {
    const u = await upstream();
    const { db } = await windowStore(u);
    const year = Number(TODAY.slice(0, 4));
    db.prepare("UPDATE decision_number_blocks SET next = last + 1 WHERE type = 'refusal'").run();
    expect(await topUpNumbers(db, client(u), year, 2, 5, new Date(), 'grant')).toBe(false);
    expect(await topUpNumbers(db, client(u), year, 2, 5, new Date(), 'refusal')).toBe(true);
    expect((await u.stats()).numberBlocks).toEqual([{ office: 'DEMO', year, from: 1000, to: 1004, type: 'refusal' }]);
    expect(listNumberBlocks(db).filter((b) => b.from === 1000)).toEqual([expect.objectContaining({ type: 'refusal', prefix: '示人社外不许字', year, to: 1004 })]);
    expect(numbersLeft(db, year, 'refusal')).toBe(5);
    expect(numbersLeft(db, year, 'grant')).toBe(999);
  });
});
