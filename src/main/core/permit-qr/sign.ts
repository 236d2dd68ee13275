import { createHash, createPublicKey, sign as cryptoSign, constants, type KeyObject } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { encode, Tag } from 'cbor2';
import type { PermitFields } from '../../../shared/permit-qr';
import { base45Encode } from './base45';
import { CLAIM } from './claims';
import type { AlgorithmName } from '../trust/algorithms';

const ALG_ID: Record<AlgorithmName, number> = { ES256: -7, PS256: -37, EdDSA: -8 };

/** kid = the first 8 bytes of SHA-256 over the signer's SubjectPublicKeyInfo (DER). */
export function kidOf(key: KeyObject): Buffer {
  const spki = (key.type === 'public' ? key : createPublicKey(key)).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest().subarray(0, 8);
}

export function algorithmFor(key: KeyObject): AlgorithmName {
  if (key.asymmetricKeyType === 'ec') return 'ES256';
  if (key.asymmetricKeyType === 'ed25519') return 'EdDSA';
  if (key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'rsa-pss') return 'PS256';
  throw new TypeError(`"key" must be a P-256, Ed25519 or RSA private key, not ${key.asymmetricKeyType}`);
}

export interface PermitToSign {
  iss: string;
  iat: number;
  exp: number;
  wp: PermitFields | Record<string, unknown>;
}

/** Bytes of a COSE_Sign1 over any claims map, for `make-qr` and for tests that need odd variants. */
export function signCose(
  claims: Map<number, unknown>,
  key: KeyObject,
  opts: { kid?: Uint8Array; kidUnprotected?: boolean; alg?: number; tag?: boolean } = {},
): Uint8Array {
  const alg = algorithmFor(key);
  // cbor2 encodes a Node Buffer as an object, not a byte string: hand it plain Uint8Arrays.
  const kid = new Uint8Array(opts.kid ?? kidOf(key));
  const prot = new Map<number, unknown>([[1, opts.alg ?? ALG_ID[alg]]]);
  const unprot = new Map<number, unknown>();
  (opts.kidUnprotected ? unprot : prot).set(4, kid);
  const protectedBytes = encode(prot);
  const payload = encode(claims);
  const toBeSigned = encode(['Signature1', protectedBytes, new Uint8Array(0), payload]);
  const signature =
    alg === 'ES256'
      ? cryptoSign('sha256', toBeSigned, { key, dsaEncoding: 'ieee-p1363' })
      : alg === 'PS256'
        ? cryptoSign('sha256', toBeSigned, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 })
        : cryptoSign(null, toBeSigned, key);
  const body = [protectedBytes, unprot, payload, new Uint8Array(signature)];
  return encode(opts.tag === false ? body : new Tag(18, body));
}

export function claimsMap(p: PermitToSign): Map<number, unknown> {
  return new Map<number, unknown>([
    [CLAIM.iss, p.iss],
    [CLAIM.iat, p.iat],
    [CLAIM.exp, p.exp],
    [CLAIM.wp, p.wp],
  ]);
}

/** The QR text: "WPN1:" + base45(zlib(COSE_Sign1)). */
export function qrTextFromCose(cose: Uint8Array, prefix = 'WPN1:'): string {
  return prefix + base45Encode(deflateSync(cose, { level: 9 }));
}

export function signPermitQr(p: PermitToSign, key: KeyObject): string {
  return qrTextFromCose(signCose(claimsMap(p), key));
}
