import type { Database } from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit';
import { backoffMs, dueEntries, heldBack, markDone, markRetry } from './outbox';
import { UpstreamError, type UpstreamClient } from './upstream-client';

/**
 * Sends what is due in the outbox, oldest first, each with its idempotency key, and nothing of a case
 * behind a record of it that waits or was refused. 200/201: sent. 409: the case no longer allows it,
 * to a supervisor's review queue. 422: invalid, kept with the server's
 * reasons. Anything transient (network, timeout, 429/503 with Retry-After, 5xx, a bad answer): tried
 * again later with exponential backoff and jitter, or after Retry-After when the server says so. The
 * first transient failure ends the round: the server is not reachable now, the rest waits too.
 */
export async function pushOutbox(db: Database, client: UpstreamClient, now: () => Date): Promise<{ sent: number; refused: number; failed: UpstreamError | null }> {
  let sent = 0;
  let refused = 0;
  for (const e of dueEntries(db, now())) {
    if (heldBack(db, e)) continue;
    try {
      const answer = e.kind === 'verification' ? await client.postVerification(e.key, e.body) : await client.postDecision(e.key, e.body);
      markDone(db, e.id, 'sent', answer.value, now());
      sent++;
    } catch (err) {
      if (!(err instanceof UpstreamError)) throw err;
      if (!err.transient && (err.status === 409 || err.status === 422)) {
        db.transaction(() => {
          markDone(db, e.id, err.status === 409 ? 'review' : 'invalid', err.body, now());
          appendAudit(db, { at: now().toISOString(), actor: 'system', action: err.status === 409 ? 'sync.refused' : 'sync.invalid', target: `${e.kind} ${e.noticeNo}` });
        })();
        refused++;
        continue;
      }
      if (!err.transient) {
        // Another 4xx (401, 404…) says the setup is wrong, not the record: keep it and try later.
        markRetry(db, e.id, err.message, new Date(now().getTime() + backoffMs(e.attempts)));
        return { sent, refused, failed: err };
      }
      markRetry(db, e.id, err.message, new Date(now().getTime() + (err.retryAfterMs ?? backoffMs(e.attempts))));
      return { sent, refused, failed: err };
    }
  }
  return { sent, refused, failed: null };
}
