import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { AuditBinding } from '../audit/audit';

/** A signed-off record's content hash: SHA-256 of the record exactly as stored, which the audit chain binds. */
export const recordContentHash = (document: string) => createHash('sha256').update(document).digest('hex');

export function verificationBinding(id: string, document: string): AuditBinding {
  return { kind: 'verification', id, hash: recordContentHash(document) };
}

/** Every signed-off record with its content hash as it is now. */
export function verificationHashes(db: Database): AuditBinding[] {
  return (db.prepare('SELECT id, document FROM verifications ORDER BY seq').all() as { id: string; document: string }[]).map((r) => verificationBinding(r.id, r.document));
}
