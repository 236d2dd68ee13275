import type { Database } from 'better-sqlite3-multiple-ciphers';

/** Settings that survive restarts, and facts about the store itself (such as "holds the demo office"). */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  `);
}
