import type { Database } from 'better-sqlite3-multiple-ciphers';

/**
 * The audit chain is authenticated from here on (issue 13): each new entry's hash is an HMAC with a
 * key the store does not hold (`mac` 1), and may bind records by their content hash (`binds`). The
 * entries written before keep their plain SHA-256 chain (`mac` 0); the first start with a key seals
 * them once, in an entry of the chain itself.
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE audit_log ADD COLUMN mac INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE audit_log ADD COLUMN binds TEXT;
  `);
}
