import type { TrustStatus } from '../../../shared/permit-qr';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { getStoreMeta, setStoreMeta } from '../settings/settings';
import { prepareTrust, revocationListSchema, trustListAge, trustListSchema, type RevocationList, type Trust, type TrustList } from './trust-list';

const GENERATION = 'trust.generation';

/** Every write of trust data moves the generation on, which is what the prepared-trust cache keys on. */
function bumpGeneration(db: Database): void {
  setStoreMeta(db, GENERATION, String(Number(getStoreMeta(db, GENERATION) ?? 0) + 1));
}

/** Stores a trust list; a version the store already has is replaced by the new document. */
export function storeTrustList(db: Database, list: TrustList, source: string, now: Date): void {
  bumpGeneration(db);
  db.prepare(
    `INSERT INTO trust_lists (version, issued_at, source, stored_at, document) VALUES (?,?,?,?,?)
     ON CONFLICT(version) DO UPDATE SET issued_at = excluded.issued_at, source = excluded.source, stored_at = excluded.stored_at, document = excluded.document`,
  ).run(list.version, list.issuedAt, source, now.toISOString(), JSON.stringify(list));
}

export function storeRevocationList(db: Database, list: RevocationList, source: string, now: Date): void {
  bumpGeneration(db);
  db.prepare(
    `INSERT INTO revocation_lists (version, source, stored_at, document) VALUES (?,?,?,?)
     ON CONFLICT(version) DO UPDATE SET source = excluded.source, stored_at = excluded.stored_at, document = excluded.document`,
  ).run(list.version, source, now.toISOString(), JSON.stringify(list));
}

function latest(db: Database): { trust: TrustList | null; revocations: RevocationList | null; source: string } {
  const t = db.prepare('SELECT document, source FROM trust_lists ORDER BY version DESC LIMIT 1').get() as { document: string; source: string } | undefined;
  const r = db.prepare('SELECT document FROM revocation_lists ORDER BY version DESC LIMIT 1').get() as { document: string } | undefined;
  return {
    trust: t ? trustListSchema.parse(JSON.parse(t.document)) : null,
    revocations: r ? revocationListSchema.parse(JSON.parse(r.document)) : null,
    source: t?.source ?? '',
  };
}

const cache = new WeakMap<Database, { key: string; trust: Trust }>();

/** The newest trust and revocation lists, prepared for verification; parsed again only when they change. */
export function currentTrust(db: Database): Trust | null {
  // Keyed on the generation, not the versions: a version imported again replaces its document.
  const key = getStoreMeta(db, GENERATION) ?? '0';
  const hit = cache.get(db);
  if (hit?.key === key) return hit.trust;
  const { trust, revocations } = latest(db);
  if (!trust) return null;
  const prepared = prepareTrust(trust, revocations);
  cache.set(db, { key, trust: prepared });
  return prepared;
}

/** What the trust data in force is, and whether it is older than `staleDays`. */
export function trustStatus(db: Database, now: Date, staleDays: number): TrustStatus | null {
  const { trust, revocations, source } = latest(db);
  if (!trust) return null;
  return {
    ...trustListAge(trust.issuedAt, now, staleDays),
    version: trust.version,
    issuedAt: trust.issuedAt,
    source,
    signers: trust.signers.length,
    revocationVersion: revocations?.version ?? null,
    revoked: revocations?.revoked.length ?? 0,
  };
}
