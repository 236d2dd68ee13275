import type { Database } from 'better-sqlite3-multiple-ciphers';

/**
 * The key that authenticates the audit chain, held outside the store (the host's secrets), bound to
 * the store when it is opened. A store opened without it cannot write or check the chain: that is an
 * error, never a key made up on the spot (a chain sealed with one would stop verifying after a restart,
 * and nothing would say why).
 */
const keys = new WeakMap<Database, Buffer>();

export function bindAuditKey(db: Database, key: Buffer): void {
  if (key.length < 32) throw new Error('the audit key must be 256 bits');
  keys.set(db, key);
}

export class AuditKeyMissing extends Error {
  constructor() {
    super('the store was opened without its audit key: the chain can be neither written nor checked');
  }
}

export function auditKeyOf(db: Database): Buffer {
  const key = keys.get(db);
  if (!key) throw new AuditKeyMissing();
  return key;
}
