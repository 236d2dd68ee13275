import type { Database } from 'better-sqlite3-multiple-ciphers';

/**
 * Any window of the office serves the documents of any other: a document another window issued is held
 * here as it was issued there (its PDF checked against the SHA-256 that window sent), so it is printed,
 * reprinted and served here as this window's own are. Such a row names the window it came from
 * (`workstation`; null for this window's own) and may stand on no record of this window
 * (`verification_id` null), and so may this window's proof of service of it. SQLite cannot loosen NOT
 * NULL, so the table is rebuilt with its rows, indexes and triggers, as SQLite's documentation says: a
 * new table, the rows copied, the old one dropped and the new one renamed (references are checked when
 * the migrations commit, store.ts). The worklists' and the register's indexes carry `workstation`, so
 * that they still answer without reading the rows (a row holds its PDF).
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE decisions_new (
      id INTEGER PRIMARY KEY,
      number TEXT NOT NULL UNIQUE,
      notice_no TEXT NOT NULL,
      verification_id TEXT REFERENCES verifications (id),
      issued_at TEXT NOT NULL,
      issued_by TEXT NOT NULL,
      -- What the document says (its content), so that a reprint says exactly the same.
      content TEXT NOT NULL,
      pdf BLOB NOT NULL,
      sha256 TEXT NOT NULL,
      voided_at TEXT,
      voided_by TEXT,
      void_reason TEXT,
      type TEXT NOT NULL DEFAULT 'grant' CHECK (type IN ('grant','refusal','supplement','service')),
      workstation TEXT
    );
    INSERT INTO decisions_new (id, number, notice_no, verification_id, issued_at, issued_by, content, pdf, sha256, voided_at, voided_by, void_reason, type)
      SELECT id, number, notice_no, verification_id, issued_at, issued_by, content, pdf, sha256, voided_at, voided_by, void_reason, type FROM decisions;
    DROP TABLE decisions;
    ALTER TABLE decisions_new RENAME TO decisions;
    CREATE INDEX decisions_notice ON decisions (notice_no);
    CREATE INDEX decisions_live ON decisions (type, notice_no, number, issued_at, workstation) WHERE voided_at IS NULL;
    CREATE INDEX decisions_by_issued ON decisions (issued_at, issued_by, type, workstation);
    CREATE INDEX decisions_by_voided ON decisions (voided_at, voided_by, type, workstation) WHERE voided_at IS NOT NULL;
    CREATE TRIGGER decisions_void_only BEFORE UPDATE ON decisions
      WHEN OLD.voided_at IS NOT NULL OR NEW.voided_at IS NULL
        OR NEW.number != OLD.number OR NEW.notice_no != OLD.notice_no OR NEW.verification_id IS NOT OLD.verification_id
        OR NEW.issued_at != OLD.issued_at OR NEW.issued_by != OLD.issued_by OR NEW.content != OLD.content OR NEW.pdf != OLD.pdf OR NEW.sha256 != OLD.sha256
        OR NEW.type != OLD.type OR NEW.workstation IS NOT OLD.workstation
      BEGIN SELECT RAISE(ABORT, 'an issued decision can only be voided, once'); END;
    CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions
      BEGIN SELECT RAISE(ABORT, 'an issued decision is never deleted'); END;
  `);
}
