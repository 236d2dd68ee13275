/**
 * A virtual eMRTD chip, written from ICAO Doc 9303 Parts 10–11 for the tests, sharing no code with the
 * app: the eMRTD application, BAC on the chip's side (GET CHALLENGE, EXTERNAL AUTHENTICATE) and secure
 * messaging over its files. It answers as a VirtualDevice (vpcd's slots, or a test's channel). Quirks a
 * test can turn on: a largest read it accepts (longer ones 6700), reads answered short, SELECT refused
 * when it carries Le.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

export interface PassportFiles {
  /** By file identifier: 0x011E EF.COM, 0x0101 DG1, 0x0102 DG2, 0x011D EF.SOD. */
  [fid: number]: Buffer;
}

export interface ChipQuirks {
  maxRead?: number;
  shortReads?: boolean;
  refuseLeOnSelect?: boolean;
}

const AID = 'A0000002471001';
const OK = Buffer.from([0x90, 0x00]);
const status = (s: number) => Buffer.from([s >> 8, s & 0xff]);

function ede(key: Buffer, data: Buffer, decrypt = false): Buffer {
  const c = decrypt ? createDecipheriv('des-ede-cbc', key, Buffer.alloc(8)) : createCipheriv('des-ede-cbc', key, Buffer.alloc(8));
  c.setAutoPadding(false);
  return Buffer.concat([c.update(data), c.final()]);
}
const padded = (d: Buffer) => Buffer.concat([d, Buffer.from([0x80]), Buffer.alloc(7 - (d.length % 8))]);
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

export class VirtualPassport {
  private rndIc: Buffer | null = null;
  private session: { enc: Buffer; mac: Buffer; ssc: bigint } | null = null;
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
    const seed = createHash('sha1').update(info).digest().subarray(0, 16);
    this.kEnc = kdf(seed, 1);
    this.kMac = kdf(seed, 2);
  }

  reset(): void {
    this.rndIc = null;
    this.session = null;
    this.selectedApp = false;
    this.selected = null;
  }

  respond(apdu: Uint8Array): Uint8Array {
    const c = Buffer.from(apdu);
    if (c[1] === 0xa4 && c[2] === 0x04) {
      const aid = c.subarray(5, 5 + c[4]).toString('hex').toUpperCase();
      if (this.quirks.refuseLeOnSelect && c.length > 5 + c[4]) return status(0x6700);
      this.selectedApp = aid === AID;
      this.session = null;
      return this.selectedApp ? OK : status(0x6a82);
    }
    if (!this.selectedApp) return status(0x6985);
    if (c[0] === 0x00 && c[1] === 0x84) {
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
    this.session = { enc: kdf(seed, 1), mac: kdf(seed, 2), ssc: BigInt('0x' + Buffer.concat([this.rndIc.subarray(4), rndIfd.subarray(4)]).toString('hex')) };
    return Buffer.concat([r, mac(this.kMac, r), OK]);
  }

  private sscBytes(): Buffer {
    const b = Buffer.alloc(8);
    b.writeBigUInt64BE(this.session!.ssc & 0xffffffffffffffffn);
    return b;
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
    const header = padded(c.subarray(0, 4));
    if (!do8e || !mac(s.mac, Buffer.concat([this.sscBytes(), header, ...parts])).equals(do8e)) {
      this.session = null;
      return status(0x6988);
    }
    const data = do87 ? (() => { const p = ede(s.enc, do87.subarray(1), true); let n = p.length - 1; while (p[n] === 0) n--; return p.subarray(0, n); })() : Buffer.alloc(0);
    let le = do97 ? (do97.length === 2 ? do97.readUInt16BE(0) : do97[0]) : 0;
    if (do97 && le === 0) le = do97.length === 2 ? 65536 : 256;
    let answer: Buffer = Buffer.alloc(0);
    let sw = 0x9000;
    const ins = c[1];
    if (ins === 0xa4) {
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
    const r87 = answer.length ? tlv(0x87, Buffer.concat([Buffer.from([0x01]), ede(s.enc, padded(answer))])) : Buffer.alloc(0);
    const r99 = tlv(0x99, status(sw));
    const rmac = mac(s.mac, Buffer.concat([this.sscBytes(), r87, r99]));
    return Buffer.concat([r87, r99, tlv(0x8e, rmac), status(sw)]);
  }
}
