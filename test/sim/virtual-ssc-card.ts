/**
 * A virtual social security card and PSAM: APDU in, response out, as ssc-card.md describes them.
 * Transport-free, so unit tests call it directly, the vpcd adapter puts it behind the real pcscd,
 * and the serial reader emulator behind a pseudo-terminal.
 *
 * The PSAM's key derivation is not public; the model here (and in ssc-card.md) is HMAC-SHA-256 over
 * the card identification code's last 8 bytes and the challenge, cut to 8 bytes, with a shared key.
 */
import { createHmac, randomBytes } from 'node:crypto';
import iconv from 'iconv-lite';

export interface HolderFile {
  cardId: string;
  cardType?: string;
  specVersion?: string;
  issueDate: string;
  expiryDate: string;
  cardNumber: string;
  ssn: string;
  name: string;
  sex: 'M' | 'F';
  birthDate: string;
  /** Whether the reader has a PSAM in its SAM slot. */
  psam?: boolean;
  /** A card that is not a social security card (answers 6A 82 to the application's SELECT). */
  notSscCard?: boolean;
  /** Hex key shared by card and PSAM; a PSAM with another key computes wrong cryptograms. */
  key?: string;
}

export const DEMO_SAM_KEY = '5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a';
export const ATR = Uint8Array.from([0x3b, 0x80, 0x80, 0x01, 0x01]);
const AID = Buffer.from([0x73, 0x78, 0x31, 0x2e, 0x73, 0x68, 0x2e, 0xc9, 0xe7, 0xbb, 0xe1, 0xb1, 0xa3, 0xd5, 0xcf]);

export function cryptogramFor(key: string, cardIdTail: Uint8Array, challenge: Uint8Array): Buffer {
  return createHmac('sha256', Buffer.from(key, 'hex')).update(cardIdTail).update(challenge).digest().subarray(0, 8);
}

const sw = (code: number, data: Uint8Array = new Uint8Array(0)) => Uint8Array.from([...data, code >> 8, code & 0xff]);

function bcdDate(date: string): Buffer {
  return Buffer.from(date.replace(/-/g, ''), 'hex');
}

function padded(bytes: Buffer, length: number, pad = 0x00): Buffer {
  const out = Buffer.alloc(length, pad);
  bytes.copy(out, 0, 0, Math.min(length, bytes.length));
  return out;
}

/** The records of EF05 and EF06 by tag, encoded and padded as the card stores them. */
function records(h: HolderFile): { ef05: Map<number, Buffer>; ef06: Map<number, Buffer> } {
  const name = iconv.encode(h.name, 'gbk');
  // A name longer than the 30 bytes of tag 09 continues in the extension, tag 4E; cut at a character.
  let cut = Math.min(30, name.length);
  while (cut > 0 && cut < name.length && iconv.decode(name.subarray(0, cut), 'gbk').includes('\ufffd')) cut--;
  const ef06 = new Map<number, Buffer>([
    [0x08, padded(Buffer.from(h.ssn, 'ascii'), 18)],
    [0x09, padded(name.subarray(0, cut), 30)],
    [0x0a, Buffer.from(h.sex === 'M' ? '1' : '2', 'ascii')],
    [0x0b, Buffer.from([0x01])],
    [0x0c, Buffer.from([0x11, 0x01, 0x05])],
    [0x0d, bcdDate(h.birthDate)],
  ]);
  if (name.length > cut) ef06.set(0x4e, padded(name.subarray(cut), 20));
  return {
    ef05: new Map<number, Buffer>([
      [0x01, Buffer.from(h.cardId, 'hex')],
      [0x02, Buffer.from(h.cardType ?? '3', 'ascii')],
      [0x03, padded(Buffer.from(h.specVersion ?? '3.00', 'ascii'), 4)],
      [0x04, padded(Buffer.from('110000000000', 'ascii'), 12)],
      [0x05, bcdDate(h.issueDate)],
      [0x06, bcdDate(h.expiryDate)],
      [0x07, padded(Buffer.from(h.cardNumber, 'ascii'), 9)],
    ]),
    ef06,
  };
}

export class VirtualSscCard {
  private app = false;
  private file: 'ef05' | 'ef06' | null = null;
  private authenticated = false;
  private challenge: Buffer | null = null;
  private triesLeft = 3;
  private readonly files: ReturnType<typeof records>;
  /** Every command this card received, for tests that count APDUs. */
  readonly log: Uint8Array[] = [];

  constructor(readonly holder: HolderFile) {
    this.files = records(holder);
  }

  reset(): void {
    this.app = false;
    this.file = null;
    this.authenticated = false;
    this.challenge = null;
  }

  respond(apdu: Uint8Array): Uint8Array {
    this.log.push(apdu);
    const [cla, ins, p1, p2] = apdu;
    if (apdu.length < 4) return sw(0x6700);
    if (cla === 0x00 && ins === 0xa4 && p1 === 0x04) {
      this.app = !this.holder.notSscCard && Buffer.from(apdu.subarray(5, 5 + apdu[4])).equals(AID);
      this.file = null;
      return sw(this.app ? 0x9000 : 0x6a82);
    }
    if (cla === 0x00 && ins === 0xa4 && p1 === 0x00) {
      const fid = (apdu[5] << 8) | apdu[6];
      if (!this.app || (fid !== 0xef05 && fid !== 0xef06)) return sw(0x6a82);
      this.file = fid === 0xef05 ? 'ef05' : 'ef06';
      return sw(0x9000);
    }
    if (cla === 0x00 && ins === 0xb2 && p2 === 0x00) {
      if (!this.file) return sw(0x6986);
      if (this.file === 'ef06' && !this.authenticated) return sw(0x6982);
      const value = this.files[this.file].get(p1);
      return value ? sw(0x9000, Uint8Array.from([p1, value.length, ...value])) : sw(0x6a83);
    }
    if (cla === 0x00 && ins === 0x84) {
      this.challenge = randomBytes(8);
      return sw(0x9000, this.challenge);
    }
    if (cla === 0x00 && ins === 0x82) {
      if (!this.challenge || apdu[4] !== 8) return sw(0x6985);
      if (this.triesLeft === 0) return sw(0x6983);
      const expected = cryptogramFor(this.holder.key ?? DEMO_SAM_KEY, Buffer.from(this.holder.cardId, 'hex').subarray(8), this.challenge);
      this.challenge = null;
      if (expected.equals(Buffer.from(apdu.subarray(5, 13)))) {
        this.authenticated = true;
        this.triesLeft = 3;
        return sw(0x9000);
      }
      this.triesLeft--;
      return sw(0x63c0 | this.triesLeft);
    }
    return sw(0x6d00);
  }
}

export class VirtualPsam {
  readonly log: Uint8Array[] = [];
  constructor(private readonly key: string = DEMO_SAM_KEY) {}
  reset(): void {}
  respond(apdu: Uint8Array): Uint8Array {
    this.log.push(apdu);
    if (apdu[0] === 0x80 && apdu[1] === 0xfa && apdu[4] === 0x10 && apdu.length >= 21) {
      return sw(0x9000, cryptogramFor(this.key, apdu.subarray(5, 13), apdu.subarray(13, 21)));
    }
    return sw(0x6d00);
  }
}

/** A holder for tests and demos: a foreigner whose name runs into the extension. */
export const SAMPLE_HOLDER: HolderFile = {
  cardId: '110100D156000005A1B2C3D4E5F60718',
  cardType: '3',
  specVersion: '3.00',
  issueDate: '2025-01-10',
  expiryDate: '2035-01-09',
  cardNumber: 'A12345678',
  ssn: 'GBR119900412000017',
  name: 'SMITH,JOHN PAUL WOLFESCHLEGELSTEIN',
  sex: 'M',
  birthDate: '1990-04-12',
  psam: true,
};
