import type { Database } from 'better-sqlite3-multiple-ciphers';

/**
 * What waits to go to the upstream system: a verification record or a decision event, written in the
 * same transaction as the record itself, sent with its idempotency key until the server has it.
 * `review`: the server refused it for the case's state (409), a supervisor resolves it; `invalid`: the
 * server found it invalid (422), kept with the reasons.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE outbox (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('verification','decision')),
      idempotency_key TEXT NOT NULL UNIQUE,
      notice_no TEXT NOT NULL,
      body TEXT NOT NULL,
      created_at TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      next_at TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('pending','sent','review','invalid','resolved')),
      last_error TEXT,
      response TEXT,
      done_at TEXT,
      resolved_by TEXT,
      resolution TEXT
    );
    CREATE INDEX outbox_due ON outbox (state, next_at);
  `);
}
