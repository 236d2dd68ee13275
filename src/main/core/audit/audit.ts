import { illFormedTextAt } from '../../../shared/unicode';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { auditKeyOf } from './audit-key';

/** A record an entry vouches for: which, and the SHA-256 of its content as written. */
export interface AuditBinding {
  kind: 'verification' | 'decision';
  id: string;
  hash: string;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  prevHash: string;
  hash: string;
  /** 1: the hash is an HMAC with the audit key; 0: a plain SHA-256, as entries before issue 13 were. */
  mac: number;
  binds: string | null;
}

export const GENESIS = '0'.repeat(64);

const fields = (prevHash: string, e: Pick<AuditEntry, 'seq' | 'at' | 'actor' | 'action' | 'target'>) => [prevHash, e.seq, e.at, e.actor, e.action, e.target];

/** The entries written before the chain was authenticated: anyone could recompute these. */
function legacyHash(prevHash: string, e: Pick<AuditEntry, 'seq' | 'at' | 'actor' | 'action' | 'target'>): string {
  return createHash('sha256').update(JSON.stringify(fields(prevHash, e))).digest('hex');
}

/** An authenticated entry: only the holder of the audit key, which the store does not hold, can make one. */
export function entryMac(key: Buffer, prevHash: string, e: Pick<AuditEntry, 'seq' | 'at' | 'actor' | 'action' | 'target' | 'binds'>): string {
  return createHmac('sha256', key).update(JSON.stringify([...fields(prevHash, e), e.binds])).digest('hex');
}

const sameHex = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Appends an entry whose HMAC covers the previous entry's hash and the records it binds, so any
 * change, removal from the middle or forged entry breaks the chain for whoever holds the key.
 */
export function appendAudit(
  db: Database,
  entry: { at: string; actor: string; action: string; target?: string | null; binds?: AuditBinding[] },
): AuditEntry {
  return db.transaction(() => {
    const last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
    const base = {
      seq: (last?.seq ?? 0) + 1,
      at: entry.at,
      actor: entry.actor,
      action: entry.action,
      target: entry.target ?? null,
      binds: entry.binds?.length ? JSON.stringify(entry.binds) : null,
    };
    // The last guard: a text SQLite would store as another character would break the chain at this entry.
    if (illFormedTextAt(base) !== null) throw new Error('an audit entry holds a broken character (a lone UTF-16 surrogate)');
    const prevHash = last?.hash ?? GENESIS;
    const hash = entryMac(auditKeyOf(db), prevHash, base);
    db.prepare('INSERT INTO audit_log (seq, at, actor, action, target, prev_hash, hash, mac, binds) VALUES (?,?,?,?,?,?,?,1,?)').run(
      base.seq,
      base.at,
      base.actor,
      base.action,
      base.target,
      prevHash,
      hash,
      base.binds,
    );
    return { ...base, prevHash, hash, mac: 1 };
  })();
}

export type ChainProblem = { seq: number; problem: 'altered' | 'removed' };

/**
 * The chain as stored, entry by entry: the first entry whose content, hash or place is wrong, and the
 * bindings of the entries that hold. A plain entry after the first authenticated one is forged.
 */
export function walkChain(db: Database): {
  firstBroken: ChainProblem | null;
  entries: number;
  /** Whether an authenticated entry was reached: the chain is no longer the plain one of before. */
  authenticated: boolean;
  bindings: Map<string, { seq: number; hash: string }>;
} {
  const key = auditKeyOf(db);
  let prevHash = GENESIS;
  let expectedSeq = 1;
  let authenticated = false;
  const bindings = new Map<string, { seq: number; hash: string }>();
  const rows = db.prepare('SELECT seq, at, actor, action, target, prev_hash AS prevHash, hash, mac, binds FROM audit_log ORDER BY seq').iterate() as Iterable<AuditEntry>;
  for (const row of rows) {
    if (row.seq !== expectedSeq) return { firstBroken: { seq: expectedSeq, problem: 'removed' }, entries: expectedSeq - 1, authenticated, bindings };
    const ok =
      row.prevHash === prevHash &&
      (row.mac === 1 ? sameHex(entryMac(key, prevHash, row), row.hash) : !authenticated && row.mac === 0 && row.binds === null && legacyHash(prevHash, row) === row.hash);
    if (!ok) return { firstBroken: { seq: row.seq, problem: 'altered' }, entries: row.seq, authenticated, bindings };
    if (row.mac === 1) authenticated = true;
    if (row.binds) for (const b of JSON.parse(row.binds) as AuditBinding[]) bindings.set(`${b.kind}:${b.id}`, { seq: row.seq, hash: b.hash });
    prevHash = row.hash;
    expectedSeq++;
  }
  return { firstBroken: null, entries: expectedSeq - 1, authenticated, bindings };
}

/** The first entry whose content, hash or place in the chain is wrong, or null when all hold. */
export function verifyAudit(db: Database): ChainProblem | null {
  return walkChain(db).firstBroken;
}

/**
 * A store from before the chain was authenticated: its plain entries are sealed once, by an
 * authenticated entry that follows the last of them and says, in the chain itself, how many there were
 * and whether they held; the records already signed off and issued are bound in the same entry.
 */
export function sealLegacyChain(db: Database, now: Date, records: () => AuditBinding[]): boolean {
  return db.transaction(() => {
    const plain = db.prepare('SELECT COUNT(*) FROM audit_log WHERE mac = 0').pluck().get() as number;
    const sealed = db.prepare('SELECT COUNT(*) FROM audit_log WHERE mac = 1').pluck().get() as number;
    if (plain === 0 || sealed > 0) return false;
    const broken = verifyAudit(db);
    const state = broken ? `broken at ${broken.seq} (${broken.problem})` : 'intact';
    appendAudit(db, { at: now.toISOString(), actor: 'system', action: 'audit.sealed', target: `${plain} earlier entries sealed, their chain ${state}`, binds: records() });
    return true;
  })();
}

/** The newest entry: what the head file and the authority are given. */
export function auditHead(db: Database): { seq: number; hash: string; at: string } | null {
  return (db.prepare('SELECT seq, hash, at FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string; at: string } | undefined) ?? null;
}

/** The hash of an entry at a place in the chain, to hold a head against. */
export function hashAt(db: Database, seq: number): string | null {
  return (db.prepare('SELECT hash FROM audit_log WHERE seq = ?').pluck().get(seq) as string | undefined) ?? null;
}

/** The targets of every entry with this action, oldest first (the chain itself is checked by walkChain). */
export function auditTargets(db: Database, action: string): string[] {
  return (db.prepare('SELECT target FROM audit_log WHERE action = ? ORDER BY seq').pluck().all(action) as (string | null)[]).map((t) => t ?? '');
}
