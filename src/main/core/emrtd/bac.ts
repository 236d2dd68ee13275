import { createHash, randomBytes } from 'node:crypto';
import { checkDigit } from '../mrz/format';
import { deriveKey, pad, retailMac, tdes } from './crypto';

/**
 * Basic Access Control (ICAO 9303 Part 11 §4.3): the document basic access keys from the MRZ, and the
 * mutual authentication that proves both sides know them and agrees the session keys.
 */

export interface BacKey {
  documentNumber: string;
  /** YYMMDD */
  birthDate: string;
  /** YYMMDD */
  expiryDate: string;
}

/** The MRZ information the keys are made from: the document number (fillers to nine) and the two dates, each with its check digit. */
export function mrzInformation(k: BacKey): string {
  const doc = k.documentNumber.toUpperCase().padEnd(9, '<');
  return `${doc}${checkDigit(doc)}${k.birthDate}${checkDigit(k.birthDate)}${k.expiryDate}${checkDigit(k.expiryDate)}`;
}

/** Kenc and Kmac from the MRZ information: K_seed is the first 16 bytes of its SHA-1. */
export function documentKeys(mrzInfo: string): { kEnc: Buffer; kMac: Buffer } {
  const seed = createHash('sha1').update(mrzInfo, 'latin1').digest().subarray(0, 16);
  return { kEnc: deriveKey(seed, 1), kMac: deriveKey(seed, 2) };
}

export interface SessionKeys {
  ksEnc: Buffer;
  ksMac: Buffer;
  /** The send sequence counter: the last four bytes of RND.IC, then of RND.IFD. */
  ssc: Buffer;
}

/** The EXTERNAL AUTHENTICATE data: E_IFD (3DES of RND.IFD ‖ RND.IC ‖ K.IFD) and its MAC. */
export function authenticateData(keys: { kEnc: Buffer; kMac: Buffer }, rndIc: Buffer, rndIfd: Buffer, kIfd: Buffer): Buffer {
  const e = tdes(keys.kEnc, Buffer.concat([rndIfd, rndIc, kIfd]), 'encrypt');
  return Buffer.concat([e, retailMac(keys.kMac, pad(e))]);
}

/** The chip's answer checked (its MAC, and that it names RND.IFD), and the session keys from K.IFD ⊕ K.IC. Null when it does not hold. */
export function sessionFrom(keys: { kEnc: Buffer; kMac: Buffer }, rndIc: Buffer, rndIfd: Buffer, kIfd: Buffer, answer: Buffer): SessionKeys | null {
  if (answer.length !== 40) return null;
  const e = answer.subarray(0, 32);
  if (!retailMac(keys.kMac, pad(e)).equals(answer.subarray(32))) return null;
  const r = tdes(keys.kEnc, e, 'decrypt');
  if (!r.subarray(0, 8).equals(rndIc) || !r.subarray(8, 16).equals(rndIfd)) return null;
  const kIc = r.subarray(16, 32);
  const seed = Buffer.alloc(16);
  for (let i = 0; i < 16; i++) seed[i] = kIfd[i] ^ kIc[i];
  return { ksEnc: deriveKey(seed, 1), ksMac: deriveKey(seed, 2), ssc: Buffer.concat([rndIc.subarray(4), rndIfd.subarray(4)]) };
}

/** The terminal's random values for one authentication. */
export function terminalRandoms(): { rndIfd: Buffer; kIfd: Buffer } {
  return { rndIfd: randomBytes(8), kIfd: randomBytes(16) };
}
