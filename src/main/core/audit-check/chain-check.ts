import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { AuditCheck } from '../../../shared/audit';
import { decisionHashes } from '../documents/decision-hash';
import { verificationHashes } from '../verification/record-hash';
import { boundImageProblem } from '../evidence/images';
import { recordsWithImages } from '../verification/records';
import { hashAt, walkChain, type AuditBinding } from '../audit/audit';
import { auditKeyOf } from '../audit/audit-key';
import { openSealedHead, type AuditHeadPort, type SealedHead } from '../audit/sealed-head';

/** The records the chain vouches for: every signed-off verification record and every issued decision. */
export const boundRecords = (db: Database): AuditBinding[] => [...verificationHashes(db), ...decisionHashes(db)];

type UpstreamHead = SealedHead | 'not-linked' | 'unreachable' | null;

/**
 * The whole check, first problem first: the chain entry by entry; the chain against the head sealed
 * apart from the store and the one the authority acknowledged (not shorter, the same entry there);
 * every bound record as it is now against its hash in the chain; every record bound at all.
 */
export async function checkAuditChain(db: Database, opts: { head: AuditHeadPort | null; upstreamHead?: () => Promise<UpstreamHead> }): Promise<AuditCheck> {
  const walk = walkChain(db);
  const key = auditKeyOf(db);
  const heldText = opts.head?.read() ?? null;
  const sealed = heldText === null ? null : openSealedHead(key, heldText);
  const upstream = opts.upstreamHead ? await opts.upstreamHead() : 'not-linked';
  const heads: AuditCheck['heads'] = {
    sealed: sealed && sealed !== 'forged' ? { seq: sealed.seq, at: sealed.at } : null,
    upstream: upstream && typeof upstream === 'object' ? { seq: upstream.seq, at: upstream.at } : upstream,
  };
  const done = (firstBroken: AuditCheck['firstBroken']): AuditCheck => ({ intact: firstBroken === null, entries: walk.entries, firstBroken, heads });
  if (walk.firstBroken) return done(walk.firstBroken);
  for (const [against, h] of [['sealed-head', sealed], ['upstream', upstream]] as const) {
    if (!h || typeof h !== 'object') continue;
    const at = hashAt(db, h.seq);
    if (at === null) return done({ seq: h.seq, problem: 'cut', against });
    if (at !== h.hash) return done({ seq: h.seq, problem: 'rewritten', against });
  }
  const now = new Map(boundRecords(db).map((b) => [`${b.kind}:${b.id}`, b.hash]));
  for (const [record, bound] of walk.bindings) {
    const hash = now.get(record);
    if (hash === undefined) return done({ seq: bound.seq, problem: 'record-missing', record });
    if (hash !== bound.hash) return done({ seq: bound.seq, problem: 'record-changed', record });
  }
  for (const record of now.keys()) if (!walk.bindings.has(record)) return done({ seq: walk.entries, problem: 'record-unbound', record });
  // The images a record binds by their hashes: the record's own hash holds, so its list is as signed.
  const image = boundImageProblem(db, recordsWithImages(db));
  if (image) return done({ seq: walk.bindings.get(`verification:${image.recordId}`)?.seq ?? walk.entries, problem: image.problem, record: `image:${image.imageId}` });
  // An authenticated chain whose sealed head is gone or forged: the file was removed or replaced.
  if (opts.head && walk.authenticated && (sealed === null || sealed === 'forged')) return done({ seq: walk.entries, problem: 'head-missing' });
  return done(null);
}
