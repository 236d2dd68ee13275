import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { AuditBinding } from '../audit/audit';
import type { DecisionRow } from './rows';

/** The columns of a decisions row that say what was issued (the rest are its void). */
type IssuedRow = Pick<DecisionRow, 'type' | 'number' | 'notice_no' | 'verification_id' | 'issued_at' | 'issued_by' | 'content' | 'pdf'>;

/**
 * An issued decision's content hash, which the audit chain binds: what it says, whom and which record
 * it was issued on, when and by whom, and the PDF's own bytes. A void changes none of these. The type
 * is bound for the documents other than the grant; a grant's hash stays what it was before they existed.
 */
export function decisionBinding(r: IssuedRow): AuditBinding {
  const pdf = createHash('sha256').update(r.pdf).digest('hex');
  const fields = [r.number, r.notice_no, r.verification_id, r.issued_at, r.issued_by, r.content, pdf];
  const hash = createHash('sha256').update(JSON.stringify(r.type === 'grant' ? fields : [r.type, ...fields])).digest('hex');
  return { kind: 'decision', id: r.number, hash };
}

/** Every issued decision with its content hash as it is now. */
export function decisionHashes(db: Database): AuditBinding[] {
  return (db.prepare('SELECT type, number, notice_no, verification_id, issued_at, issued_by, content, pdf FROM decisions ORDER BY id').all() as IssuedRow[]).map(decisionBinding);
}
