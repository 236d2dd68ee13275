import type { Database } from 'better-sqlite3-multiple-ciphers';

/**
 * The office's register counts a year of work in well under a second: each record's clerk as a
 * column computed from its document (virtual, so the immutable rows are not rewritten) with the time
 * it was signed off, indexed; the documents by the time they were issued and voided, the prints by
 * time. The supervisor's end-of-day reviews get their own table, kept as signed.
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE verifications ADD COLUMN clerk TEXT GENERATED ALWAYS AS (json_extract(document, '$.clerk')) VIRTUAL;
    CREATE INDEX verifications_by_at ON verifications (at, clerk, outcome, correction_of);
    CREATE INDEX decisions_by_issued ON decisions (issued_at, issued_by, type);
    CREATE INDEX decisions_by_voided ON decisions (voided_at, voided_by, type) WHERE voided_at IS NOT NULL;
    CREATE INDEX decision_prints_by_at ON decision_prints (at, by, copy_no, state);
    CREATE INDEX evaluations_by_at_clerk ON evaluations (at, clerk, grade);

    CREATE TABLE day_reviews (
      day TEXT PRIMARY KEY,
      signed_by TEXT NOT NULL,
      signed_at TEXT NOT NULL,
      note TEXT NOT NULL,
      figures_sha256 TEXT NOT NULL
    );
    CREATE TRIGGER day_reviews_kept BEFORE UPDATE ON day_reviews
      BEGIN SELECT RAISE(ABORT, 'a signed review is kept as signed'); END;
    CREATE TRIGGER day_reviews_not_deleted BEFORE DELETE ON day_reviews
      BEGIN SELECT RAISE(ABORT, 'a signed review is kept as signed'); END;
  `);
}
