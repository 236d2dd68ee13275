import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { OutboxKind } from './outbox';

/**
 * The outbox's sent entries, as the check after a server reset reads and reopens them: by id range,
 * the range fixed when the reset was noticed (`upTo`), the part already checked skipped (`after`).
 */

/** The newest entry's id, sent or not (0 with none): entries after it were sent to the new server. */
export const newestEntryId = (db: Database): number => (db.prepare('SELECT coalesce(max(id), 0) FROM outbox').pluck().get() as number) ?? 0;

export const countSent = (db: Database, after: number, upTo: number): number =>
  db.prepare("SELECT count(*) FROM outbox WHERE state = 'sent' AND id > ? AND id <= ?").pluck().get(after, upTo) as number;

export const sentKinds = (db: Database, after: number, upTo: number) =>
  db.prepare("SELECT kind, count(*) AS n FROM outbox WHERE state = 'sent' AND id > ? AND id <= ? GROUP BY kind").all(after, upTo) as { kind: OutboxKind; n: number }[];

export const sentPage = (db: Database, after: number, upTo: number, limit: number) =>
  db.prepare("SELECT id, kind, idempotency_key AS key, body FROM outbox WHERE state = 'sent' AND id > ? AND id <= ? ORDER BY id LIMIT ?").all(after, upTo, limit) as { id: number; kind: OutboxKind; key: string; body: string }[];

export const newestSent = (db: Database) =>
  db.prepare("SELECT kind, idempotency_key AS key, body FROM outbox WHERE state = 'sent' ORDER BY id DESC LIMIT 1").get() as { kind: OutboxKind; key: string; body: string } | undefined;

const REOPEN = "UPDATE outbox SET state = 'pending', attempts = 0, next_at = ?, response = NULL, done_at = NULL, last_error = NULL WHERE state = 'sent'";

/** Sent entries go back to be sent again as they were, each with its own idempotency key. */
export const reopenSent = (db: Database, after: number, upTo: number, at: Date): void => void db.prepare(`${REOPEN} AND id > ? AND id <= ?`).run(at.toISOString(), after, upTo);

export const reopenEntry = (db: Database, id: number, at: Date): void => void db.prepare(`${REOPEN} AND id = ?`).run(at.toISOString(), id);
