import type { Database } from 'better-sqlite3-multiple-ciphers';

// The store's own facts (sync cursors, the clock's offset, the trust list in force): one row per key,
// owned by no capability, so that any may keep one without importing another.
export function getStoreMeta(db: Database, key: string): string | null {
  const row = db.prepare('SELECT value FROM store_meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function setStoreMeta(db: Database, key: string, value: string): void {
  db.prepare('INSERT INTO store_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

export function deleteStoreMeta(db: Database, key: string): void {
  db.prepare('DELETE FROM store_meta WHERE key = ?').run(key);
}
