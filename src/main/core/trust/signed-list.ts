import { createHash, createPublicKey, sign as cryptoSign, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { z } from 'zod';

/**
 * Signed trust and revocation lists (permit-qr.md §3a): the list's exact JSON bytes, signed by one of
 * the authority's trust roots, which are pinned in the installation and never come from the network.
 */

/** The algorithms an envelope may be signed with (§3a names these two). */
export const ENVELOPE_ALGORITHMS = ['ES256', 'EdDSA'] as const;
export type EnvelopeAlgorithm = (typeof ENVELOPE_ALGORITHMS)[number];

export interface SignedListEnvelope {
  payload: string;
  alg: EnvelopeAlgorithm;
  kid: string;
  signature: string;
}

export interface TrustRoot {
  kid: string;
  alg: EnvelopeAlgorithm;
  key: KeyObject;
  /** What the installation's file calls it, for the screens; the demo root says it is one. */
  name: string | null;
  demo: boolean;
}

/** Why a list was refused, one word each, which the screens put in the user's language. */
export type SignedListRefusal = 'unsigned' | 'malformed-envelope' | 'unsupported-algorithm' | 'unknown-root' | 'bad-signature' | 'bad-payload' | 'older-version' | 'no-roots';

export class SignedListError extends Error {
  constructor(
    readonly reason: SignedListRefusal,
    message: string,
  ) {
    super(message);
  }
}

/** An envelope's kid: the first 8 bytes of SHA-256 of the root's SubjectPublicKeyInfo, base64. */
export function rootKid(key: KeyObject): string {
  return createHash('sha256').update(key.export({ type: 'spki', format: 'der' })).digest().subarray(0, 8).toString('base64');
}

const KEY_TYPE: Record<EnvelopeAlgorithm, string> = { ES256: 'ec', EdDSA: 'ed25519' };

const rootEntrySchema = z.looseObject({
  kid: z.base64().min(1),
  alg: z.string(),
  publicKey: z.base64().min(1),
  name: z.string().max(200).optional(),
  demo: z.boolean().optional(),
});

/**
 * The installation's pinned roots, a JSON array of {kid, alg, publicKey}. An entry this build cannot
 * use (another algorithm, a key that does not parse or is of the wrong type, a kid that is not its
 * key's) is left out and named, as a trust list's signers are; a file with no usable root throws.
 */
export function readTrustRoots(json: unknown): { roots: TrustRoot[]; leftOut: { index: number; detail: string }[] } {
  if (!Array.isArray(json)) throw new SignedListError('no-roots', 'the trust roots are not a JSON array of {kid, alg, publicKey}');
  const roots: TrustRoot[] = [];
  const leftOut: { index: number; detail: string }[] = [];
  json.forEach((entry, index) => {
    const parsed = rootEntrySchema.safeParse(entry);
    if (!parsed.success) return void leftOut.push({ index, detail: `${parsed.error.issues[0].path.join('.') || 'the entry'}: ${parsed.error.issues[0].message}` });
    const e = parsed.data;
    if (!(ENVELOPE_ALGORITHMS as readonly string[]).includes(e.alg)) return void leftOut.push({ index, detail: `the algorithm ${e.alg.slice(0, 40)} is not one this build verifies` });
    const alg = e.alg as EnvelopeAlgorithm;
    let key: KeyObject;
    try {
      key = createPublicKey({ key: Buffer.from(e.publicKey, 'base64'), format: 'der', type: 'spki' });
    } catch {
      return void leftOut.push({ index, detail: 'the public key does not parse as SubjectPublicKeyInfo' });
    }
    if (key.asymmetricKeyType !== KEY_TYPE[alg]) return void leftOut.push({ index, detail: `a ${key.asymmetricKeyType} key cannot verify ${alg}` });
    if (alg === 'ES256' && key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') return void leftOut.push({ index, detail: 'an ES256 root must be a P-256 key' });
    if (Buffer.from(e.kid, 'base64').toString('base64') !== rootKid(key)) return void leftOut.push({ index, detail: 'its kid is not the first 8 bytes of SHA-256 of its key' });
    roots.push({ kid: rootKid(key), alg, key, name: e.name ?? null, demo: e.demo === true });
  });
  if (roots.length === 0) {
    throw new SignedListError('no-roots', json.length === 0 ? 'no trust root is pinned' : `none of the ${json.length} trust roots can be used (${leftOut[0].detail})`);
  }
  return { roots, leftOut };
}

const envelopeSchema = z.looseObject({
  payload: z.base64(),
  alg: z.string(),
  kid: z.base64().min(1),
  signature: z.base64().min(1),
});

/** Whether a document is meant as an envelope (it has the envelope's fields), or is a bare list. */
export function isEnvelope(json: unknown): boolean {
  return typeof json === 'object' && json !== null && !Array.isArray(json) && ('payload' in json || 'signature' in json);
}

const SIGNATURE_BYTES: Record<EnvelopeAlgorithm, number> = { ES256: 64, EdDSA: 64 };

function verifies(root: TrustRoot, payload: Buffer, signature: Buffer): boolean {
  try {
    return root.alg === 'ES256'
      ? cryptoVerify('sha256', payload, { key: root.key, dsaEncoding: 'ieee-p1363' }, signature)
      : cryptoVerify(null, payload, root.key, signature);
  } catch {
    return false;
  }
}

/**
 * Opens an envelope: its signature must verify against a pinned root of its kid and alg (several
 * roots may share a kid: each is tried), over the payload's exact bytes, which must be JSON. Returns
 * the payload as parsed and the root that signed it; throws a SignedListError with the reason.
 */
export function openSignedList(json: unknown, roots: readonly TrustRoot[]): { payload: unknown; root: TrustRoot } {
  if (roots.length === 0) throw new SignedListError('no-roots', 'no trust root is pinned in this installation, so no list can be checked');
  if (!isEnvelope(json)) throw new SignedListError('unsigned', 'the list is not signed: it must come in a signed envelope {payload, alg, kid, signature}');
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) throw new SignedListError('malformed-envelope', `the envelope is not valid: ${parsed.error.issues[0].path.join('.') || 'the envelope'}: ${parsed.error.issues[0].message}`);
  const e = parsed.data;
  if (!(ENVELOPE_ALGORITHMS as readonly string[]).includes(e.alg)) throw new SignedListError('unsupported-algorithm', `the envelope is signed with ${e.alg.slice(0, 40)}, which this build does not verify`);
  const alg = e.alg as EnvelopeAlgorithm;
  const kid = Buffer.from(e.kid, 'base64').toString('base64');
  const candidates = roots.filter((r) => r.kid === kid && r.alg === alg);
  if (candidates.length === 0) throw new SignedListError('unknown-root', `the list is signed by ${kid} (${alg}), which is not a trust root pinned in this installation`);
  const payload = Buffer.from(e.payload, 'base64');
  const signature = Buffer.from(e.signature, 'base64');
  const root = signature.length === SIGNATURE_BYTES[alg] ? candidates.find((r) => verifies(r, payload, signature)) : undefined;
  if (!root) throw new SignedListError('bad-signature', `the list's signature does not verify against the trust root ${kid}: the list was changed, or signed with another key`);
  try {
    return { payload: JSON.parse(payload.toString('utf8')), root };
  } catch {
    throw new SignedListError('bad-payload', 'the signed payload is not JSON');
  }
}

/** Signs a list's exact JSON bytes (the reference server and the tests' other roots use it). */
export function signList(payload: string, privateKey: KeyObject): SignedListEnvelope {
  const pub = createPublicKey(privateKey);
  const alg: EnvelopeAlgorithm = pub.asymmetricKeyType === 'ed25519' ? 'EdDSA' : 'ES256';
  if (pub.asymmetricKeyType !== KEY_TYPE[alg]) throw new Error(`a ${pub.asymmetricKeyType} key cannot sign a list (ES256 or EdDSA)`);
  const bytes = Buffer.from(payload, 'utf8');
  const signature = alg === 'ES256' ? cryptoSign('sha256', bytes, { key: privateKey, dsaEncoding: 'ieee-p1363' }) : cryptoSign(null, bytes, privateKey);
  return { payload: bytes.toString('base64'), alg, kid: rootKid(pub), signature: signature.toString('base64') };
}
