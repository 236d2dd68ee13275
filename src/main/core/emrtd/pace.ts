import { createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { cmac } from '@noble/ciphers/aes.js';
import { brainpoolP256r1, brainpoolP384r1, brainpoolP512r1 } from '@noble/curves/misc.js';
import { p256, p384, p521 } from '@noble/curves/nist.js';
import * as asn1js from 'asn1js';
import { deriveKey, pad, retailMac, tdes } from './crypto';
import { mrzInformation, type BacKey, type SessionKeys } from './bac';
import { berLength } from './secure-messaging';
import { tlvHeader } from './tlv';

/**
 * PACE (ICAO 9303 Part 11 §4.4) with the Generic Mapping over elliptic curves: the chip's nonce
 * encrypted under a key from the MRZ, mapped to a fresh generator by an anonymous ECDH, a second
 * ECDH on that generator giving the session keys, and both sides' authentication tokens checked.
 * Supported: id-PACE-ECDH-GM with 3DES or AES-128/192/256 secure messaging, on the standardised
 * domain parameters NIST P-256, P-384, P-521 and Brainpool P256r1, P384r1, P512r1 (IDs 12, 13, 15,
 * 16, 17, 18). Not supported: DH (MODP) groups, the Integrated Mapping, the Chip Authentication
 * Mapping, and the smaller curves (192/224/320 bits); a chip offering only those is read with BAC.
 */

export type PaceCipher = '3DES' | 'AES';

export interface PaceProtocol {
  oid: string;
  cipher: PaceCipher;
  /** The session keys' length in bytes. */
  keyLength: 16 | 24 | 32;
}

const PREFIX = '0.4.0.127.0.7.2.2.4.2.';
const PROTOCOLS: Record<string, PaceProtocol> = {
  [`${PREFIX}1`]: { oid: `${PREFIX}1`, cipher: '3DES', keyLength: 16 },
  [`${PREFIX}2`]: { oid: `${PREFIX}2`, cipher: 'AES', keyLength: 16 },
  [`${PREFIX}3`]: { oid: `${PREFIX}3`, cipher: 'AES', keyLength: 24 },
  [`${PREFIX}4`]: { oid: `${PREFIX}4`, cipher: 'AES', keyLength: 32 },
};

type Curve = typeof p256 | typeof brainpoolP256r1;
/** The standardised domain parameters (Part 11 §9.5.1) this reader supports, by their ID. */
const CURVES: Record<number, Curve> = { 12: p256, 13: brainpoolP256r1, 15: p384, 16: brainpoolP384r1, 17: brainpoolP512r1, 18: p521 };

export interface PaceInfo {
  oid: string;
  version: number;
  parameterId: number | null;
}

/** The PACEInfos of EF.CardAccess (a SET OF SecurityInfo), with asn1js; others are left out. */
export function paceInfos(cardAccess: Uint8Array): PaceInfo[] {
  const parsed = asn1js.fromBER(Buffer.from(cardAccess));
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Set)) return [];
  const out: PaceInfo[] = [];
  for (const info of parsed.result.valueBlock.value) {
    if (!(info instanceof asn1js.Sequence)) continue;
    const [oid, version, parameterId] = info.valueBlock.value;
    if (!(oid instanceof asn1js.ObjectIdentifier) || !(version instanceof asn1js.Integer)) continue;
    const id = oid.valueBlock.toString();
    if (!id.startsWith('0.4.0.127.0.7.2.2.4.')) continue;
    out.push({ oid: id, version: version.valueBlock.valueDec, parameterId: parameterId instanceof asn1js.Integer ? parameterId.valueBlock.valueDec : null });
  }
  return out;
}

/** The PACE this reader can run from what the chip offers, strongest cipher first; null when none. */
export function choosePace(infos: PaceInfo[]): { protocol: PaceProtocol; parameterId: number } | null {
  const usable = infos
    .filter((i) => i.version === 2 && PROTOCOLS[i.oid] && i.parameterId !== null && CURVES[i.parameterId])
    .sort((a, b) => PROTOCOLS[b.oid].keyLength - PROTOCOLS[a.oid].keyLength);
  return usable[0] ? { protocol: PROTOCOLS[usable[0].oid], parameterId: usable[0].parameterId! } : null;
}

/** KDF (Part 11 §9.7.1): SHA-1 for 3DES and AES-128, SHA-256 for AES-192 and -256, of the seed and a 32-bit counter. */
export function paceKdf(seed: Uint8Array, counter: number, p: PaceProtocol): Buffer {
  if (p.cipher === '3DES') return deriveKey(seed, counter as 1 | 2 | 3);
  const c = Buffer.alloc(4);
  c.writeUInt32BE(counter);
  return createHash(p.keyLength === 16 ? 'sha1' : 'sha256').update(seed).update(c).digest().subarray(0, p.keyLength);
}

/** K_π for the MRZ as password: the KDF (counter 3) of SHA-1 of the MRZ information. */
export function passwordKey(key: BacKey, p: PaceProtocol): Buffer {
  return paceKdf(createHash('sha1').update(mrzInformation(key)).digest(), 3, p);
}

const aes = (k: Uint8Array) => `aes-${k.length * 8}-cbc`;

/** Decrypts the chip's nonce z with K_π (CBC, zero IV). */
export function decryptNonce(kPi: Uint8Array, z: Uint8Array, p: PaceProtocol): Buffer {
  if (p.cipher === '3DES') return tdes(kPi, z, 'decrypt');
  const d = createDecipheriv(aes(kPi), kPi, Buffer.alloc(16));
  d.setAutoPadding(false);
  return Buffer.concat([d.update(z), d.final()]);
}

/** The authentication token: the MAC of the public key data object 7F49 {06 OID, 86 point}. */
export function authToken(ksMac: Uint8Array, oid: string, point: Uint8Array, p: PaceProtocol): Buffer {
  const oidDer = Buffer.from(new asn1js.ObjectIdentifier({ value: oid }).toBER(false)).subarray(2);
  const inner = Buffer.concat([Buffer.from([0x06]), berLength(oidDer.length), oidDer, Buffer.from([0x86]), berLength(point.length), Buffer.from(point)]);
  const data = Buffer.concat([Buffer.from([0x7f, 0x49]), berLength(inner.length), inner]);
  return p.cipher === '3DES' ? retailMac(ksMac, pad(data)) : Buffer.from(cmac(data, ksMac)).subarray(0, 8);
}

/**
 * PACE did not complete: at the parameters or the mapping (the chip does not run this PACE: BAC may
 * still open it), or at the mutual authentication (the MRZ given does not open this chip).
 */
export class PaceError extends Error {
  constructor(
    readonly stage: 'parameters' | 'mapping' | 'authentication',
    message: string,
  ) {
    super(message);
    this.name = 'PaceError';
  }
}

export interface PaceChannel {
  transmit(command: Uint8Array): Promise<Uint8Array>;
}

/** The session PACE agrees: keys for secure messaging, its cipher, and the counter starting at zero. */
export type PaceSession = SessionKeys & { cipher: PaceCipher };

const status = (r: Uint8Array) => (r.length >= 2 ? (r[r.length - 2] << 8) | r[r.length - 1] : -1);

/** The value of `tag` inside the dynamic authentication data (7C) of a GENERAL AUTHENTICATE answer. */
function dynamicData(r: Uint8Array, tag: number, stage: PaceError['stage']): Buffer {
  const outer = tlvHeader(r, 0);
  if (!outer || outer.tag[0] !== 0x7c || outer.valueAt + outer.length > r.length - 2) throw new PaceError(stage, 'a GENERAL AUTHENTICATE answer without its 7C object');
  const inner = tlvHeader(r, outer.valueAt);
  if (!inner || inner.tag[0] !== tag || inner.valueAt + inner.length > outer.valueAt + outer.length) throw new PaceError(stage, `a GENERAL AUTHENTICATE answer without its ${tag.toString(16)} object`);
  return Buffer.from(r.subarray(inner.valueAt, inner.valueAt + inner.length));
}

/** A scalar in [1, n-1] from the system's random source. */
function randomScalar(n: bigint): bigint {
  const bytes = randomBytes(Math.ceil(n.toString(16).length / 2) + 8);
  return (BigInt(`0x${bytes.toString('hex')}`) % (n - 1n)) + 1n;
}

/**
 * Runs PACE-GM-ECDH with the MRZ as the password. `scalars` gives the terminal's two ephemeral private
 * keys (the mapping's, then the key agreement's): the tests pass Appendix G's; by default they are random.
 */
export async function runPace(
  channel: PaceChannel,
  key: BacKey,
  choice: { protocol: PaceProtocol; parameterId: number },
  scalars: () => bigint = () => randomScalar(CURVES[choice.parameterId].Point.Fn.ORDER),
): Promise<PaceSession> {
  const { protocol: p } = choice;
  const curve = CURVES[choice.parameterId];
  const { Point } = curve;
  const n = Point.Fn.ORDER;
  const oidDer = Buffer.from(new asn1js.ObjectIdentifier({ value: p.oid }).toBER(false)).subarray(2);
  const set = Buffer.concat([Buffer.from([0x80, oidDer.length]), oidDer, Buffer.from([0x83, 0x01, 0x01])]);
  const mse = await channel.transmit(Buffer.concat([Buffer.from([0x00, 0x22, 0xc1, 0xa4, set.length]), set]));
  if (status(mse) !== 0x9000) throw new PaceError('parameters', `the chip refused PACE's parameters (status ${status(mse).toString(16)})`);

  const step = async (tag: number | null, value: Buffer, last: boolean, answerTag: number) => {
    const stage = last ? 'authentication' : 'mapping';
    const inner = tag === null ? Buffer.alloc(0) : Buffer.concat([Buffer.from([tag]), berLength(value.length), value]);
    const data = Buffer.concat([Buffer.from([0x7c]), berLength(inner.length), inner]);
    const r = await channel.transmit(Buffer.concat([Buffer.from([last ? 0x00 : 0x10, 0x86, 0x00, 0x00, data.length]), data, Buffer.from([0x00])]));
    if (status(r) !== 0x9000) throw new PaceError(stage, `the chip refused a PACE step (status ${status(r).toString(16)})`);
    return dynamicData(r, answerTag, stage);
  };
  const point = (bytes: Buffer) => {
    try {
      const P = Point.fromBytes(bytes);
      P.assertValidity();
      return P;
    } catch {
      throw new PaceError('mapping', 'the chip sent a public key that is not a point of the curve');
    }
  };

  // 1. The encrypted nonce, decrypted with the key from the MRZ.
  const z = await step(null, Buffer.alloc(0), false, 0x80);
  const s = BigInt(`0x${decryptNonce(passwordKey(key, p), z, p).toString('hex')}`) % n;
  // 2. The generic mapping: an anonymous ECDH gives H, and the new generator is s·G + H.
  const mapKey = scalars();
  const chipMap = point(await step(0x81, Buffer.from(Point.BASE.multiply(mapKey).toBytes(false)), false, 0x82));
  const h = chipMap.multiply(mapKey);
  const g = Point.BASE.multiply(s).add(h);
  // 3. The key agreement on the new generator.
  const agreeKey = scalars();
  const mine = Buffer.from(g.multiply(agreeKey).toBytes(false));
  const chipBytes = await step(0x83, mine, false, 0x84);
  const chip = point(chipBytes);
  if (chipBytes.equals(mine)) throw new PaceError('mapping', "the chip's public key is the reader's own");
  const shared = Buffer.from(chip.multiply(agreeKey).toBytes(false)).subarray(1, 1 + (mine.length - 1) / 2);
  const ksEnc = paceKdf(shared, 1, p);
  const ksMac = paceKdf(shared, 2, p);
  // 4. The tokens: each side's MAC over the other's public key.
  const tic = await step(0x85, authToken(ksMac, p.oid, chipBytes, p), true, 0x86);
  if (!tic.equals(authToken(ksMac, p.oid, mine, p))) throw new PaceError('authentication', "the chip's authentication token does not verify");
  return { ksEnc, ksMac, ssc: Buffer.alloc(p.cipher === 'AES' ? 16 : 8), cipher: p.cipher };
}
