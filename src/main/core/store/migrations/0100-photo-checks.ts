import type { Database } from 'better-sqlite3-multiple-ciphers';

/**
 * The applicant photo checks the core made, from the file's bytes: a draft names one by its id, so the
 * verdict a record carries is the core's, never one a client wrote. The photo itself is not kept.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE photo_checks (
      id INTEGER PRIMARY KEY,
      notice_no TEXT NOT NULL,
      sha256 TEXT NOT NULL,
      bytes INTEGER NOT NULL,
      problems TEXT NOT NULL,
      checked_at TEXT NOT NULL,
      checked_by TEXT NOT NULL
    );
    CREATE INDEX photo_checks_case ON photo_checks (notice_no);
  `);
}
