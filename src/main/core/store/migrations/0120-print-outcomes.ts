import type { Database } from 'better-sqlite3-multiple-ciphers';

/**
 * A print's outcome may be unknown (the spooler forgot the job: the Windows spooler drops a printed
 * one), and the clerk then says whether it printed; a failure keeps the reason's code, so the screen
 * words it in the user's language with the spooler's own text beneath. SQLite cannot widen a CHECK,
 * so the table is rebuilt with its rows.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE decision_prints_new (
      id INTEGER PRIMARY KEY,
      decision_id INTEGER NOT NULL REFERENCES decisions (id),
      copy_no INTEGER NOT NULL,
      printer TEXT NOT NULL,
      job_id TEXT,
      state TEXT NOT NULL CHECK (state IN ('submitted','completed','failed','unknown')),
      message TEXT,
      reason_code TEXT,
      at TEXT NOT NULL,
      by TEXT NOT NULL,
      pdf BLOB,
      sha256 TEXT NOT NULL,
      confirmed_by TEXT,
      confirmed_at TEXT
    );
    INSERT INTO decision_prints_new (id, decision_id, copy_no, printer, job_id, state, message, at, by, pdf, sha256)
      SELECT id, decision_id, copy_no, printer, job_id, state, message, at, by, pdf, sha256 FROM decision_prints;
    DROP TABLE decision_prints;
    ALTER TABLE decision_prints_new RENAME TO decision_prints;
    CREATE INDEX decision_prints_decision ON decision_prints (decision_id);
  `);
}
