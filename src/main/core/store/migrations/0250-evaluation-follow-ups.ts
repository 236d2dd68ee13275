import type { Database } from 'better-sqlite3-multiple-ciphers';

/**
 * A dissatisfied evaluation (grades 1–2) is followed up (国办发〔2019〕51号: every bad evaluation verified
 * and put right, with a callback to the person): one follow-up per such evaluation, opened with it, due
 * a number of working days later, in which a supervisor records what was checked, what was put right and
 * the callback, and closes it. The outbox learns a sixth kind, `follow-up` (the closed follow-up, sent
 * with the evaluation's id); rebuilt with its rows as in 0220, written out again.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE evaluation_follow_ups (
      evaluation_id TEXT PRIMARY KEY REFERENCES evaluations (id),
      opened_at TEXT NOT NULL,
      due_day TEXT NOT NULL,
      due_known INTEGER NOT NULL,
      checked TEXT NOT NULL DEFAULT '',
      put_right TEXT NOT NULL DEFAULT '',
      callback_on TEXT,
      callback_how TEXT CHECK (callback_how IN ('phone','sms','in-person','letter','email')),
      callback_said TEXT NOT NULL DEFAULT '',
      updated_at TEXT NOT NULL,
      updated_by TEXT,
      closed_at TEXT,
      closed_by TEXT
    );
    CREATE INDEX evaluation_follow_ups_open ON evaluation_follow_ups (closed_at, due_day);
    CREATE TRIGGER evaluation_follow_ups_closed_kept BEFORE UPDATE ON evaluation_follow_ups
      WHEN OLD.closed_at IS NOT NULL
      BEGIN SELECT RAISE(ABORT, 'a closed follow-up is kept as it was closed'); END;

    CREATE TABLE outbox_new (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('verification','decision','document','evaluation','evidence','follow-up')),
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
