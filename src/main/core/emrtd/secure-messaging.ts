import { createCipheriv, createDecipheriv } from 'node:crypto';
import { cmac } from '@noble/ciphers/aes.js';
import { pad, retailMac, tdes, unpad } from './crypto';
import type { SessionKeys } from './bac';
import { tlvHeader } from './tlv';

/**
 * Secure messaging (ICAO 9303 Part 11 §9.8): each command's data encrypted (DO'87'), its Le (DO'97')
 * and a MAC over the masked header and both (DO'8E'), the send sequence counter raised before each
 * command and each answer; each answer's MAC checked before anything of it is used. With 3DES keys
 * (BAC, or PACE with 3DES): CBC with a zero IV and the retail MAC over 8-byte blocks. With AES keys
 * (PACE): CBC whose IV is the counter encrypted, and AES-CMAC cut to 8 bytes, over 16-byte blocks.
 */

export class SecureMessagingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecureMessagingError';
  }
}

export interface Command {
  cla: number;
  ins: number;
  p1: number;
  p2: number;
  data?: Uint8Array;
  /** Expected length; 0 means 256 (short) or 65536 (extended). */
  le?: number;
}

export interface Answer {
  data: Buffer;
  sw: number;
}

/** A BER-TLV length's bytes. */
export function berLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  if (n < 0x100) return Buffer.from([0x81, n]);
  return Buffer.from([0x82, n >> 8, n & 0xff]);
}

/** Padding method 2 to the cipher's block: 0x80, then zeros. */
function padTo(data: Uint8Array, block: number): Buffer {
  return block === 8 ? pad(data) : Buffer.concat([Buffer.from(data), Buffer.from([0x80]), Buffer.alloc(block - 1 - (data.length % block))]);
}

function aesCbc(key: Uint8Array, iv: Uint8Array, data: Uint8Array, mode: 'encrypt' | 'decrypt'): Buffer {
  const name = `aes-${key.length * 8}-cbc`;
  const c = mode === 'encrypt' ? createCipheriv(name, key, iv) : createDecipheriv(name, key, iv);
  c.setAutoPadding(false);
  return Buffer.concat([c.update(data), c.final()]);
}

export class SecureMessaging {
  private ssc: Buffer;
  private readonly aes: boolean;
  private readonly block: number;

  constructor(private readonly keys: SessionKeys & { cipher?: '3DES' | 'AES' }) {
    this.ssc = Buffer.from(keys.ssc);
    this.aes = keys.cipher === 'AES';
    this.block = this.aes ? 16 : 8;
  }

  /** The MAC of the padded message: retail MAC (3DES) or AES-CMAC's first 8 bytes. */
  private mac(message: Buffer): Buffer {
    const padded = padTo(message, this.block);
    return this.aes ? Buffer.from(cmac(padded, this.keys.ksMac)).subarray(0, 8) : retailMac(this.keys.ksMac, padded);
  }

  /** AES's IV is the counter encrypted with the session's encryption key; 3DES's is zero. */
  private iv(): Buffer {
    return aesCbc(this.keys.ksEnc, Buffer.alloc(16), this.ssc, 'encrypt');
  }

  private encrypt(data: Uint8Array): Buffer {
    return this.aes ? aesCbc(this.keys.ksEnc, this.iv(), padTo(data, 16), 'encrypt') : tdes(this.keys.ksEnc, pad(data), 'encrypt');
  }

  private decrypt(data: Uint8Array): Buffer {
    if (data.length % this.block !== 0) throw new SecureMessagingError('encrypted data that is not whole blocks');
    return this.aes ? aesCbc(this.keys.ksEnc, this.iv(), data, 'decrypt') : tdes(this.keys.ksEnc, data, 'decrypt');
  }

  private step(): void {
    for (let i = this.ssc.length - 1; i >= 0; i--) {
      this.ssc[i] = (this.ssc[i] + 1) & 0xff;
      if (this.ssc[i] !== 0) break;
    }
  }

  /** The protected command APDU. Extended lengths when the data or Le need them. */
  wrap(c: Command): Buffer {
    this.step();
    const header = Buffer.from([c.cla | 0x0c, c.ins, c.p1, c.p2]);
    const do87 = c.data?.length ? (() => {
      const body = Buffer.concat([Buffer.from([0x01]), this.encrypt(c.data)]);
      return Buffer.concat([Buffer.from([0x87]), berLength(body.length), body]);
    })() : Buffer.alloc(0);
    const extendedLe = c.le !== undefined && (c.le > 256 || c.le === 65536);
    const do97 = c.le === undefined ? Buffer.alloc(0) : extendedLe ? Buffer.from([0x97, 0x02, (c.le >> 8) & 0xff, c.le & 0xff]) : Buffer.from([0x97, 0x01, c.le & 0xff]);
    const mac = this.mac(Buffer.concat([this.ssc, padTo(header, this.block), do87, do97]));
    const body = Buffer.concat([do87, do97, Buffer.from([0x8e, 0x08]), mac]);
    const extended = body.length > 255 || extendedLe;
    return extended
      ? Buffer.concat([header, Buffer.from([0x00, body.length >> 8, body.length & 0xff]), body, Buffer.from([0x00, 0x00])])
      : Buffer.concat([header, Buffer.from([body.length]), body, Buffer.from([0x00])]);
  }

  /** The answer to the last wrapped command, its MAC checked and its data decrypted. */
  unwrap(response: Uint8Array): Answer {
    this.step();
    const r = Buffer.from(response);
    if (r.length < 2) throw new SecureMessagingError('an answer shorter than its status');
    const outerSw = r.readUInt16BE(r.length - 2);
    const body = r.subarray(0, r.length - 2);
    // A chip that refuses a command in clear (no protected data objects) says so with its status alone.
    if (body.length === 0) return { data: Buffer.alloc(0), sw: outerSw };
    const objects: { tag: number; raw: Buffer; value: Buffer }[] = [];
    for (let i = 0; i < body.length; ) {
      const h = tlvHeader(body, i);
      if (!h || h.valueAt + h.length > body.length) throw new SecureMessagingError('a data object runs past the answer');
      const end = h.valueAt + h.length;
      objects.push({ tag: h.tag[0], raw: body.subarray(i, end), value: body.subarray(h.valueAt, end) });
      i = end;
    }
    const find = (tag: number) => objects.find((o) => o.tag === tag);
    const do8e = find(0x8e);
    if (!do8e) throw new SecureMessagingError('the answer carries no MAC');
    const covered = Buffer.concat(objects.filter((o) => o.tag !== 0x8e).map((o) => o.raw));
    if (!this.mac(Buffer.concat([this.ssc, covered])).equals(do8e.value)) throw new SecureMessagingError('the answer’s MAC does not verify');
    const do99 = find(0x99);
    const sw = do99 && do99.value.length === 2 ? do99.value.readUInt16BE(0) : outerSw;
    const do87 = find(0x87);
    if (!do87) return { data: Buffer.alloc(0), sw };
    if (do87.value[0] !== 0x01) throw new SecureMessagingError('an unknown padding indicator');
    const plain = unpad(this.decrypt(do87.value.subarray(1)));
    if (!plain) throw new SecureMessagingError('the decrypted data is not padded');
    return { data: plain, sw };
  }
}
