import { createPublicKey, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import type { AlgorithmName } from './algorithms';
import type { LeftOutSigner } from '../../../shared/permit-qr';
import { DAY_MS, isCalendarDate } from '../dates/calendar';

const day = z.string().refine(isCalendarDate, 'a date YYYY-MM-DD');

/** The signature algorithms this build verifies; a list may name others (permit-qr.md §3). */
export const SUPPORTED_ALGORITHMS = ['ES256', 'PS256', 'EdDSA'] as const;

const signerSchema = z.looseObject({
  kid: z.base64().min(1),
  alg: z.enum(SUPPORTED_ALGORITHMS),
  issuer: z.string().min(1).max(64),
  publicKey: z.base64().min(1),
  validFrom: day,
  validTo: day,
});
export type TrustListSigner = z.infer<typeof signerSchema>;

/** The list as a whole: its signers are read one by one, so that one bad entry does not refuse the rest. */
const documentSchema = z.looseObject({
  version: z.number().int().min(0),
  issuedAt: z.iso.datetime({ offset: true }),
  signers: z.array(z.unknown()).max(10_000),
});

export const revocationListSchema = z.looseObject({
  version: z.number().int().min(0),
  revoked: z.array(z.string().max(64)).max(5_000_000),
});

/** The numbers revoked since a version, as GET /v1/revocations gives them. */
export const revocationsAddedSchema = z.looseObject({
  version: z.number().int().min(0),
  added: z.array(z.string().max(64)).max(5_000_000),
});

/** A trust list of usable signers: what the app writes, and what a received list is read down to. */
export interface TrustList {
  version: number;
  issuedAt: string;
  signers: TrustListSigner[];
}
export type RevocationList = z.infer<typeof revocationListSchema>;

export class TrustListError extends Error {}

/** The key types each algorithm verifies with (cose.ts checks the same at verification). */
const KEY_TYPES: Record<TrustListSigner['alg'], string[]> = { ES256: ['ec'], PS256: ['rsa', 'rsa-pss'], EdDSA: ['ed25519'] };

function signerProblem(entry: unknown): { reason: LeftOutSigner['reason']; detail: string } | null {
  const alg = (entry as { alg?: unknown } | null)?.alg;
  if (typeof alg === 'string' && !(SUPPORTED_ALGORITHMS as readonly string[]).includes(alg)) {
    return { reason: 'unsupported-algorithm', detail: `the algorithm ${alg.slice(0, 40)} is not one this build verifies` };
  }
  const parsed = signerSchema.safeParse(entry);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    return { reason: 'malformed', detail: `${i.path.join('.') || 'the entry'}: ${i.message}` };
  }
  const s = parsed.data;
  if (s.validFrom > s.validTo) return { reason: 'malformed', detail: 'validFrom is after validTo' };
  let key: KeyObject;
  try {
    key = createPublicKey({ key: Buffer.from(s.publicKey, 'base64'), format: 'der', type: 'spki' });
  } catch {
    return { reason: 'malformed', detail: 'the public key does not parse as SubjectPublicKeyInfo' };
  }
  if (!KEY_TYPES[s.alg].includes(key.asymmetricKeyType ?? '')) return { reason: 'malformed', detail: `a ${key.asymmetricKeyType} key cannot verify ${s.alg}` };
  return null;
}

const text = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : null);

/**
 * Reads a received trust list as permit-qr.md §3 says: signers of an algorithm this build does not
 * know, and malformed entries, are left out and listed; the rest is in force. Throws a
 * TrustListError, with the reason, for a list that is not one (no version, no issue time, no signers
 * array) or that has no usable signer at all.
 */
export function readTrustList(json: unknown): { list: TrustList; leftOut: LeftOutSigner[] } {
  const doc = documentSchema.safeParse(json);
  if (!doc.success) {
    const i = doc.error.issues[0];
    throw new TrustListError(`${i.path.join('.') || 'the list'}: ${i.message}`);
  }
  const signers: TrustListSigner[] = [];
  const leftOut: LeftOutSigner[] = [];
  doc.data.signers.forEach((entry, index) => {
    const problem = signerProblem(entry);
    if (!problem) return void signers.push(signerSchema.parse(entry));
    const e = entry as Record<string, unknown> | null;
    leftOut.push({ index, kid: text(e?.kid, 64), alg: text(e?.alg, 40), issuer: text(e?.issuer, 64), ...problem });
  });
  if (signers.length === 0) {
    throw new TrustListError(
      doc.data.signers.length === 0 ? 'the list names no signer' : `none of its ${doc.data.signers.length} signers can be used (${leftOut[0].detail})`,
    );
  }
  return { list: { version: doc.data.version, issuedAt: doc.data.issuedAt, signers }, leftOut };
}

export interface TrustedSigner {
  kid: string;
  alg: AlgorithmName;
  issuer: string;
  key: KeyObject;
  /** Milliseconds since the epoch: from 00:00:00 UTC of validFrom to the end of validTo, UTC. */
  from: number;
  to: number;
}

/**
 * A trust list made ready for verification: signers indexed by kid, public keys parsed once. The list
 * is one readTrustList gave, so every key parses; one that did not would be left out here too.
 */
export interface Trust {
  version: number;
  issuedAt: string;
  byKid: Map<string, TrustedSigner[]>;
  revoked: Set<string>;
  revocationVersion: number | null;
}

/**
 * Whether a trust list is older than the staleness limit: more than `staleDays` whole days since it
 * was issued. One rule for the verdict and for the status line, so they never disagree.
 */
export function trustListAge(issuedAt: string, now: Date, staleDays: number): { ageDays: number; stale: boolean } {
  const ageMs = now.getTime() - Date.parse(issuedAt);
  return { ageDays: Math.floor(ageMs / DAY_MS), stale: ageMs > staleDays * DAY_MS };
}

export function prepareTrust(list: TrustList, revocations: RevocationList | null): Trust {
  const byKid = new Map<string, TrustedSigner[]>();
  for (const s of list.signers) {
    let key: KeyObject;
    try {
      key = createPublicKey({ key: Buffer.from(s.publicKey, 'base64'), format: 'der', type: 'spki' });
    } catch {
      continue;
    }
    const kid = Buffer.from(s.kid, 'base64').toString('base64');
    const signer: TrustedSigner = {
      kid,
      alg: s.alg,
      issuer: s.issuer,
      key,
      from: Date.parse(`${s.validFrom}T00:00:00Z`),
      to: Date.parse(`${s.validTo}T00:00:00Z`) + DAY_MS - 1,
    };
    byKid.set(kid, [...(byKid.get(kid) ?? []), signer]);
  }
  return {
    version: list.version,
    issuedAt: list.issuedAt,
    byKid,
    revoked: new Set(revocations?.revoked ?? []),
    revocationVersion: revocations?.version ?? null,
  };
}
