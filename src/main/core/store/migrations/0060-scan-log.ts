import type { Database } from 'better-sqlite3-multiple-ciphers';

/** The police scan log: time, officer, verdict, permit number; purged after the configured days. */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE scan_log (
      id INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      officer TEXT NOT NULL,
      source TEXT NOT NULL,
      verdict TEXT NOT NULL,
      permit_no TEXT
    );
    CREATE INDEX scan_log_at ON scan_log (at);
  `);
}
