/**
 * The sync client against the upstream exchanges written from upstream-api.md (test/data/upstream),
 * served by a replaying server that knows nothing of the app: what the spec lets a server answer, the
 * client takes as the spec says, and what it sends is what the spec asks for.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { replayUpstream } from '../../../../test/support/replay-upstream';
import { createCoreEvents } from '../events/events';
import { getCase } from '../cases/cases';
import { demoCases } from '../demo/demo-cases';
import { listNumberBlocks } from '../documents/numbers';
import { outboxCounts } from '../outbox/outbox';
import { getStoreMeta, setStoreMeta } from '../store/meta';
import { openDemoTestStore, openTestStore } from '../store/test-store';
import { approveWithAllOriginals } from '../verification/test-records';
import { chinaDate } from '../dates/calendar';
import { CURSOR, pullCases } from './pull';
import { pushOutbox } from './push';
import { topUpNumbers } from './reserve';
import { createUpstreamClient, UpstreamError } from './upstream-client';

const TOKEN = 'window-token-SH-PD-1';
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

async function replay(file: string) {
  const server = await replayUpstream(file);
  closers.push(server.close);
  const client = createUpstreamClient({ url: server.url, token: TOKEN, workstation: 'SH-PD/1', timeoutMs: 3000 });
  closers.push(() => client.close());
  return { server, client };
}

const now = () => new Date('2026-11-23T02:00:00Z');

describe('the sync client, held to exchanges written from the spec', () => {
  it('pulls page by page with the cursor it was given, keeps a commitment with no date, and ignores fields it does not know', async () => {
    const { server, client } = await replay('pull-pages.json');
    const db = openTestStore();
    const result = await pullCases(db, client, createCoreEvents(), now);
    expect(result).toMatchObject({ pages: 2, cases: 2, restarted: false });
    expect(server.unused()).toEqual([]);
    // Every request carries the token and the workstation; the first has no cursor, the next the one given.
    for (const r of server.received) expect(r.headers).toMatchObject({ authorization: `Bearer ${TOKEN}`, 'x-workstation': 'SH-PD/1' });
    expect(server.received.map((r) => r.query.since ?? null)).toEqual([null, 'c-7f3a']);
    expect(getStoreMeta(db, CURSOR)).toBe('c-7f3b');
    const commitment = getCase(db, 'WPN310115202600101')!;
    expect(commitment.medical).toMatchObject({ kind: 'commitment', issuedOn: null, issuer: null });
    expect(commitment.version).toBe(3);
    // A case that leaves out what the spec lets it leave out (nameZh, ssn, family) is taken too.
    expect(getCase(db, 'WPN310115202600102')).toMatchObject({ applicant: { name: 'NGUYEN,VAN AN', passportNo: 'C4411872' }, version: 5 });
  });

  it('a cursor the server did not issue (410) starts the pull again from the beginning, once', async () => {
    const { server, client } = await replay('pull-gone-cursor.json');
    const db = openTestStore();
    setStoreMeta(db, CURSOR, 'cursor-from-before-the-restore');
    expect(await pullCases(db, client, createCoreEvents(), now)).toMatchObject({ restarted: true, cases: 1 });
    expect(server.received.map((r) => r.query.since ?? null)).toEqual(['cursor-from-before-the-restore', null]);
    expect(getStoreMeta(db, CURSOR)).toBe('c-after-restore-1');
    expect(getCase(db, 'WPN310115202600201')?.status).toBe('verified');
  });

  it('malformed JSON, a body cut off mid-way and a 503 with Retry-After change nothing, and the 503 says when to come back', async () => {
    const { client } = await replay('pull-faults.json');
    const db = openTestStore();
    setStoreMeta(db, CURSOR, 'c-0');
    const failures: UpstreamError[] = [];
    for (let i = 0; i < 3; i++) {
      const err = await pullCases(db, client, createCoreEvents(), now).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UpstreamError);
      failures.push(err as UpstreamError);
    }
    expect(failures[0].kind).toBe('malformed');
    // A cut body and a 503 are tried again at the next round; the 503 not before it says.
    expect([failures[1].transient, failures[2].transient]).toEqual([true, true]);
    expect(failures[2]).toMatchObject({ status: 503, retryAfterMs: 120_000 });
    expect(getStoreMeta(db, CURSOR)).toBe('c-0');
    expect(db.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(0);
  });

  it('sends a record with its idempotency key, the same key again after a 503, and files refusals (409 for review, 422 as invalid)', async () => {
    const { server, client } = await replay('push-record.json');
    const db = await openDemoTestStore(now());
    const [a, b, c] = demoCases(chinaDate(now())).filter((x) => x.status === 'awaiting_verification');
    const record = approveWithAllOriginals(db, getCase(db, a.noticeNo)!, { now: now() });
    const first = await pushOutbox(db, client, now);
    expect(first.failed).toMatchObject({ status: 503 });
    expect(outboxCounts(db).pending).toBe(1);
    // The retry waits for Retry-After: not before.
    expect((await pushOutbox(db, client, now)).sent).toBe(0);
    const later = () => new Date(now().getTime() + 1500);
    expect((await pushOutbox(db, client, later)).sent).toBe(1);
    const posts = server.received.filter((r) => r.path === '/v1/verifications');
    expect(posts.map((p) => p.headers['idempotency-key'])).toEqual([record.id, record.id]);
    // What the spec requires of a Verification is there.
    const sent = posts[1].body as Record<string, unknown>;
    expect(sent).toMatchObject({ id: record.id, noticeNo: a.noticeNo, outcome: 'approved', clerk: 'clerk', workstation: expect.stringMatching(/^[^/]+\/[^/]+$/) });
    expect(typeof sent.caseVersion).toBe('number');
    expect(Date.parse(sent.at as string)).not.toBeNaN();
    expect((sent.materials as { code: string; evidence: string }[]).every((m) => m.code && ['original_seen', 'copy_retained', 'missing', 'not_applicable'].includes(m.evidence))).toBe(true);

    approveWithAllOriginals(db, getCase(db, b.noticeNo)!, { now: later() });
    await pushOutbox(db, client, later);
    approveWithAllOriginals(db, getCase(db, c.noticeNo)!, { now: later() });
    await pushOutbox(db, client, later);
    expect(outboxCounts(db)).toMatchObject({ pending: 0, review: 1, invalid: 1 });
    expect(server.unused()).toEqual([]);
  });

  it('reserves a block of numbers with {year, count} and holds exactly the block given', async () => {
    const { server, client } = await replay('numbers.json');
    const db = openTestStore();
    expect(await topUpNumbers(db, client, 2026, 20, 200, now())).toBe(true);
    expect(server.received[0].body).toMatchObject({ year: 2026, count: 200 });
    expect(server.received[0].headers['idempotency-key']).toEqual(expect.any(String));
    expect(listNumberBlocks(db)).toEqual([expect.objectContaining({ prefix: '沪人社外许字', year: 2026, from: 401, to: 600, type: 'grant' })]);
  });
});
