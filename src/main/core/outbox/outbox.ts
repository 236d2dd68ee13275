import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { prepared } from '../store/prepared';
import type { OutboxProblem } from '../../../shared/sync';
import type { UpstreamDecisionEvent, UpstreamDocumentEvent, UpstreamEvaluation, UpstreamFollowUp, UpstreamRegisterDay, UpstreamVerification } from '../../../shared/upstream-contract';

/**
 * The outbox: each record for the upstream system is written here in the transaction that writes the
 * record itself, so nothing the window did can be lost between the two, and sent until the server has
 * it. The idempotency key is fixed when the entry is written: a resend after a crash or a lost answer
 * is the same request, which the server applies once.
 */
export type OutboxKind = 'verification' | 'decision' | 'document' | 'evaluation' | 'evidence' | 'follow-up' | 'register-day';

export interface OutboxEntry {
  id: number;
  kind: OutboxKind;
  key: string;
  noticeNo: string;
  body: unknown;
  attempts: number;
}

export function enqueueVerification(db: Database, v: UpstreamVerification, now: Date): void {
  // The record's own id is its key: it is already unique and fixed.
  insert(db, 'verification', v.id, v.noticeNo, v, now);
}

export function enqueueDecisionEvent(db: Database, e: UpstreamDecisionEvent, now: Date): void {
  insert(db, 'decision', randomUUID(), e.caseNo, e, now);
}

/** Any other document's event (refusal, supplement notice, proof of service), for `POST /v1/documents`. */
export function enqueueDocumentEvent(db: Database, e: UpstreamDocumentEvent, now: Date): void {
  insert(db, 'document', randomUUID(), e.caseNo, e, now);
}

/** The applicant's evaluation, for `POST /v1/evaluations`; its id is its key, as a record's is. */
export function enqueueEvaluation(db: Database, e: UpstreamEvaluation, now: Date): void {
  insert(db, 'evaluation', e.id, e.caseNo, e, now);
}

/** A signed day of the register, for `POST /v1/register-days`; one per day and window (the register's own table keeps it signed once). */
export function enqueueRegisterDay(db: Database, d: UpstreamRegisterDay, now: Date): void {
  // Not a case's: the notice number column holds the day, so that no case's records wait behind it.
  insert(db, 'register-day', `register-day-${d.workstation.replace(/[^\w-]/g, '-')}-${d.day}`, `register:${d.day}`, d, now);
}

/** A dissatisfied evaluation's closed follow-up, for `POST /v1/evaluation-follow-ups`; keyed by the evaluation's id. */
export function enqueueFollowUp(db: Database, f: UpstreamFollowUp, now: Date): void {
  insert(db, 'follow-up', `follow-up-${f.evaluationId}`, f.caseNo, f, now);
}

/**
 * An image of an original, for `POST /v1/evidence`; its id is its key. The entry names the image: its
 * bytes are read from the evidence store when it is sent, not copied here.
 */
export function enqueueEvidence(db: Database, e: { id: string; noticeNo: string; verificationId: string }, now: Date): void {
  insert(db, 'evidence', e.id, e.noticeNo, e, now);
}

// Who is told that a store's outbox has work: the sync service of the core that opened the store.
const listeners = new WeakMap<Database, Set<() => void>>();

/**
 * Calls `listener` after each entry written to this store's outbox (once the transaction that wrote it
 * has ended: better-sqlite3's transactions are synchronous, so a microtask runs after the commit).
 * Returns the unsubscribe. The outbox wakes its sender itself: no caller has to remember to.
 */
export function whenQueued(db: Database, listener: () => void): () => void {
  let set = listeners.get(db);
  if (!set) listeners.set(db, (set = new Set()));
  set.add(listener);
  return () => set.delete(listener);
}

// Stores whose listeners are already to be told: many entries written at once wake the sender once.
const toTell = new WeakSet<Database>();

function insert(db: Database, kind: OutboxEntry['kind'], key: string, noticeNo: string, body: unknown, now: Date): void {
  const waiting = listeners.get(db);
  if (waiting?.size && !toTell.has(db)) {
    toTell.add(db);
    queueMicrotask(() => {
      toTell.delete(db);
      waiting.forEach((l) => l());
    });
  }
  db.prepare("INSERT INTO outbox (kind, idempotency_key, notice_no, body, created_at, next_at, state) VALUES (?,?,?,?,?,?,'pending')").run(
    kind,
    key,
    noticeNo,
    JSON.stringify(body),
    now.toISOString(),
    now.toISOString(),
  );
}

/** Pending entries whose time has come, oldest first. */
export function dueEntries(db: Database, now: Date, limit = 200): OutboxEntry[] {
  const rows = db
    .prepare("SELECT id, kind, idempotency_key AS key, notice_no AS noticeNo, body, attempts FROM outbox WHERE state = 'pending' AND next_at <= ? ORDER BY id LIMIT ?")
    .all(now.toISOString(), limit) as (Omit<OutboxEntry, 'body'> & { body: string })[];
  return rows.map((r) => ({ ...r, body: JSON.parse(r.body) }));
}

/**
 * Whether an older entry of the same case stands in the way: entries of one case go in order, and one
 * the server refused (in review, or invalid) holds back every later entry of its case until a
 * supervisor resolves it, so no decision event follows a verification the authority refused.
 */
export function heldBack(db: Database, e: OutboxEntry): boolean {
  // An evaluation is of the service, not a step of the case: it neither waits for the case's records
  // nor holds them back.
  if (e.kind === 'evaluation' || e.kind === 'follow-up' || e.kind === 'register-day') return false;
  return !!prepared(db, "SELECT 1 FROM outbox WHERE notice_no = ? AND id < ? AND state IN ('pending','review','invalid') AND kind NOT IN ('evaluation','follow-up','register-day')").get(e.noticeNo, e.id);
}

export function markDone(db: Database, id: number, state: 'sent' | 'review' | 'invalid', response: unknown, now: Date): void {
  prepared(db, 'UPDATE outbox SET state = ?, response = ?, done_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?').run(state, JSON.stringify(response ?? null), now.toISOString(), id);
}

export function markRetry(db: Database, id: number, error: string, nextAt: Date): void {
  db.prepare('UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_at = ? WHERE id = ?').run(error.slice(0, 300), nextAt.toISOString(), id);
}

/** Exponential backoff with jitter: 2 s, 4 s, 8 s … up to 5 minutes, each between half and all of it. */
export function backoffMs(attempts: number, random = Math.random): number {
  const ceiling = Math.min(2000 * 2 ** attempts, 300_000);
  return Math.round(ceiling * (0.5 + random() * 0.5));
}

export function outboxCounts(db: Database): { pending: number; review: number; invalid: number; held: number } {
  const rows = db.prepare("SELECT state, count(*) AS n FROM outbox WHERE state IN ('pending','review','invalid') GROUP BY state").all() as { state: string; n: number }[];
  const n = (s: string) => rows.find((r) => r.state === s)?.n ?? 0;
  const held = db
    .prepare("SELECT count(*) FROM outbox p WHERE p.state = 'pending' AND EXISTS (SELECT 1 FROM outbox r WHERE r.notice_no = p.notice_no AND r.id < p.id AND r.state IN ('review','invalid'))")
    .pluck()
    .get() as number;
  return { pending: n('pending'), review: n('review'), invalid: n('invalid'), held };
}

/** Whether a case has a record or decision the server does not have yet (its local status then stands). */
export function hasUnsentWork(db: Database, noticeNo: string): boolean {
  return !!prepared(db, "SELECT 1 FROM outbox WHERE notice_no = ? AND state IN ('pending','review')").get(noticeNo);
}

export function outboxProblems(db: Database): OutboxProblem[] {
  const rows = db
    .prepare("SELECT id, kind, notice_no AS noticeNo, state, created_at AS createdAt, response FROM outbox WHERE state IN ('review','invalid') ORDER BY id")
    .all() as (Omit<OutboxProblem, 'detail'> & { response: string | null })[];
  return rows.map(({ response, ...r }) => {
    const body = response ? (JSON.parse(response) as { reason?: string; errors?: string[] } | null) : null;
    return { ...r, detail: body?.reason ?? body?.errors?.join('; ') ?? '' };
  });
}

/** A supervisor closes a refused entry with a note; the record stays as it was signed. */
export function resolveProblem(db: Database, id: number, by: string, note: string, now: Date): boolean {
  return db.prepare("UPDATE outbox SET state = 'resolved', resolved_by = ?, resolution = ?, done_at = ? WHERE id = ? AND state IN ('review','invalid')").run(by, note, now.toISOString(), id).changes === 1;
}
