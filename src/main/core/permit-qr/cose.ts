import { constants, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { decode, encode, Tag } from 'cbor2';
import type { AlgorithmName } from '../trust/algorithms';

export interface CoseSign1 {
  /** The protected header exactly as received: the signature covers these bytes. */
  protectedBytes: Uint8Array;
  alg: number | null;
  kid: Uint8Array | null;
  payload: Uint8Array;
  signature: Uint8Array;
}

export class CoseError extends Error {
  constructor(
    readonly stage: 'cbor' | 'cose',
    message: string,
  ) {
    super(message);
  }
}

const DECODE_OPTIONS = { preferMap: true, rejectDuplicateKeys: true, maxDepth: 16 } as const;

/** CBOR decoding with the bounds a hostile input needs; any failure is a `cbor` stage error. */
export function decodeCbor(bytes: Uint8Array): unknown {
  // A Node Buffer in gives Buffer byte strings out, which cbor2 would re-encode as objects when the
  // Sig_structure is built: decode from a plain Uint8Array view instead.
  const plain = Buffer.isBuffer(bytes) ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : bytes;
  try {
    return decode(plain, DECODE_OPTIONS);
  } catch (err) {
    throw new CoseError('cbor', `not valid CBOR: ${(err as Error).message}`);
  }
}

function header(map: Map<unknown, unknown>, label: number): unknown {
  return map.get(label);
}

/**
 * Reads a COSE_Sign1 (RFC 9052 §4.2): tag 18, possibly inside the CWT tag 61, or untagged. `alg` and
 * `kid` come from the protected header, or the unprotected one where the protected lacks them (as
 * HC1 verifiers accept).
 */
export function parseCoseSign1(bytes: Uint8Array): CoseSign1 {
  let item = decodeCbor(bytes);
  if (item instanceof Tag && item.tag === 61) item = item.contents;
  if (item instanceof Tag) {
    if (item.tag !== 18) throw new CoseError('cose', `tag ${item.tag} is not COSE_Sign1`);
    item = item.contents;
  }
  if (!Array.isArray(item) || item.length !== 4) throw new CoseError('cose', 'a COSE_Sign1 is an array of four');
  const [protectedBytes, unprotected, payload, signature] = item as unknown[];
  if (!(protectedBytes instanceof Uint8Array)) throw new CoseError('cose', 'the protected header is not a byte string');
  if (!(unprotected instanceof Map)) throw new CoseError('cose', 'the unprotected header is not a map');
  if (!(payload instanceof Uint8Array)) throw new CoseError('cose', 'the payload is not a byte string');
  if (!(signature instanceof Uint8Array)) throw new CoseError('cose', 'the signature is not a byte string');
  const prot = protectedBytes.length === 0 ? new Map() : decodeCbor(protectedBytes);
  if (!(prot instanceof Map)) throw new CoseError('cose', 'the protected header is not a map');
  const alg = header(prot, 1) ?? header(unprotected, 1) ?? null;
  const kid = header(prot, 4) ?? header(unprotected, 4) ?? null;
  if (alg !== null && typeof alg !== 'number') throw new CoseError('cose', 'alg is not an integer');
  if (kid !== null && !(kid instanceof Uint8Array)) throw new CoseError('cose', 'kid is not a byte string');
  return { protectedBytes, alg, kid, payload, signature };
}

const EC_COORDINATE_BYTES: Record<string, number> = { prime256v1: 32, secp384r1: 48, secp521r1: 66 };

/** Checks the signature over Sig_structure ["Signature1", protected, h'', payload] with one key. */
export function verifyCoseSignature(cose: CoseSign1, alg: AlgorithmName, key: KeyObject): boolean {
  const toBeSigned = encode(['Signature1', cose.protectedBytes, new Uint8Array(0), cose.payload]);
  try {
    switch (alg) {
      case 'ES256': {
        // ECDSA with SHA-256. The key is normally P-256, but deployed HC1 signers also sign "ES256"
        // with P-384 keys (the ES vectors 401-403) and verifiers accept it: the key is a trusted one
        // either way, so its curve only sets the signature's length (r||s).
        const size = EC_COORDINATE_BYTES[key.asymmetricKeyDetails?.namedCurve ?? ''];
        if (key.asymmetricKeyType !== 'ec' || !size || cose.signature.length !== 2 * size) return false;
        return cryptoVerify('sha256', toBeSigned, { key, dsaEncoding: 'ieee-p1363' }, cose.signature);
      }
      case 'PS256':
        if (key.asymmetricKeyType !== 'rsa' && key.asymmetricKeyType !== 'rsa-pss') return false;
        return cryptoVerify('sha256', toBeSigned, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, cose.signature);
      case 'EdDSA':
        if (key.asymmetricKeyType !== 'ed25519') return false;
        return cryptoVerify(null, toBeSigned, key, cose.signature);
    }
  } catch {
    return false;
  }
}
