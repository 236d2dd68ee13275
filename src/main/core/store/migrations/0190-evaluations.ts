import type { Database } from 'better-sqlite3-multiple-ciphers';

/**
 * The applicant's evaluation of the service (好差评): one per visit, kept as given (the reasons in the
 * applicant's words, in the encrypted store) and sent upstream through the outbox, which learns a fourth
 * kind. SQLite cannot widen a CHECK, so the outbox is rebuilt with its rows, as in 0160 (written out
 * again, not shared: a migration is frozen once shipped, and a helper two of them called could change).
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE evaluations (
      id TEXT PRIMARY KEY,
      notice_no TEXT NOT NULL,
      grade INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 5),
      reasons TEXT NOT NULL,
      at TEXT NOT NULL,
      clerk TEXT NOT NULL,
      workstation TEXT NOT NULL,
      queue_no TEXT,
      CHECK (grade > 2 OR json_array_length(reasons) > 0)
    );
    CREATE INDEX evaluations_by_at ON evaluations (at);
    CREATE INDEX evaluations_by_case ON evaluations (notice_no, at);
    CREATE TRIGGER evaluations_kept BEFORE UPDATE ON evaluations
      BEGIN SELECT RAISE(ABORT, 'an evaluation is kept as the applicant gave it'); END;

    CREATE TABLE outbox_new (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('verification','decision','document','evaluation')),
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
