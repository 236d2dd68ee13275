import type { CardErrorCode } from '../../../shared/ssc-card';

/**
 * One card behind a transport (PC/SC, serial or HID reader): sends a command APDU and resolves with
 * the response APDU (data and SW1 SW2). Every transmit has a timeout; a card pulled out or a reader
 * unplugged rejects with a CardError.
 */
export interface ApduChannel {
  transmit(command: Uint8Array): Promise<Uint8Array>;
}

export class CardError extends Error {
  constructor(
    readonly code: CardErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface Response {
  data: Uint8Array;
  sw: number;
}

export function splitResponse(r: Uint8Array): Response {
  if (r.length < 2) throw new CardError('bad-response', `a response of ${r.length} bytes has no status word`);
  return { data: r.subarray(0, r.length - 2), sw: (r[r.length - 2] << 8) | r[r.length - 1] };
}

const bytes = (...parts: (number[] | Uint8Array)[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

/** ssc-card.md §1: the application's name, ASCII "sx1.sh." then GBK 社会保障. */
export const SSC_AID = Uint8Array.from([0x73, 0x78, 0x31, 0x2e, 0x73, 0x68, 0x2e, 0xc9, 0xe7, 0xbb, 0xe1, 0xb1, 0xa3, 0xd5, 0xcf]);

export const APDU = {
  selectApplication: () => bytes([0x00, 0xa4, 0x04, 0x00, SSC_AID.length], SSC_AID),
  selectFile: (fid: number) => bytes([0x00, 0xa4, 0x00, 0x00, 0x02, fid >> 8, fid & 0xff]),
  /** READ RECORD by tag in the current file; Le 00 lets the card send the whole record. */
  readTag: (tag: number) => bytes([0x00, 0xb2, tag, 0x00, 0x00]),
  getChallenge: () => bytes([0x00, 0x84, 0x00, 0x00, 0x08]),
  /** To the PSAM: the last 8 bytes of the card identification code, then the challenge. */
  psamCryptogram: (cardIdTail: Uint8Array, challenge: Uint8Array) => bytes([0x80, 0xfa, 0x00, 0x00, 0x10], cardIdTail, challenge),
  externalAuthenticate: (cryptogram: Uint8Array) => bytes([0x00, 0x82, 0x00, 0x00, 0x08], cryptogram),
};

export const SW = { OK: 0x9000, FILE_NOT_FOUND: 0x6a82, RECORD_NOT_FOUND: 0x6a83, SECURITY: 0x6982 } as const;
