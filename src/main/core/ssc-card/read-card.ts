import type { SscCardData } from '../../../shared/ssc-card';
import { APDU, CardError, SW, splitResponse, type ApduChannel } from './apdu';
import { decodeBcdDate, decodeSex, decodeText, hex, parseTaggedRecord } from './fields';
import type { PsamAuthenticator } from './psam';

const EF05 = 0xef05;
const EF06 = 0xef06;

export interface CardReadResult {
  data: SscCardData;
  /** How many APDUs went to the card and the PSAM. */
  apdus: number;
}

/**
 * Reads a social security card as ssc-card.md describes, written once for every transport: select
 * the application, read EF05 by tag, authenticate with the cryptogram the authenticator gives (the
 * project's model PSAM, or a vendor's), read EF06 by tag. Without an authenticator it returns what
 * EF05 gives and `psam: false`. Only the fields it returns are read.
 */
export async function readSscCard(card: ApduChannel, authenticator: PsamAuthenticator | null): Promise<CardReadResult> {
  let apdus = 0;
  const send = async (ch: ApduChannel, apdu: Uint8Array) => {
    apdus++;
    return splitResponse(await ch.transmit(apdu));
  };
  const expectOk = (sw: number, what: string) => {
    if (sw !== SW.OK) throw new CardError('card-error', `${what} answered ${sw.toString(16).toUpperCase()}`);
  };
  /** A field by tag; an optional one the card does not have (6A 83 / 6A 82) is null. */
  const field = async (tag: number, optional = false): Promise<Uint8Array | null> => {
    const r = await send(card, APDU.readTag(tag));
    if (optional && (r.sw === SW.RECORD_NOT_FOUND || r.sw === SW.FILE_NOT_FOUND)) return null;
    expectOk(r.sw, `reading tag ${tag.toString(16).toUpperCase()}`);
    const value = parseTaggedRecord(r.data, tag);
    if (!value) throw new CardError('bad-response', `the record for tag ${tag.toString(16).toUpperCase()} is malformed`);
    return value;
  };

  const app = await send(card, APDU.selectApplication());
  if (app.sw === SW.FILE_NOT_FOUND) throw new CardError('not-ssc-card', 'this card has no social security application');
  expectOk(app.sw, 'selecting the social security application');
  expectOk((await send(card, APDU.selectFile(EF05))).sw, 'selecting EF05');
  const cardIdBytes = await field(0x01);
  const data: SscCardData = {
    cardId: cardIdBytes && cardIdBytes.length === 16 ? hex(cardIdBytes) : null,
    cardType: decodeText((await field(0x02))!, 'ascii'),
    specVersion: decodeText((await field(0x03))!, 'ascii'),
    issueDate: decodeBcdDate((await field(0x05))!),
    expiryDate: decodeBcdDate((await field(0x06))!),
    cardNumber: decodeText((await field(0x07))!, 'ascii'),
    ssn: null,
    name: null,
    sex: null,
    birthDate: null,
    psam: false,
  };
  if (!authenticator) return { data, apdus };
  if (!cardIdBytes || cardIdBytes.length !== 16) throw new CardError('bad-response', 'the card identification code is not 16 bytes');

  const challenge = await send(card, APDU.getChallenge());
  expectOk(challenge.sw, 'GET CHALLENGE');
  if (challenge.data.length !== 8) throw new CardError('bad-response', 'the challenge is not 8 bytes');
  let derived;
  try {
    derived = await authenticator.cryptogram(cardIdBytes, challenge.data);
  } catch (err) {
    // A vendor's module that fails says so as a card error, in words the clerk gets, never a crash.
    throw err instanceof CardError ? err : new CardError('card-error', `the secure access module (${authenticator.name}) failed: ${(err as Error)?.message ?? err}`);
  }
  apdus += derived.apdus;
  if (derived.cryptogram.length !== 8) throw new CardError('bad-response', 'the PSAM cryptogram is not 8 bytes');
  const auth = await send(card, APDU.externalAuthenticate(derived.cryptogram));
  if ((auth.sw & 0xfff0) === 0x63c0) {
    throw new CardError('psam-auth-failed', `the card refused the PSAM's cryptogram (${auth.sw & 0x0f} tries left)`);
  }
  expectOk(auth.sw, 'EXTERNAL AUTHENTICATE');

  expectOk((await send(card, APDU.selectFile(EF06))).sw, 'selecting EF06');
  data.ssn = decodeText((await field(0x08))!, 'ascii');
  const name = decodeText((await field(0x09))!, 'gbk');
  const extension = await field(0x4e, true);
  data.name = name === null ? null : name + ((extension && decodeText(extension, 'gbk')) ?? '');
  data.sex = decodeSex((await field(0x0a))!);
  data.birthDate = decodeBcdDate((await field(0x0d))!);
  data.psam = true;
  return { data, apdus };
}
