import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { ServerReset } from '../../../shared/sync';
import { appendAudit } from '../audit/audit';
import { createLogger } from '../log/logger';
import { getStoreMeta, setStoreMeta } from '../store/meta';
import { UpstreamError, type UpstreamClient } from './upstream-client';
import type { OutboxKind } from '../outbox/outbox';
import type { UpstreamRegisterDay } from '../../../shared/upstream-contract';
import { countSent, newestEntryId, newestSent, reopenEntry, reopenSent, sentKinds, sentPage } from '../outbox/sent';

const log = createLogger('sync');
const RESET = 'sync.reset';

/** The reset as stored: what readiness shows, and how far the check has come through the outbox. */
interface StoredReset extends ServerReset {
  /** The newest outbox entry at the time the reset was noticed: later ones were sent to this server. */
  upTo: number;
  /** Entries up to this id have been checked. */
  checkedThrough: number;
}

function read(db: Database): StoredReset | null {
  const raw = getStoreMeta(db, RESET);
  return raw ? (JSON.parse(raw) as StoredReset) : null;
}

/** What readiness says of the last reset (without the bookkeeping). */
export function serverReset(db: Database): ServerReset | null {
  const r = read(db);
  if (!r) return null;
  return { at: r.at, reason: r.reason, toCheck: r.toCheck, checked: r.checked, resent: r.resent, resentAll: r.resentAll, finishedAt: r.finishedAt };
}

/** Whether a reset is still being checked: until then nothing new is sent (it could overtake what the server lacks). */
export function resetUnfinished(db: Database): boolean {
  return read(db)?.finishedAt === null;
}

/**
 * The server was restored or replaced: every record this window marked sent must be checked against
 * it. A reset noticed while one is still being checked widens that one.
 */
export function startReset(db: Database, reason: ServerReset['reason'], now: Date): void {
  db.transaction(() => {
    const upTo = newestEntryId(db);
    const open = read(db);
    // A reset found while one is being checked (a new token, then the cursor it makes foreign) is the
    // same reset: it keeps its first time and reason.
    const base = open && open.finishedAt === null ? open : { at: now.toISOString(), reason, checkedThrough: 0, checked: 0, resent: { verifications: 0, decisions: 0 }, resentAll: false };
    const next: StoredReset = { ...base, upTo, finishedAt: null, toCheck: base.checked + countSent(db, base.checkedThrough, upTo) };
    setStoreMeta(db, RESET, JSON.stringify(next));
    appendAudit(db, { at: now.toISOString(), actor: 'system', action: 'sync.server-reset', target: `${reason}, ${next.toCheck} record(s) to check` });
  })();
  log.warn('the upstream server was reset: checking what it holds', { reason });
}

function resendAll(db: Database, r: StoredReset, now: Date): void {
  db.transaction(() => {
    const rest = sentKinds(db, r.checkedThrough, r.upTo);
    reopenSent(db, r.checkedThrough, r.upTo, now);
    const n = (k: string) => rest.find((x) => x.kind === k)?.n ?? 0;
    const done: StoredReset = { ...r, resentAll: true, checkedThrough: r.upTo, finishedAt: now.toISOString(), resent: { verifications: r.resent.verifications + n('verification'), decisions: r.resent.decisions + n('decision') + n('document') } };
    setStoreMeta(db, RESET, JSON.stringify(done));
    appendAudit(db, { at: now.toISOString(), actor: 'system', action: 'sync.reconciled', target: `the server cannot look records up: ${n('verification')} verification(s) and ${n('decision') + n('document')} decision or document event(s) sent again with their keys` });
  })();
}

/**
 * Asks the server, record by record (oldest first), whether it holds what this window sent; one it
 * lacks goes back into the outbox as it was, with its own idempotency key. Progress is stored with
 * each answer, so an interruption resumes where it stopped. Returns true when every record is checked.
 */
export async function reconcileSent(db: Database, client: UpstreamClient, now: () => Date, batch = 100): Promise<boolean> {
  for (;;) {
    const r = read(db);
    if (!r || r.finishedAt !== null) return true;
    const entries = sentPage(db, r.checkedThrough, r.upTo, batch);
    if (entries.length === 0) {
      db.transaction(() => {
        setStoreMeta(db, RESET, JSON.stringify({ ...r, finishedAt: now().toISOString() }));
        const { verifications, decisions } = r.resent;
        appendAudit(db, { at: now().toISOString(), actor: 'system', action: 'sync.reconciled', target: `${r.checked} checked, ${verifications} verification(s) and ${decisions} decision event(s) to send again` });
      })();
      return true;
    }
    for (const e of entries) {
      let held: boolean;
      try {
        held = await isHeld(client, e);
      } catch (err) {
        if (!(err instanceof UpstreamError) || err.transient) throw err;
        // The server cannot look a record up (another answer than 200 or 404): send the rest again,
        // each with its idempotency key, so that the server applies only those it lacks.
        resendAll(db, r, now());
        return true;
      }
      db.transaction(() => {
        const current = read(db)!;
        if (!held) {
          reopenEntry(db, e.id, now());
          // The counts the reset reports are of the case's records; an evaluation or an image is resent uncounted.
          if (e.kind !== 'evaluation' && e.kind !== 'evidence' && e.kind !== 'follow-up' && e.kind !== 'register-day') current.resent[e.kind === 'verification' ? 'verifications' : 'decisions']++;
        }
        current.checked++;
        current.checkedThrough = e.id;
        setStoreMeta(db, RESET, JSON.stringify(current));
      })();
    }
  }
}

/**
 * One look each round at the newest record the window marked sent: a server restored to any earlier
 * point, or replaced, no longer has it (it applies records in the order they come), whatever its
 * cursors say. Returns true when it is missing, and the reset is started.
 */
export async function checkNewestSent(db: Database, client: UpstreamClient, now: Date): Promise<boolean> {
  if (resetUnfinished(db)) return false;
  const newest = newestSent(db);
  if (!newest) return false;
  let held: boolean;
  try {
    held = await isHeld(client, newest);
  } catch (err) {
    // A server that cannot look records up leaves this check to its cursors.
    if (err instanceof UpstreamError && !err.transient) return false;
    throw err;
  }
  if (!held) startReset(db, 'records-missing', now);
  return !held;
}

/** Whether the server holds this window's signed day as it was signed (its hash). */
async function hasRegisterDay(client: UpstreamClient, d: UpstreamRegisterDay): Promise<boolean> {
  const days = await client.registerDays(d.day, d.day);
  return days.some((x) => x.workstation === d.workstation && x.hash === d.hash);
}

/** Whether the server holds a sent entry, asked by its idempotency key. */
function isHeld(client: UpstreamClient, e: { kind: OutboxKind; key: string; body: string }): Promise<boolean> {
  switch (e.kind) {
    case 'verification':
      return client.hasVerification(e.key);
    case 'decision':
      return client.hasDecisionEvent(e.key);
    case 'document':
      return client.hasDocumentEvent(e.key);
    case 'evaluation':
      return client.hasEvaluation(e.key);
    case 'evidence':
      return client.hasEvidence(e.key);
    case 'follow-up':
      return client.hasFollowUp(e.key);
    case 'register-day':
      return hasRegisterDay(client, JSON.parse(e.body) as UpstreamRegisterDay);
  }
}
