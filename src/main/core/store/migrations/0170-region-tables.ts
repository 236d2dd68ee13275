import type { Database } from 'better-sqlite3-multiple-ciphers';

/**
 * GB/T 2260 region tables newer than the one the release ships, imported by an administrator (the
 * Ministry of Civil Affairs revises the codes most years), so the window names new districts without
 * a new release. The newest by its data date is used.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE region_tables (
      id INTEGER PRIMARY KEY,
      data_date TEXT NOT NULL,
      source TEXT NOT NULL,
      document TEXT NOT NULL,
      stored_at TEXT NOT NULL,
      stored_by TEXT NOT NULL
    );
  `);
}
