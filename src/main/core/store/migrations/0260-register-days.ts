import type { Database } from 'better-sqlite3-multiple-ciphers';

/**
 * A window's signed day of its register goes to the authority (`POST /v1/register-days`), so that a
 * supervisor sees the office's windows together: the outbox learns a seventh kind, `register-day`;
 * rebuilt with its rows as in 0250, written out again.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE outbox_new (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('verification','decision','document','evaluation','evidence','follow-up','register-day')),
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
    INSERT INTO outbox_new SELECT id, kind, idempotency_key, notice_no, body, created_at, attempts, next_at, state, last_error, response, done_at, resolved_by, resolution FROM outbox;
    DROP TABLE outbox;
    ALTER TABLE outbox_new RENAME TO outbox;
    CREATE INDEX outbox_due ON outbox (state, next_at);
    CREATE INDEX outbox_by_case ON outbox (notice_no, id);
  `);
}
