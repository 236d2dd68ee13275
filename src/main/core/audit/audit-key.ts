import { randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';

/**
 * The key that authenticates the audit chain, held outside the store (the host's secrets). A store
 * opened without one (a test's) gets a key of this process alone: its chain verifies only here.
 */
const keys = new WeakMap<Database, Buffer>();

export function bindAuditKey(db: Database, key: Buffer): void {
  if (key.length < 32) throw new Error('the audit key must be 256 bits');
  keys.set(db, key);
}

export function auditKeyOf(db: Database): Buffer {
  let key = keys.get(db);
  if (!key) {
    key = randomBytes(32);
    keys.set(db, key);
  }
  return key;
}
