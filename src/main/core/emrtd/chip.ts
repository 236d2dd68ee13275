import { authenticateData, documentKeys, mrzInformation, sessionFrom, terminalRandoms, type BacKey } from './bac';
import { choosePace, PaceError, paceInfos, runPace } from './pace';
import { SecureMessaging, SecureMessagingError } from './secure-messaging';
import { tlvHeader } from './tlv';

/**
 * Reading an eMRTD's files (ICAO 9303 Parts 10 and 11) over any APDU channel the card layer gives:
 * the eMRTD application selected, BAC performed, then each file selected and read under secure
 * messaging, in chunks the chip accepts. Interoperability traps handled, as users of open readers
 * report them: no Le on SELECT (chips refuse it); reads of 223 bytes, falling back to 160 and 112 when a
 * chip refuses longer ones; a chip that returns fewer bytes than asked (the read advances by what came).
 */

export interface ChipChannel {
  transmit(command: Uint8Array): Promise<Uint8Array>;
}

export type ChipErrorReason = 'access-denied' | 'no-chip' | 'card-removed' | 'reader-removed' | 'read-failed';

export class ChipError extends Error {
  constructor(
    readonly reason: ChipErrorReason,
    message: string,
  ) {
    super(message);
    this.name = 'ChipError';
  }
}

/** The files the window reads, by their short file identifiers (Part 10 §4.6). */
export const EF = { COM: 0x011e, DG1: 0x0101, DG2: 0x0102, SOD: 0x011d } as const;
const AID = Buffer.from('A0000002471001', 'hex');
const CHUNKS = [223, 160, 112];

const sw = (r: Uint8Array) => (r.length >= 2 ? (r[r.length - 2] << 8) | r[r.length - 1] : -1);
const body = (r: Uint8Array) => Buffer.from(r.subarray(0, r.length - 2));

export interface OpenChip {
  /** How the chip was opened. */
  access: 'BAC' | 'PACE';
  /** A file's whole content, or null when the chip has no such file. */
  readFile(fid: number): Promise<Buffer | null>;
}

/**
 * EF.CardAccess (Part 10 §3.11.3), read in clear from the master file by its short identifier 1C;
 * null when the chip has none (a passport with BAC only) or refuses it.
 */
async function readCardAccess(channel: ChipChannel): Promise<Buffer | null> {
  const first = await channel.transmit(Buffer.from([0x00, 0xb0, 0x9c, 0x00, 0x00]));
  if ((sw(first) !== 0x9000 && sw(first) !== 0x6282) || first.length < 4) return null;
  const data = body(first);
  const total = tlvSize(data);
  // A CardAccess of more than 256 bytes (several protocols offered): the rest, now that the file is selected.
  const parts = [data];
  for (let offset = data.length; total !== null && offset < total && offset < 0x7fff; ) {
    const r = await channel.transmit(Buffer.from([0x00, 0xb0, offset >> 8, offset & 0xff, Math.min(0xdf, total - offset)]));
    if (sw(r) !== 0x9000 || r.length <= 2) return null;
    parts.push(body(r));
    offset += r.length - 2;
  }
  return total === null ? null : Buffer.concat(parts).subarray(0, total);
}

/**
 * Opens the chip: with PACE when its EF.CardAccess offers a PACE this reader runs (German passports,
 * which refuse BAC, among them), else with BAC. A chip whose PACE this reader does not run, or that
 * stops in the middle of it, is tried with BAC; a refused authentication is `access-denied`.
 */
export async function openChip(channel: ChipChannel, key: BacKey): Promise<OpenChip> {
  const cardAccess = await readCardAccess(channel);
  const choice = cardAccess ? choosePace(paceInfos(cardAccess)) : null;
  if (choice) {
    try {
      const session = await runPace(channel, key, choice);
      const files = fileReader(channel, new SecureMessaging(session));
      // After PACE the application is selected under secure messaging.
      const selected = await files.send({ cla: 0x00, ins: 0xa4, p1: 0x04, p2: 0x0c, data: AID });
      if (selected.sw !== 0x9000) throw new ChipError('no-chip', `the chip has no eMRTD application (status ${selected.sw.toString(16)})`);
      return { access: 'PACE', readFile: files.readFile };
    } catch (err) {
      if (!(err instanceof PaceError)) throw err;
      if (err.stage === 'authentication') throw new ChipError('access-denied', 'the chip refused the MRZ key (PACE): check the document number and dates');
    }
  }
  return openWithBac(channel, key);
}

/** Selects the eMRTD application and opens it with BAC; `access-denied` when the MRZ given does not open it. */
export async function openWithBac(channel: ChipChannel, key: BacKey): Promise<OpenChip> {
  const select = await channel.transmit(Buffer.concat([Buffer.from([0x00, 0xa4, 0x04, 0x0c, AID.length]), AID]));
  if (sw(select) !== 0x9000) throw new ChipError('no-chip', `the card has no eMRTD application (status ${sw(select).toString(16)})`);
  const challenge = await channel.transmit(Buffer.from([0x00, 0x84, 0x00, 0x00, 0x08]));
  if (sw(challenge) !== 0x9000 || challenge.length !== 10) throw new ChipError('access-denied', `the chip gave no challenge (status ${sw(challenge).toString(16)})`);
  const rndIc = body(challenge);
  const keys = documentKeys(mrzInformation(key));
  const { rndIfd, kIfd } = terminalRandoms();
  const data = authenticateData(keys, rndIc, rndIfd, kIfd);
  const answer = await channel.transmit(Buffer.concat([Buffer.from([0x00, 0x82, 0x00, 0x00, data.length]), data, Buffer.from([0x28])]));
  const session = sw(answer) === 0x9000 ? sessionFrom(keys, rndIc, rndIfd, kIfd, body(answer)) : null;
  if (!session) throw new ChipError('access-denied', 'the chip refused the MRZ key (BAC): check the document number and dates');
  return { access: 'BAC', readFile: fileReader(channel, new SecureMessaging(session)).readFile };
}

/** Commands under secure messaging, and whole files read in chunks the chip accepts. */
function fileReader(channel: ChipChannel, sm: SecureMessaging) {
  const send = async (c: Parameters<SecureMessaging['wrap']>[0]) => {
    try {
      return sm.unwrap(await channel.transmit(sm.wrap(c)));
    } catch (err) {
      if (err instanceof SecureMessagingError) throw new ChipError('read-failed', err.message);
      throw err;
    }
  };
  let chunk = 0;
  return {
    send,
    async readFile(fid: number): Promise<Buffer | null> {
      const selected = await send({ cla: 0x00, ins: 0xa4, p1: 0x02, p2: 0x0c, data: Buffer.from([fid >> 8, fid & 0xff]) });
      if (selected.sw === 0x6a82) return null;
      if (selected.sw !== 0x9000) throw new ChipError('read-failed', `selecting file ${fid.toString(16)} failed (status ${selected.sw.toString(16)})`);
      const head = await send({ cla: 0x00, ins: 0xb0, p1: 0, p2: 0, le: 4 });
      if (head.sw !== 0x9000 && head.sw !== 0x6282) throw new ChipError('read-failed', `reading file ${fid.toString(16)} failed (status ${head.sw.toString(16)})`);
      const total = tlvSize(head.data);
      if (total === null) throw new ChipError('read-failed', `file ${fid.toString(16)} does not begin with a length`);
      const parts: Buffer[] = [head.data.subarray(0, Math.min(head.data.length, total))];
      let offset = parts[0].length;
      while (offset < total) {
        if (offset > 0x7fff) throw new ChipError('read-failed', 'a file longer than 32 KB');
        const want = Math.min(CHUNKS[chunk], total - offset);
        const r = await send({ cla: 0x00, ins: 0xb0, p1: offset >> 8, p2: offset & 0xff, le: want });
        if (r.sw !== 0x9000 && r.sw !== 0x6282) {
          // A chip that takes no read this long (wrong length, or Le not accepted): shorter ones.
          if (chunk < CHUNKS.length - 1 && (r.sw === 0x6700 || (r.sw & 0xff00) === 0x6c00 || r.sw === 0x6b00 || r.sw === 0x6f00)) {
            chunk++;
            continue;
          }
          throw new ChipError('read-failed', `reading file ${fid.toString(16)} at ${offset} failed (status ${r.sw.toString(16)})`);
        }
        if (r.data.length === 0) throw new ChipError('read-failed', `the chip returned nothing at ${offset} of file ${fid.toString(16)}`);
        parts.push(r.data);
        offset += r.data.length;
      }
      return Buffer.concat(parts).subarray(0, total);
    },
  };
}

/** The whole size of a BER-TLV from its first bytes (its header), or null when they hold no header. */
export function tlvSize(head: Uint8Array): number | null {
  const h = tlvHeader(head, 0);
  return h ? h.valueAt + h.length : null;
}
