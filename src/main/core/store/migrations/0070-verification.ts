import type { Database } from 'better-sqlite3-multiple-ciphers';

/**
 * On-site verification and decisions. A signed-off record and an issued decision are never changed:
 * triggers refuse it, so only a new record (a correction) or the one-time void of a decision can follow.
 * Decision numbers come from blocks reserved for this window and are unique across all decisions, voided
 * ones included, so a number is never issued twice.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE verification_drafts (
      notice_no TEXT PRIMARY KEY,
      document TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      updated_by TEXT NOT NULL
    );
    CREATE TABLE verifications (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      notice_no TEXT NOT NULL,
      correction_of TEXT REFERENCES verifications (id),
      outcome TEXT NOT NULL CHECK (outcome IN ('approved','supplement','rejected')),
      at TEXT NOT NULL,
      document TEXT NOT NULL
    );
    CREATE INDEX verifications_notice ON verifications (notice_no);
    CREATE UNIQUE INDEX verifications_one_correction ON verifications (correction_of);
    CREATE TRIGGER verifications_no_update BEFORE UPDATE ON verifications
      BEGIN SELECT RAISE(ABORT, 'a signed-off verification record is immutable'); END;
    CREATE TRIGGER verifications_no_delete BEFORE DELETE ON verifications
      BEGIN SELECT RAISE(ABORT, 'a signed-off verification record is immutable'); END;

    CREATE TABLE decision_number_blocks (
      id INTEGER PRIMARY KEY,
      prefix TEXT NOT NULL,
      year INTEGER NOT NULL,
      first INTEGER NOT NULL,
      last INTEGER NOT NULL,
      next INTEGER NOT NULL,
      CHECK (first >= 1 AND last >= first AND next >= first AND next <= last + 1)
    );
    CREATE TRIGGER decision_number_blocks_no_rewind BEFORE UPDATE ON decision_number_blocks
      WHEN NEW.next < OLD.next OR NEW.first != OLD.first OR NEW.last != OLD.last OR NEW.year != OLD.year OR NEW.prefix != OLD.prefix
      BEGIN SELECT RAISE(ABORT, 'decision numbers are never reused'); END;

    CREATE TABLE decisions (
      id INTEGER PRIMARY KEY,
      number TEXT NOT NULL UNIQUE,
      notice_no TEXT NOT NULL,
      verification_id TEXT NOT NULL REFERENCES verifications (id),
      issued_at TEXT NOT NULL,
      issued_by TEXT NOT NULL,
      -- What the decision says (DecisionContent), so that a reprint says exactly the same.
      content TEXT NOT NULL,
      pdf BLOB NOT NULL,
      sha256 TEXT NOT NULL,
      voided_at TEXT,
      voided_by TEXT,
      void_reason TEXT
    );
    CREATE INDEX decisions_notice ON decisions (notice_no);
    CREATE TRIGGER decisions_void_only BEFORE UPDATE ON decisions
      WHEN OLD.voided_at IS NOT NULL OR NEW.voided_at IS NULL
        OR NEW.number != OLD.number OR NEW.notice_no != OLD.notice_no OR NEW.verification_id != OLD.verification_id
        OR NEW.issued_at != OLD.issued_at OR NEW.issued_by != OLD.issued_by OR NEW.content != OLD.content OR NEW.pdf != OLD.pdf OR NEW.sha256 != OLD.sha256
      BEGIN SELECT RAISE(ABORT, 'an issued decision can only be voided, once'); END;
    CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions
      BEGIN SELECT RAISE(ABORT, 'an issued decision is never deleted'); END;

    CREATE TABLE decision_prints (
      id INTEGER PRIMARY KEY,
      decision_id INTEGER NOT NULL REFERENCES decisions (id),
      copy_no INTEGER NOT NULL,
      printer TEXT NOT NULL,
      job_id TEXT,
      state TEXT NOT NULL CHECK (state IN ('submitted','completed','failed')),
      message TEXT,
      at TEXT NOT NULL,
      by TEXT NOT NULL,
      pdf BLOB,
      sha256 TEXT NOT NULL
    );
    CREATE INDEX decision_prints_decision ON decision_prints (decision_id);
  `);
}
