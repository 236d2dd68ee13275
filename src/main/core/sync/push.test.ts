/**
 * The push writes what the server took a group at a time: held to the reference server, a case's
 * records still go in order within one round, and acknowledgements the window never wrote (the app
 * gone mid-round) cost nothing but a second sending, which the server answers as before.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { issueDecision } from '../documents/decisions';
import { demoCases } from '../demo/demo-cases';
import { outboxCounts } from '../outbox/outbox';
import { pushOutbox } from './push';
import { approve, client, runCleanups, TODAY, upstream, windowStore } from './test-sync';

afterEach(runCleanups);

describe('pushing the outbox', () => {
  it("sends a case's verification and then its decision in one round, beside other cases", async () => {
    const u = await upstream();
    const { db } = await windowStore(u);
    const [first, ...others] = demoCases(TODAY).filter((c) => c.status === 'awaiting_verification');
    const record = approve(db, first.noticeNo);
    await issueDecision(db, record.id, 'clerk', new Date());
    for (const c of others.slice(0, 3)) approve(db, c.noticeNo);
    const queued = outboxCounts(db).pending;
    expect(queued).toBeGreaterThanOrEqual(5);

    const r = await pushOutbox(db, client(u), () => new Date());
    // The decision was not held back behind its own verification's acknowledgement.
    expect(r).toMatchObject({ sent: queued, refused: 0, failed: null });
    expect(outboxCounts(db)).toEqual({ pending: 0, review: 0, invalid: 0, held: 0 });
    expect(await u.stats()).toMatchObject({ verificationsCreated: 4, decisionEventsCreated: 1 });
  });

  it('acknowledgements lost with the app: the entries go again with their keys and the server holds each once', async () => {
    const u = await upstream();
    const { db } = await windowStore(u);
    for (const c of demoCases(TODAY).filter((x) => x.status === 'awaiting_verification').slice(0, 3)) approve(db, c.noticeNo);
    expect(await pushOutbox(db, client(u), () => new Date())).toMatchObject({ sent: 3 });
    // As if the app had stopped before writing the group: the entries are pending again.
    db.prepare("UPDATE outbox SET state = 'pending', done_at = NULL, response = NULL").run();

    expect(await pushOutbox(db, client(u), () => new Date())).toMatchObject({ sent: 3, refused: 0, failed: null });
    expect(outboxCounts(db).pending).toBe(0);
    const stats = await u.stats();
    expect(stats.verificationsCreated).toBe(3);
    expect(stats.requests['POST /v1/verifications']).toBe(6);
  });
});
