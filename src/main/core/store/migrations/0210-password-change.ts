import type { Database } from 'better-sqlite3-multiple-ciphers';

/**
 * A password set by a supervisor or an administrator (a reset) is known to two people: the account
 * must choose its own at the next sign-in before it does anything else.
 */
export function up(db: Database): void {
  db.exec('ALTER TABLE accounts ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0');
}
