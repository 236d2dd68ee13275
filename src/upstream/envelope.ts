import { createHash, createPublicKey, sign, type KeyObject } from 'node:crypto';

/**
 * The signed envelope of `permit-qr.md` §3a, as the authority's side makes it: the list's exact JSON
 * bytes in base64, the root's `kid` (the first 8 bytes of SHA-256 of its SPKI, in base64) and the
 * signature over those bytes (ES256 as r||s, or EdDSA). Written here from the spec, apart from the
 * app's checker, so that the two meet only in the format.
 */
export interface Envelope {
  payload: string;
  alg: 'ES256' | 'EdDSA';
  kid: string;
  signature: string;
}

export function envelopeOf(list: unknown, rootKey: KeyObject): Envelope {
  const bytes = Buffer.from(JSON.stringify(list), 'utf8');
  const spki = createPublicKey(rootKey).export({ type: 'spki', format: 'der' });
  const kid = createHash('sha256').update(spki).digest().subarray(0, 8).toString('base64');
  if (rootKey.asymmetricKeyType === 'ed25519') return { payload: bytes.toString('base64'), alg: 'EdDSA', kid, signature: sign(null, bytes, rootKey).toString('base64') };
  if (rootKey.asymmetricKeyType === 'ec') return { payload: bytes.toString('base64'), alg: 'ES256', kid, signature: sign('sha256', bytes, { key: rootKey, dsaEncoding: 'ieee-p1363' }).toString('base64') };
  throw new Error(`a ${rootKey.asymmetricKeyType} key cannot sign a list: the envelope takes ES256 or EdDSA`);
}

/** Whether a list handed to the server is already in its envelope (served as it is). */
export const isEnvelopeShaped = (v: unknown): v is Envelope =>
  !!v && typeof v === 'object' && ['payload', 'alg', 'kid', 'signature'].every((k) => typeof (v as Record<string, unknown>)[k] === 'string');
