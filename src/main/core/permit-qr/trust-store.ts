import type { TrustStatus } from '../../../shared/permit-qr';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { getStoreMeta, setStoreMeta } from '../settings/settings';
import { prepareTrust, readTrustList, revocationListSchema, trustListAge, type RevocationList, type Trust } from './trust-list';

const GENERATION = 'trust.generation';

/** Every write of trust data moves the generation on, which is what the prepared-trust cache keys on. */
function bumpGeneration(db: Database): void {
  setStoreMeta(db, GENERATION, String(Number(getStoreMeta(db, GENERATION) ?? 0) + 1));
}

/**
 * Stores a trust list as it was received, so the trust status can name the entries left out of it; a
 * version the store already has is replaced by the new document. Returns the list as read (throws a
 * TrustListError, storing nothing, for a list that cannot be used).
 */
export function storeTrustList(db: Database, document: unknown, source: string, now: Date): ReturnType<typeof readTrustList> {
  const read = readTrustList(document);
  bumpGeneration(db);
  db.prepare(
    `INSERT INTO trust_lists (version, issued_at, source, stored_at, document) VALUES (?,?,?,?,?)
     ON CONFLICT(version) DO UPDATE SET issued_at = excluded.issued_at, source = excluded.source, stored_at = excluded.stored_at, document = excluded.document`,
  ).run(read.list.version, read.list.issuedAt, source, now.toISOString(), JSON.stringify(document));
  return read;
}

export function storeRevocationList(db: Database, list: RevocationList, source: string, now: Date): void {
  bumpGeneration(db);
  db.prepare(
    `INSERT INTO revocation_lists (version, source, stored_at, document) VALUES (?,?,?,?)
     ON CONFLICT(version) DO UPDATE SET source = excluded.source, stored_at = excluded.stored_at, document = excluded.document`,
  ).run(list.version, source, now.toISOString(), JSON.stringify(list));
}

interface InForce {
  trust: ReturnType<typeof readTrustList> | null;
  revocations: RevocationList | null;
  source: string;
  prepared: Trust | null;
}

const cache = new WeakMap<Database, { key: string; inForce: InForce }>();

/**
 * The newest trust and revocation lists, read and prepared for verification once per change: keyed on
 * the generation, not the versions, since a version imported again replaces its document.
 */
function inForce(db: Database): InForce {
  const key = getStoreMeta(db, GENERATION) ?? '0';
  const hit = cache.get(db);
  if (hit?.key === key) return hit.inForce;
  const t = db.prepare('SELECT document, source FROM trust_lists ORDER BY version DESC LIMIT 1').get() as { document: string; source: string } | undefined;
  const r = db.prepare('SELECT document FROM revocation_lists ORDER BY version DESC LIMIT 1').get() as { document: string } | undefined;
  const trust = t ? readTrustList(JSON.parse(t.document)) : null;
  const revocations = r ? revocationListSchema.parse(JSON.parse(r.document)) : null;
  const value = { trust, revocations, source: t?.source ?? '', prepared: trust ? prepareTrust(trust.list, revocations) : null };
  cache.set(db, { key, inForce: value });
  return value;
}

/** The newest trust and revocation lists, prepared for verification. */
export function currentTrust(db: Database): Trust | null {
  return inForce(db).prepared;
}

/** The revocation list in force, or null before the first. */
export function currentRevocations(db: Database): RevocationList | null {
  return inForce(db).revocations;
}

/** What the trust data in force is, and whether it is older than `staleDays`. */
export function trustStatus(db: Database, now: Date, staleDays: number): TrustStatus | null {
  const { trust, revocations, source } = inForce(db);
  if (!trust) return null;
  return {
    ...trustListAge(trust.list.issuedAt, now, staleDays),
    version: trust.list.version,
    issuedAt: trust.list.issuedAt,
    source,
    signers: trust.list.signers.length,
    leftOut: trust.leftOut,
    revocationVersion: revocations?.version ?? null,
    revoked: revocations?.revoked.length ?? 0,
  };
}
