import type { Database } from 'better-sqlite3-multiple-ciphers';

/**
 * Wrong-password counts and locks per username typed, known or not, so that a lock behaves the same
 * for a name that has no account (the lock must not tell which usernames exist). The counts kept on
 * the accounts until now move here.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE signin_guard (
      username TEXT PRIMARY KEY COLLATE NOCASE,
      failures INTEGER NOT NULL DEFAULT 0,
      locked_until TEXT,
      updated_at TEXT NOT NULL
    );
    INSERT INTO signin_guard (username, failures, locked_until, updated_at)
      SELECT username, failed_attempts, locked_until, '1970-01-01T00:00:00.000Z' FROM accounts WHERE failed_attempts > 0 OR locked_until IS NOT NULL;
    ALTER TABLE accounts DROP COLUMN failed_attempts;
    ALTER TABLE accounts DROP COLUMN locked_until;
  `);
}
