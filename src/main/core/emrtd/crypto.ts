import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';

/**
 * The cryptography of Basic Access Control and its secure messaging (ICAO 9303 Part 11 §9.7, §9.8):
 * two-key 3DES in CBC mode with a zero IV, the ISO/IEC 9797-1 retail MAC (algorithm 3, DES), padding
 * method 2, and the key derivation function over SHA-1. Node's OpenSSL 3 refuses single DES (a legacy
 * cipher), so single DES is 3DES with its two keys equal, which is the same function.
 */

const ZERO_IV = Buffer.alloc(8);

export function tdes(key16: Uint8Array, data: Uint8Array, mode: 'encrypt' | 'decrypt'): Buffer {
  const c = mode === 'encrypt' ? createCipheriv('des-ede-cbc', key16, ZERO_IV) : createDecipheriv('des-ede-cbc', key16, ZERO_IV);
  c.setAutoPadding(false);
  return Buffer.concat([c.update(data), c.final()]);
}

function des(key8: Uint8Array, block: Uint8Array, mode: 'encrypt' | 'decrypt'): Buffer {
  return tdes(Buffer.concat([key8, key8]), block, mode);
}

/** ISO/IEC 9797-1 padding method 2: 0x80, then zeros to a multiple of 8. */
export function pad(data: Uint8Array): Buffer {
  const out = Buffer.alloc((Math.floor(data.length / 8) + 1) * 8);
  Buffer.from(data).copy(out);
  out[data.length] = 0x80;
  return out;
}

/** Takes off padding method 2; null when the data is not padded so. */
export function unpad(data: Uint8Array): Buffer | null {
  let i = data.length - 1;
  while (i >= 0 && data[i] === 0) i--;
  if (i < 0 || data[i] !== 0x80) return null;
  return Buffer.from(data.subarray(0, i));
}

/** The retail MAC of data already padded: single DES CBC with Ka over every block, then Kb⁻¹ and Ka on the last. */
export function retailMac(key16: Uint8Array, padded: Uint8Array): Buffer {
  if (padded.length % 8 !== 0) throw new Error('the MAC input is not padded');
  const ka = key16.subarray(0, 8);
  const kb = key16.subarray(8, 16);
  let h: Buffer = Buffer.alloc(8);
  for (let i = 0; i < padded.length; i += 8) {
    const x = Buffer.alloc(8);
    for (let j = 0; j < 8; j++) x[j] = h[j] ^ padded[i + j];
    h = des(ka, x, 'encrypt');
  }
  return des(ka, des(kb, h, 'decrypt'), 'encrypt');
}

/** Each key byte's lowest bit set so that the byte has odd parity, as DES keys are written. */
export function withParity(key: Uint8Array): Buffer {
  const out = Buffer.from(key);
  for (let i = 0; i < out.length; i++) {
    let ones = 0;
    for (let b = 1; b < 8; b++) ones += (out[i] >> b) & 1;
    out[i] = (out[i] & 0xfe) | (ones % 2 === 0 ? 1 : 0);
  }
  return out;
}

/** The key derivation function for 3DES (Part 11 §9.7.1): SHA-1 of the seed and a 32-bit counter (1 encryption, 2 MAC, 3 PACE's password key), 16 bytes, parity set. */
export function deriveKey(seed: Uint8Array, counter: 1 | 2 | 3): Buffer {
  const c = Buffer.alloc(4);
  c.writeUInt32BE(counter);
  return withParity(createHash('sha1').update(seed).update(c).digest().subarray(0, 16));
}
