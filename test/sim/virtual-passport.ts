/**
 * A virtual eMRTD chip, written from ICAO Doc 9303 Parts 10–11 for the tests, sharing no code with the
 * app: the eMRTD application, BAC on the chip's side (GET CHALLENGE, EXTERNAL AUTHENTICATE) and secure
 * messaging over its files. It answers as a VirtualDevice (vpcd's slots, or a test's channel). Quirks a
 * test can turn on: a largest read it accepts (longer ones 6700), reads answered short, SELECT refused
 * when it carries Le. With `pace`, it also offers PACE (Part 11 §4.4, Generic Mapping over ECDH) in its
 * EF.CardAccess, with 3DES or AES secure messaging (AES-CMAC written here from RFC 4493), and may refuse
 * BAC as German passports do. The elliptic-curve arithmetic is @noble/curves'.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { brainpoolP256r1, brainpoolP384r1 } from '@noble/curves/misc.js';
import { p256 } from '@noble/curves/nist.js';

export interface PassportFiles {
  /** By file identifier: 0x011E EF.COM, 0x0101 DG1, 0x0102 DG2, 0x011D EF.SOD. */
  [fid: number]: Buffer;
}

export interface ChipQuirks {
  maxRead?: number;
  shortReads?: boolean;
  refuseLeOnSelect?: boolean;
  /** PACE offered in EF.CardAccess: id-PACE-ECDH-GM-<cipher> on a standardised curve (12 P-256, 13 brainpoolP256r1, 16 brainpoolP384r1). */
  pace?: { cipher: '3DES' | 'AES-128' | 'AES-256'; parameterId: 12 | 13 | 16; refuseBac?: boolean };
}

const PACE_OIDS = { '3DES': [1], 'AES-128': [2], 'AES-256': [4] } as const;
const CURVES = { 12: p256, 13: brainpoolP256r1, 16: brainpoolP384r1 } as const;

/** AES-CMAC (RFC 4493) over AES-ECB: subkeys by doubling in GF(2^128), the last block padded or not. */
function aesCmac(key: Buffer, message: Buffer): Buffer {
  const ecb = (b: Buffer) => { const c = createCipheriv(`aes-${key.length * 8}-ecb`, key, null); c.setAutoPadding(false); return Buffer.concat([c.update(b), c.final()]); };
  const double = (b: Buffer) => { const out = Buffer.alloc(16); for (let i = 0; i < 16; i++) out[i] = ((b[i] << 1) | (i < 15 ? b[i + 1] >> 7 : 0)) & 0xff; if (b[0] & 0x80) out[15] ^= 0x87; return out; };
  const k1 = double(ecb(Buffer.alloc(16)));
  const k2 = double(k1);
  const n = Math.max(1, Math.ceil(message.length / 16));
  const complete = message.length > 0 && message.length % 16 === 0;
  const last = Buffer.alloc(16);
  message.copy(last, 0, (n - 1) * 16);
  if (!complete) last[message.length - (n - 1) * 16] = 0x80;
  const key2 = complete ? k1 : k2;
  let x: Buffer = Buffer.alloc(16);
  for (let i = 0; i < n; i++) {
    const block = i === n - 1 ? Buffer.from(last.map((b, j) => b ^ key2[j])) : message.subarray(i * 16, i * 16 + 16);
    x = ecb(Buffer.from(x.map((b, j) => b ^ block[j])));
  }
  return x;
}
function aesCbc(key: Buffer, iv: Buffer, data: Buffer, decrypt = false): Buffer {
  const c = decrypt ? createDecipheriv(`aes-${key.length * 8}-cbc`, key, iv) : createCipheriv(`aes-${key.length * 8}-cbc`, key, iv);
  c.setAutoPadding(false);
  return Buffer.concat([c.update(data), c.final()]);
}

const AID = 'A0000002471001';
const OK = Buffer.from([0x90, 0x00]);
const status = (s: number) => Buffer.from([s >> 8, s & 0xff]);

function ede(key: Buffer, data: Buffer, decrypt = false): Buffer {
  const c = decrypt ? createDecipheriv('des-ede-cbc', key, Buffer.alloc(8)) : createCipheriv('des-ede-cbc', key, Buffer.alloc(8));
  c.setAutoPadding(false);
  return Buffer.concat([c.update(data), c.final()]);
}
const padded = (d: Buffer, block = 8) => Buffer.concat([d, Buffer.from([0x80]), Buffer.alloc(block - 1 - (d.length % block))]);
function mac(key: Buffer, message: Buffer): Buffer {
  // ISO/IEC 9797-1 MAC algorithm 3 over method-2 padding.
  const m = padded(message);
  const k1 = Buffer.concat([key.subarray(0, 8), key.subarray(0, 8)]);
  const k2 = Buffer.concat([key.subarray(8, 16), key.subarray(8, 16)]);
  let chain: Buffer = Buffer.alloc(8);
  for (let off = 0; off < m.length; off += 8) chain = ede(k1, Buffer.from(chain.map((b, j) => b ^ m[off + j])));
  return ede(k1, ede(k2, chain, true));
}
function kdf(seed: Buffer, counter: number): Buffer {
  const k = createHash('sha1').update(Buffer.concat([seed, Buffer.from([0, 0, 0, counter])])).digest().subarray(0, 16);
  return Buffer.from(k.map((b) => { let p = 0; for (let i = 1; i < 8; i++) p ^= (b >> i) & 1; return (b & 0xfe) | (p ^ 1); }));
}
const checkDigitOf = (s: string) => String([...s].reduce((sum, ch, i) => sum + (ch === '<' ? 0 : /\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55) * [7, 3, 1][i % 3], 0) % 10);

function tlv(tag: number, value: Buffer): Buffer {
  const len = value.length < 0x80 ? Buffer.from([value.length]) : value.length < 0x100 ? Buffer.from([0x81, value.length]) : Buffer.from([0x82, value.length >> 8, value.length & 0xff]);
  return Buffer.concat([Buffer.from([tag]), len, value]);
}

interface Session {
  aes: boolean;
  enc: Buffer;
  mac: Buffer;
  ssc: bigint;
}

export class VirtualPassport {
  private rndIc: Buffer | null = null;
  private session: Session | null = null;
  /** PACE under way: the step reached and what it holds. */
  private pace: { step: number; s?: bigint; g?: ReturnType<typeof p256.Point.fromBytes>; mine?: Buffer; theirs?: Buffer; keys?: Session } | null = null;
  private readonly mrzSeed: Buffer;
  private selectedApp = false;
  private selected: Buffer | null = null;
  private readonly kEnc: Buffer;
  private readonly kMac: Buffer;

  constructor(
    private readonly files: PassportFiles,
    /** What opens it: the document number and the two dates of its MRZ. */
    mrz: { documentNumber: string; birthDate: string; expiryDate: string },
    private readonly quirks: ChipQuirks = {},
  ) {
    const doc = mrz.documentNumber.padEnd(9, '<');
    const info = doc + checkDigitOf(doc) + mrz.birthDate + checkDigitOf(mrz.birthDate) + mrz.expiryDate + checkDigitOf(mrz.expiryDate);
    this.mrzSeed = createHash('sha1').update(info).digest();
    const seed = this.mrzSeed.subarray(0, 16);
    this.kEnc = kdf(seed, 1);
    this.kMac = kdf(seed, 2);
  }

  reset(): void {
    this.rndIc = null;
    this.session = null;
    this.pace = null;
    this.selectedApp = false;
    this.selected = null;
  }

  respond(apdu: Uint8Array): Uint8Array {
    const c = Buffer.from(apdu);
    // Under secure messaging every command comes protected, SELECT of the application too.
    if ((c[0] & 0x0c) === 0x0c && this.session) return this.secure(c);
    const pace = this.quirks.pace;
    if (pace) {
      // EF.CardAccess in the master file, read in clear by its short identifier 1C.
      if (c[0] === 0x00 && c[1] === 0xb0 && c[2] === 0x9c) return Buffer.concat([this.cardAccess().subarray(c[3], c[3] + (c[4] || 256)), OK]);
      if (c[0] === 0x00 && c[1] === 0x22 && c[2] === 0xc1 && c[3] === 0xa4) {
        this.pace = { step: 1 };
        return OK;
      }
      if (c[1] === 0x86 && this.pace) return this.paceStep(c);
    }
    if (c[1] === 0xa4 && c[2] === 0x04) {
      const aid = c.subarray(5, 5 + c[4]).toString('hex').toUpperCase();
      if (this.quirks.refuseLeOnSelect && c.length > 5 + c[4]) return status(0x6700);
      this.selectedApp = aid === AID;
      this.session = null;
      return this.selectedApp ? OK : status(0x6a82);
    }
    if (!this.selectedApp) return status(0x6985);
    if (c[0] === 0x00 && c[1] === 0x84) {
      if (pace?.refuseBac) return status(0x6d00);
      this.rndIc = randomBytes(8);
      return Buffer.concat([this.rndIc, OK]);
    }
    if (c[0] === 0x00 && c[1] === 0x82) return this.authenticate(c.subarray(5, 5 + c[4]));
    if ((c[0] & 0x0c) === 0x0c && this.session) return this.secure(c);
    // Anything in clear after BAC, or before it: the security status is not satisfied.
    return status(0x6982);
  }

  private authenticate(data: Buffer): Buffer {
    if (!this.rndIc || data.length !== 40) return status(0x6700);
    const e = data.subarray(0, 32);
    if (!mac(this.kMac, e).equals(data.subarray(32))) return status(0x6300);
    const s = ede(this.kEnc, e, true);
    const rndIfd = s.subarray(0, 8);
    if (!s.subarray(8, 16).equals(this.rndIc)) return status(0x6300);
    const kIc = randomBytes(16);
    const r = ede(this.kEnc, Buffer.concat([this.rndIc, rndIfd, kIc]));
    const seed = Buffer.from(kIc.map((b, i) => b ^ s[16 + i]));
    this.session = { aes: false, enc: kdf(seed, 1), mac: kdf(seed, 2), ssc: BigInt('0x' + Buffer.concat([this.rndIc.subarray(4), rndIfd.subarray(4)]).toString('hex')) };
    return Buffer.concat([r, mac(this.kMac, r), OK]);
  }

  private sscBytes(): Buffer {
    const s = this.session!;
    const b = Buffer.alloc(s.aes ? 16 : 8);
    b.writeBigUInt64BE(s.ssc & 0xffffffffffffffffn, b.length - 8);
    return b;
  }

  private cardAccess(): Buffer {
    const { cipher, parameterId } = this.quirks.pace!;
    const oid = Buffer.from([0x04, 0x00, 0x7f, 0x00, 0x07, 0x02, 0x02, 0x04, 0x02, PACE_OIDS[cipher][0]]);
    const info = Buffer.concat([tlv(0x06, oid), tlv(0x02, Buffer.from([2])), tlv(0x02, Buffer.from([parameterId]))]);
    return tlv(0x31, tlv(0x30, info));
  }

  /** The PACE key derivation: SHA-1 (3DES, AES-128) or SHA-256 (AES-256) of the seed and counter. */
  private paceKey(seed: Buffer, counter: number): Buffer {
    const cipher = this.quirks.pace!.cipher;
    if (cipher === '3DES') return kdf(seed, counter);
    const c = Buffer.from([0, 0, 0, counter]);
    return cipher === 'AES-128' ? createHash('sha1').update(seed).update(c).digest().subarray(0, 16) : createHash('sha256').update(seed).update(c).digest();
  }

  private paceMac(key: Buffer, data: Buffer): Buffer {
    return this.quirks.pace!.cipher === '3DES' ? mac(key, data) : aesCmac(key, data).subarray(0, 8);
  }

  /** One GENERAL AUTHENTICATE of PACE, on the chip's side. */
  private paceStep(c: Buffer): Buffer {
    const { cipher, parameterId } = this.quirks.pace!;
    const curve = CURVES[parameterId];
    const P = curve.Point;
    const n = P.Fn.ORDER;
    const aes = cipher !== '3DES';
    const st = this.pace!;
    // The data: 7C L (tag L value); the value given, if any.
    const dyn = c.subarray(5, 5 + c[4]);
    const given = dyn.length > 2 ? dyn.subarray(dyn[3] === 0x81 ? 5 : 4, dyn.length) : Buffer.alloc(0);
    const answer = (tag: number, value: Buffer) => Buffer.concat([tlv(0x7c, tlv(tag, value)), OK]);
    const scalar = () => (BigInt('0x' + randomBytes(72).toString('hex')) % (n - 1n)) + 1n;
    const oid = Buffer.from([0x04, 0x00, 0x7f, 0x00, 0x07, 0x02, 0x02, 0x04, 0x02, PACE_OIDS[cipher][0]]);
    const keyObject = (point: Buffer) => Buffer.concat([Buffer.from([0x7f, 0x49]), (() => { const inner = Buffer.concat([tlv(0x06, oid), tlv(0x86, point)]); return inner.length < 0x80 ? Buffer.from([inner.length]) : Buffer.from([0x81, inner.length]); })(), tlv(0x06, oid), tlv(0x86, point)]);
    if (st.step === 1) {
      const nonce = randomBytes(aes ? 16 : 8);
      st.s = BigInt('0x' + nonce.toString('hex'));
      const kPi = this.paceKey(this.mrzSeed, 3);
      st.step = 2;
      return answer(0x80, aes ? aesCbc(kPi, Buffer.alloc(16), nonce) : ede(kPi, nonce));
    }
    if (st.step === 2) {
      const k = scalar();
      const h = P.fromBytes(given).multiply(k);
      st.g = P.BASE.multiply(st.s! % n).add(h);
      st.step = 3;
      return answer(0x82, Buffer.from(P.BASE.multiply(k).toBytes(false)));
    }
    if (st.step === 3) {
      const k = scalar();
      st.theirs = Buffer.from(given);
      st.mine = Buffer.from(st.g!.multiply(k).toBytes(false));
      const shared = Buffer.from(P.fromBytes(given).multiply(k).toBytes(false)).subarray(1, 1 + (st.mine.length - 1) / 2);
      st.keys = { aes, enc: this.paceKey(shared, 1), mac: this.paceKey(shared, 2), ssc: 0n };
      st.step = 4;
      return answer(0x84, st.mine);
    }
    if (st.step === 4 && st.keys) {
      const keys = st.keys;
      const macOver = (data: Buffer) => (aes ? aesCmac(keys.mac, data).subarray(0, 8) : mac(keys.mac, data));
      if (!macOver(keyObject(st.mine!)).equals(Buffer.from(given))) {
        this.pace = null;
        return status(0x6300);
      }
      this.pace = null;
      this.session = keys;
      return answer(0x86, macOver(keyObject(st.theirs!)));
    }
    return status(0x6985);
  }

  private secure(c: Buffer): Buffer {
    const s = this.session!;
    s.ssc++;
    // The command: header, Lc (short or extended), the data objects, Le.
    let at = 4;
    let lc = c[4];
    at = 5;
    if (lc === 0 && c.length > 7) [lc, at] = [c.readUInt16BE(5), 7];
    const objects = c.subarray(at, at + lc);
    let do87: Buffer | null = null;
    let do97: Buffer | null = null;
    let do8e: Buffer | null = null;
    const parts: Buffer[] = [];
    for (let i = 0; i < objects.length; ) {
      const tag = objects[i];
      let len = objects[i + 1];
      let v = i + 2;
      if (len === 0x81) [len, v] = [objects[i + 2], i + 3];
      else if (len === 0x82) [len, v] = [objects.readUInt16BE(i + 2), i + 4];
      const value = objects.subarray(v, v + len);
      if (tag === 0x87) do87 = value;
      if (tag === 0x97) do97 = value;
      if (tag === 0x8e) do8e = value;
      if (tag !== 0x8e) parts.push(objects.subarray(i, v + len));
      i = v + len;
    }
    const block = s.aes ? 16 : 8;
    const header = padded(c.subarray(0, 4), block);
    const macOf = (m: Buffer) => (s.aes ? aesCmac(s.mac, padded(m, 16)).subarray(0, 8) : mac(s.mac, m));
    const iv = () => (s.aes ? aesCbc(s.enc, Buffer.alloc(16), this.sscBytes()) : Buffer.alloc(8));
    const decrypt = (d: Buffer) => (s.aes ? aesCbc(s.enc, iv(), d, true) : ede(s.enc, d, true));
    const encrypt = (d: Buffer) => (s.aes ? aesCbc(s.enc, iv(), padded(d, 16)) : ede(s.enc, padded(d)));
    if (!do8e || !macOf(Buffer.concat([this.sscBytes(), header, ...parts])).equals(do8e)) {
      this.session = null;
      return status(0x6988);
    }
    const data = do87 ? (() => { const p = decrypt(do87.subarray(1)); let n = p.length - 1; while (p[n] === 0) n--; return p.subarray(0, n); })() : Buffer.alloc(0);
    let le = do97 ? (do97.length === 2 ? do97.readUInt16BE(0) : do97[0]) : 0;
    if (do97 && le === 0) le = do97.length === 2 ? 65536 : 256;
    let answer: Buffer = Buffer.alloc(0);
    let sw = 0x9000;
    const ins = c[1];
    if (ins === 0xa4 && c[2] === 0x04) {
      // The application selected under secure messaging (after PACE).
      this.selectedApp = data.toString('hex').toUpperCase() === AID;
      if (!this.selectedApp) sw = 0x6a82;
    } else if (!this.selectedApp) sw = 0x6985;
    else if (ins === 0xa4) {
      const fid = data.readUInt16BE(0);
      this.selected = this.files[fid] ?? null;
      if (!this.selected) sw = 0x6a82;
    } else if (ins === 0xb0) {
      const offset = ((c[2] & 0x7f) << 8) | c[3];
      if (!this.selected) sw = 0x6986;
      else if (this.quirks.maxRead && le > this.quirks.maxRead) sw = 0x6700;
      else {
        let n = Math.min(le, Math.max(0, this.selected.length - offset));
        if (this.quirks.shortReads && n > 8) n = Math.ceil(n / 2);
        answer = this.selected.subarray(offset, offset + n);
        if (offset + le > this.selected.length) sw = 0x6282;
      }
    } else sw = 0x6d00;
    s.ssc++;
    const r87 = answer.length ? tlv(0x87, Buffer.concat([Buffer.from([0x01]), encrypt(answer)])) : Buffer.alloc(0);
    const r99 = tlv(0x99, status(sw));
    const rmac = macOf(Buffer.concat([this.sscBytes(), r87, r99]));
    return Buffer.concat([r87, r99, tlv(0x8e, rmac), status(sw)]);
  }
}
