import type { Database } from 'better-sqlite3-multiple-ciphers';

/**
 * The State Council's holiday schedules received after the release (upstream's, or an admin's
 * import), one per year, over the ones the app ships: next year's is published each November.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE holiday_schedules (
      year INTEGER PRIMARY KEY,
      document TEXT NOT NULL,
      source TEXT NOT NULL,
      stored_at TEXT NOT NULL
    );
  `);
}
