import type { Database } from 'better-sqlite3-multiple-ciphers';

/**
 * The Country Signing CA certificates passports' chips are checked against (passport-chip.md): each
 * list as it was taken, from upstream (signed by a pinned root, `signed_by` its key id) or imported by
 * an administrator (taken on their word: `signed_by` null, `stored_by` who). The newest version is in force.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE csca_lists (
      version INTEGER PRIMARY KEY,
      issued_at TEXT NOT NULL,
      source TEXT NOT NULL,
      signed_by TEXT,
      certificates TEXT NOT NULL,
      stored_at TEXT NOT NULL,
      stored_by TEXT NOT NULL
    );
  `);
}
