import type { TrustStatus } from '../../../shared/permit-qr';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { getStoreMeta, setStoreMeta } from '../store/meta';
import { openSignedList, SignedListError, type TrustRoot } from './signed-list';
import { prepareTrust, readTrustList, revocationListSchema, revocationsAddedSchema, trustListAge, TrustListError, type RevocationList, type Trust } from './trust-list';

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
export function storeTrustList(db: Database, document: unknown, source: string, now: Date, signed: Signed | null = null): ReturnType<typeof readTrustList> {
  const read = readTrustList(document);
  bumpGeneration(db);
  db.prepare(
    `INSERT INTO trust_lists (version, issued_at, source, stored_at, document, envelope, signed_by) VALUES (?,?,?,?,?,?,?)
     ON CONFLICT(version) DO UPDATE SET issued_at = excluded.issued_at, source = excluded.source, stored_at = excluded.stored_at,
       document = excluded.document, envelope = excluded.envelope, signed_by = excluded.signed_by`,
  ).run(read.list.version, read.list.issuedAt, source, now.toISOString(), JSON.stringify(document), signed ? JSON.stringify(signed.envelope) : null, signed?.root ?? null);
  return read;
}

export function storeRevocationList(db: Database, list: RevocationList, source: string, now: Date, signed: Signed | null = null): void {
  bumpGeneration(db);
  db.prepare(
    `INSERT INTO revocation_lists (version, source, stored_at, document, envelope, signed_by) VALUES (?,?,?,?,?,?)
     ON CONFLICT(version) DO UPDATE SET source = excluded.source, stored_at = excluded.stored_at, document = excluded.document,
       envelope = excluded.envelope, signed_by = excluded.signed_by`,
  ).run(list.version, source, now.toISOString(), JSON.stringify(list), signed ? JSON.stringify(signed.envelope) : null, signed?.root ?? null);
}

/** The envelope a list came in and the root whose signature it carries. */
interface Signed {
  envelope: unknown;
  root: string;
}

/**
 * A signed trust list from upstream or an admin's import (permit-qr.md §3a): taken only when its
 * signature verifies against a pinned root and its version is not below the list in force. Throws a
 * SignedListError (refused: the envelope, the signature or the version) or a TrustListError (signed,
 * but not a list that can be used), storing nothing; the list in force stays.
 */
export function acceptSignedTrustList(db: Database, envelope: unknown, roots: readonly TrustRoot[], source: string, now: Date): ReturnType<typeof readTrustList> {
  const { payload, root } = openSignedList(envelope, roots);
  const read = readTrustList(payload);
  const held = inForce(db).trust?.list.version;
  if (held !== undefined && read.list.version < held) {
    throw new SignedListError('older-version', `the list is version ${read.list.version}, older than version ${held} in force`);
  }
  return storeTrustList(db, payload, source, now, { envelope, root: root.kid });
}

/**
 * A signed revocation list: the whole list `{version, revoked}` (an import, or a server that sends it
 * whole) or the numbers added since the version held `{version, added}` (GET /v1/revocations). A
 * version below the one in force is refused; the same version again changes nothing for an addition
 * and replaces the list for a whole one. Returns how many numbers it added.
 */
export function acceptSignedRevocations(db: Database, envelope: unknown, roots: readonly TrustRoot[], source: string, now: Date): { version: number; added: number } {
  const { payload, root } = openSignedList(envelope, roots);
  const held = currentRevocations(db) ?? { version: 0, revoked: [] };
  const whole = revocationListSchema.safeParse(payload);
  const delta = whole.success ? null : revocationsAddedSchema.safeParse(payload);
  const version = whole.success ? whole.data.version : delta?.success ? delta.data.version : null;
  if (version === null) throw new TrustListError('the signed revocations are neither {version, revoked} nor {version, added}');
  if (version < held.version) throw new SignedListError('older-version', `the revocation list is version ${version}, older than version ${held.version} in force`);
  const signed = { envelope, root: root.kid };
  const known = new Set(held.revoked);
  if (whole.success) {
    storeRevocationList(db, whole.data, source, now, signed);
    return { version, added: new Set(whole.data.revoked.filter((n) => !known.has(n))).size };
  }
  if (version === held.version || !delta?.success) return { version, added: 0 };
  const fresh = [...new Set(delta.data.added.filter((n) => !known.has(n)))];
  storeRevocationList(db, { version, revoked: [...held.revoked, ...fresh] }, source, now, signed);
  return { version, added: fresh.length };
}

interface InForce {
  trust: ReturnType<typeof readTrustList> | null;
  revocations: RevocationList | null;
  source: string;
  signedBy: string | null;
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
  const t = db.prepare('SELECT document, source, signed_by FROM trust_lists ORDER BY version DESC LIMIT 1').get() as
    | { document: string; source: string; signed_by: string | null }
    | undefined;
  const r = db.prepare('SELECT document FROM revocation_lists ORDER BY version DESC LIMIT 1').get() as { document: string } | undefined;
  const trust = t ? readTrustList(JSON.parse(t.document)) : null;
  const revocations = r ? revocationListSchema.parse(JSON.parse(r.document)) : null;
  const value = { trust, revocations, source: t?.source ?? '', signedBy: t?.signed_by ?? null, prepared: trust ? prepareTrust(trust.list, revocations) : null };
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
export function trustStatus(db: Database, now: Date, staleDays: number, roots: readonly TrustRoot[]): TrustStatus | null {
  const { trust, revocations, source, signedBy } = inForce(db);
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
    signedBy,
    roots: roots.map((r) => ({ kid: r.kid, alg: r.alg, name: r.name, demo: r.demo })),
  };
}
