import type { Database } from 'better-sqlite3-multiple-ciphers';
import { auditHead, hashAt } from './audit';
import { auditKeyOf } from './audit-key';
import { openSealedHead, sealHead, type AuditHeadPort } from './sealed-head';

/**
 * Writes the head file when the chain moved on from the head it holds (after a call, never inside
 * one). A chain that no longer reaches that head (cut, or rewritten there), or a head file the key did
 * not seal, is left as it is: overwriting it would hide what `audit verify` must report.
 */
export function sealHeadIfMoved(db: Database, port: AuditHeadPort | null): 'sealed' | 'unchanged' | 'kept-as-evidence' {
  if (!port) return 'unchanged';
  const head = auditHead(db);
  if (!head) return 'unchanged';
  const held = port.read();
  const sealed = held === null ? null : openSealedHead(auditKeyOf(db), held);
  if (sealed === 'forged') return 'kept-as-evidence';
  if (sealed) {
    if (sealed.seq === head.seq && sealed.hash === head.hash) return 'unchanged';
    if (hashAt(db, sealed.seq) !== sealed.hash) return 'kept-as-evidence';
  }
  port.write(sealHead(auditKeyOf(db), head));
  return 'sealed';
}
