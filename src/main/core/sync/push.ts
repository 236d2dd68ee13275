import type { Database } from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit';
import { backoffMs, dueEntries, heldBack, markDone, markRetry, type OutboxEntry } from '../outbox/outbox';
import { UpstreamError, type UpstreamClient } from './upstream-client';
import { evidenceUpload, markAcknowledged } from '../evidence/images';
import { getSettings, workstationOf } from '../settings/settings';
import { withIssuedDocument } from '../documents/office-documents';

/** An entry whose content can no longer be sent (an image whose bytes were let go before a restored server asked again). */
class Unsendable extends Error {}

function post(db: Database, client: UpstreamClient, e: OutboxEntry) {
  switch (e.kind) {
    case 'evidence': {
      const upload = evidenceUpload(db, e.key);
      if (!upload) throw new Unsendable('the image is no longer held at this window');
      return client.postEvidence(e.key, { ...upload, workstation: workstationOf(getSettings(db)) });
    }
    case 'verification':
      return client.postVerification(e.key, e.body);
    case 'decision':
      return client.postDecision(e.key, withIssuedDocument(db, e.body));
    case 'document':
      return client.postDocument(e.key, withIssuedDocument(db, e.body));
    case 'evaluation':
      return client.postEvaluation(e.key, e.body);
    case 'follow-up':
      return client.postFollowUp(e.key, e.body);
    case 'register-day':
      return client.postRegisterDay(e.key, e.body);
  }
}

/** Cases whose entries are sent at once: each case's own go one after another, in order. */
const CASES_AT_ONCE = 4;
/** Acknowledgements written to the store in one transaction. */
const ACKNOWLEDGED_AT_ONCE = 100;

/**
 * Sends what is due in the outbox, oldest first, each with its idempotency key, and nothing of a case
 * behind a record of it that waits or was refused. 200/201: sent. 409: the case no longer allows it,
 * to a supervisor's review queue. 422: invalid, kept with the server's reasons. Anything transient
 * (network, timeout, 429/503 with Retry-After, 5xx, a bad answer): tried again later with exponential
 * backoff and jitter, or after Retry-After when the server says so. The first transient failure ends
 * the round: the server is not reachable now, the rest waits too (what is already on its way
 * finishes). A few cases are sent at once, so the window's work and the server's overlap; the entries
 * of one case always go one after another, in the order they were written.
 */
export async function pushOutbox(db: Database, client: UpstreamClient, now: () => Date): Promise<{ sent: number; refused: number; failed: UpstreamError | null }> {
  let sent = 0;
  let refused = 0;
  let failed: UpstreamError | null = null;
  const byCase = new Map<string, OutboxEntry[]>();
  for (const e of dueEntries(db, now())) byCase.set(e.noticeNo, [...(byCase.get(e.noticeNo) ?? []), e]);
  const cases = [...byCase.values()];

  /**
   * What the server took, written to the store a group at a time: one commit (one flush to disk) per
   * entry was most of the window's work in a long push. An acknowledgement lost with the app is no
   * loss: its entry goes again with the same idempotency key, and the server answers as it did.
   */
  const taken: { e: OutboxEntry; value: unknown; at: Date }[] = [];
  const writeTaken = () => {
    if (!taken.length) return;
    const group = taken.splice(0);
    db.transaction(() => {
      for (const t of group) {
        markDone(db, t.e.id, 'sent', t.value, t.at);
        if (t.e.kind === 'evidence') markAcknowledged(db, t.e.key, t.at);
      }
    })();
  };

  /** Sends one entry; false when the round must end. */
  async function send(e: OutboxEntry): Promise<boolean> {
    if (heldBack(db, e)) return true;
    try {
      const answer = await post(db, client, e);
      taken.push({ e, value: answer.value, at: now() });
      if (taken.length >= ACKNOWLEDGED_AT_ONCE) writeTaken();
      sent++;
      return true;
    } catch (err) {
      if (err instanceof Unsendable) {
        db.transaction(() => {
          markDone(db, e.id, 'invalid', { errors: [err.message] }, now());
          appendAudit(db, { at: now().toISOString(), actor: 'system', action: 'sync.invalid', target: `${e.kind} ${e.noticeNo}` });
        })();
        refused++;
        return true;
      }
      if (!(err instanceof UpstreamError)) throw err;
      if (!err.transient && (err.status === 409 || err.status === 422)) {
        db.transaction(() => {
          markDone(db, e.id, err.status === 409 ? 'review' : 'invalid', err.body, now());
          appendAudit(db, { at: now().toISOString(), actor: 'system', action: err.status === 409 ? 'sync.refused' : 'sync.invalid', target: `${e.kind} ${e.noticeNo}` });
        })();
        refused++;
        return true;
      }
      // Another 4xx (401, 404…) says the setup is wrong, not the record: keep it and try later.
      const wait = err.transient ? (err.retryAfterMs ?? backoffMs(e.attempts)) : backoffMs(e.attempts);
      markRetry(db, e.id, err.message, new Date(now().getTime() + wait));
      failed ??= err;
      return false;
    }
  }

  async function worker(): Promise<void> {
    for (let entries = cases.shift(); entries && !failed; entries = cases.shift()) {
      for (const [i, e] of entries.entries()) {
        // A case's next entry asks whether the one before it still waits: the store must know it went.
        if (i > 0) writeTaken();
        if (failed || !(await send(e))) break;
      }
    }
  }
  try {
    await Promise.all(Array.from({ length: CASES_AT_ONCE }, worker));
  } finally {
    writeTaken();
  }
  return { sent, refused, failed };
}
