import type { Database } from 'better-sqlite3-multiple-ciphers';

/**
 * Every document the window issues, not only the grant: the refusal decision (不予行政许可决定书), the
 * supplement notice (补正材料通知书) and the proof of service (送达回证) are numbered, archived,
 * printed, reprinted and voided exactly as the grant is, so they share its table with a `type`, and
 * each type numbers from its own blocks. The outbox learns a third kind, a document event for
 * `POST /v1/documents`; SQLite cannot widen a CHECK, so that table is rebuilt with its rows.
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE decisions ADD COLUMN type TEXT NOT NULL DEFAULT 'grant' CHECK (type IN ('grant','refusal','supplement','service'));
    DROP TRIGGER IF EXISTS decisions_void_only;
    CREATE TRIGGER decisions_void_only BEFORE UPDATE ON decisions
      WHEN OLD.voided_at IS NOT NULL OR NEW.voided_at IS NULL
        OR NEW.number != OLD.number OR NEW.notice_no != OLD.notice_no OR NEW.verification_id != OLD.verification_id
        OR NEW.issued_at != OLD.issued_at OR NEW.issued_by != OLD.issued_by OR NEW.content != OLD.content OR NEW.pdf != OLD.pdf OR NEW.sha256 != OLD.sha256
        OR NEW.type != OLD.type
      BEGIN SELECT RAISE(ABORT, 'an issued decision can only be voided, once'); END;

    ALTER TABLE decision_number_blocks ADD COLUMN type TEXT NOT NULL DEFAULT 'grant' CHECK (type IN ('grant','refusal','supplement','service'));
    DROP TRIGGER IF EXISTS decision_number_blocks_no_rewind;
    CREATE TRIGGER decision_number_blocks_no_rewind BEFORE UPDATE ON decision_number_blocks
      WHEN NEW.next < OLD.next OR NEW.first != OLD.first OR NEW.last != OLD.last OR NEW.year != OLD.year OR NEW.prefix != OLD.prefix OR NEW.type != OLD.type
      BEGIN SELECT RAISE(ABORT, 'decision numbers are never reused'); END;

    CREATE TABLE outbox_new (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('verification','decision','document')),
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
