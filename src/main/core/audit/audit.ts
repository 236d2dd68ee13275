import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  prevHash: string;
  hash: string;
}

const GENESIS = '0'.repeat(64);

function entryHash(prevHash: string, e: Omit<AuditEntry, 'hash' | 'prevHash'>): string {
  return createHash('sha256')
    .update(JSON.stringify([prevHash, e.seq, e.at, e.actor, e.action, e.target]))
    .digest('hex');
}

/** Appends an entry whose hash covers the previous entry's hash, so any change breaks the chain. */
export function appendAudit(
  db: Database,
  entry: { at: string; actor: string; action: string; target?: string | null },
): AuditEntry {
  return db.transaction(() => {
    const last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
      | { seq: number; hash: string }
      | undefined;
    const base = {
      seq: (last?.seq ?? 0) + 1,
      at: entry.at,
      actor: entry.actor,
      action: entry.action,
      target: entry.target ?? null,
    };
    const prevHash = last?.hash ?? GENESIS;
    const hash = entryHash(prevHash, base);
    db.prepare(
      'INSERT INTO audit_log (seq, at, actor, action, target, prev_hash, hash) VALUES (?,?,?,?,?,?,?)',
    ).run(base.seq, base.at, base.actor, base.action, base.target, prevHash, hash);
    return { ...base, prevHash, hash };
  })();
}

/** The first entry whose content, hash or place in the chain is wrong, or null when all hold. */
export function verifyAudit(db: Database): { seq: number; problem: 'altered' | 'removed' } | null {
  let prevHash = GENESIS;
  let expectedSeq = 1;
  const rows = db
    .prepare('SELECT seq, at, actor, action, target, prev_hash AS prevHash, hash FROM audit_log ORDER BY seq')
    .iterate() as Iterable<AuditEntry>;
  for (const row of rows) {
    if (row.seq !== expectedSeq) return { seq: expectedSeq, problem: 'removed' };
    if (row.prevHash !== prevHash || entryHash(prevHash, row) !== row.hash) {
      return { seq: row.seq, problem: 'altered' };
    }
    prevHash = row.hash;
    expectedSeq++;
  }
  return null;
}
