import { createPublicKey, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import type { AlgorithmName } from './cose';
import { DAY_MS } from '../dates/calendar';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const trustListSchema = z.object({
  version: z.number().int().min(0),
  issuedAt: z.iso.datetime({ offset: true }),
  signers: z
    .array(
      z.object({
        kid: z.base64(),
        alg: z.enum(['ES256', 'PS256', 'EdDSA']),
        issuer: z.string().min(1),
        publicKey: z.base64(),
        validFrom: day,
        validTo: day,
      }),
    )
    .max(10_000),
});

export const revocationListSchema = z.object({
  version: z.number().int().min(0),
  revoked: z.array(z.string().max(64)).max(5_000_000),
});

export type TrustList = z.infer<typeof trustListSchema>;
export type RevocationList = z.infer<typeof revocationListSchema>;

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
 * A trust list made ready for verification: signers indexed by kid, public keys parsed once. A signer
 * whose key cannot be parsed is left out (it could never verify anything).
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
