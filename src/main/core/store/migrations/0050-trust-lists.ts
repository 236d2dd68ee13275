import type { Database } from 'better-sqlite3-multiple-ciphers';

/**
 * The permit signers' trust list and the revocation list, cached for offline verification (see
 * permit-qr.md); the newest version of each is the one in force.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE trust_lists (
      version INTEGER PRIMARY KEY,
      issued_at TEXT NOT NULL,
      source TEXT NOT NULL,
      stored_at TEXT NOT NULL,
      document TEXT NOT NULL
    );
    CREATE TABLE revocation_lists (
      version INTEGER PRIMARY KEY,
      source TEXT NOT NULL,
      stored_at TEXT NOT NULL,
      document TEXT NOT NULL
    );
  `);
}
