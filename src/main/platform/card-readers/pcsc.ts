import { createRequire } from 'node:module';
import { createConnection } from 'node:net';
import { CardError, type ApduChannel } from '../../core/ssc-card/apdu';
import type { CardSession } from '../../core/ssc-card/ports';

/** The parts of @pokusew/pcsclite this transport uses (its own typings are partial). */
export interface PcscReader {
  name: string;
  state: number;
  SCARD_STATE_PRESENT: number;
  SCARD_SHARE_SHARED: number;
  SCARD_LEAVE_CARD: number;
  on(event: 'status', l: (s: { state: number }) => void): void;
  on(event: 'end' | 'error', l: (e?: Error) => void): void;
  connect(opts: { share_mode: number }, cb: (err: Error | null, protocol: number) => void): void;
  transmit(data: Buffer, maxRecv: number, protocol: number, cb: (err: Error | null, data: Buffer) => void): void;
  disconnect(disposition: number, cb: (err: Error | null) => void): void;
  close(): void;
}

export interface Pcsc {
  on(event: 'reader', l: (r: PcscReader) => void): void;
  on(event: 'error', l: (e: Error) => void): void;
  close(): void;
}

const APDU_TIMEOUT_MS = 5000;

/**
 * A reader slot that holds a PSAM: named so by the reader ("… SAM 0" on dual-slot readers), or the
 * second slot of a reader pair ("Virtual PCD 00 01" with vpcd). Another can be named in settings.
 */
export function isSamSlot(name: string): boolean {
  return /\bSAM\b/i.test(name) || / 01$/.test(name);
}

/**
 * pcsc-lite's client blocks the whole process while it waits for a daemon that is not there, so the
 * daemon's socket is tried first, with a timeout.
 */
function pcscdListening(): Promise<boolean> {
  const path = process.env.PCSCLITE_CSOCK_NAME ?? '/run/pcscd/pcscd.comm';
  return new Promise((resolve) => {
    const socket = createConnection({ path });
    const done = (ok: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), 1000);
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** PC/SC error codes in pcsc-lite's messages, mapped to what the user is told. */
function classify(err: Error, readerGone: boolean): CardError {
  const m = err.message;
  if (readerGone || /0x80100009|0x80100017|0x8010002E/i.test(m)) return new CardError('reader-removed', 'The card reader was unplugged.');
  if (/0x80100069|0x8010000C|removed/i.test(m)) return new CardError('card-removed', 'The card was pulled out during the read.');
  if (/0x8010001D|0x8010001E/i.test(m)) return new CardError('pcsc-unavailable', 'The smart card service (pcscd) is not running.');
  return new CardError('card-error', `The card reader failed: ${m}`);
}

export type PcscSession = CardSession;

/**
 * Opens the user card (and the PSAM, in its own reader slot) over PC/SC. The card reader is the one
 * named, or the first that is not a SAM slot; the PSAM's is the one named, or a SAM slot with a card.
 * Every wait has a timeout.
 */
export async function openPcscSession(opts: { reader?: string; psamReader?: string; timeoutMs?: number; binding?: () => Pcsc } = {}): Promise<PcscSession> {
  const timeoutMs = opts.timeoutMs ?? 3000;
  if (!opts.binding && process.platform !== 'win32' && !(await pcscdListening())) {
    throw new CardError('pcsc-unavailable', 'The smart card service (pcscd) is not running.');
  }
  let pcsc: Pcsc;
  try {
    // Under Electron the start script hands over a copy built for Electron's ABI.
    const electronCopy = process.env.ACW_ELECTRON_PCSCLITE_DIR;
    pcsc = opts.binding ? opts.binding() : (createRequire(import.meta.url)(electronCopy ?? '@pokusew/pcsclite') as () => Pcsc)();
  } catch (err) {
    throw new CardError('pcsc-unavailable', `PC/SC cannot be loaded: ${(err as Error).message}`);
  }
  const readers = new Map<string, PcscReader>();
  const gone = new Set<string>();
  const reported = new Set<string>();
  let serviceError: Error | null = null;
  pcsc.on('error', (e) => (serviceError = e));
  pcsc.on('reader', (r) => {
    readers.set(r.name, r);
    r.on('end', () => gone.add(r.name));
    r.on('error', () => undefined);
    r.on('status', (s) => {
      r.state = s.state;
      reported.add(r.name);
    });
  });
  const closeAll = () => {
    for (const r of readers.values()) r.close();
    pcsc.close();
  };
  const hasCard = (r: PcscReader) => !gone.has(r.name) && !!r.state && (r.state & r.SCARD_STATE_PRESENT) !== 0;

  // Readers and their card states arrive as events: wait until the one wanted has a card.
  const deadline = Date.now() + timeoutMs;
  let cardReader: PcscReader | undefined;
  for (;;) {
    await new Promise((r) => setTimeout(r, 50));
    if (serviceError) {
      closeAll();
      throw new CardError('pcsc-unavailable', 'The smart card service (pcscd) is not running or refused the connection.');
    }
    // Choose only once every reader has said whether it holds a card, so the PSAM's slot is never
    // taken for the card's because its status came first.
    const settled = readers.size > 0 && [...readers.keys()].every((n) => reported.has(n));
    const sorted = [...readers.values()].sort((a, b) => a.name.localeCompare(b.name));
    const isPsamReader = (r: PcscReader) => (opts.psamReader ? r.name === opts.psamReader || r.name.includes(opts.psamReader) : isSamSlot(r.name));
    cardReader = opts.reader
      ? sorted.find((r) => r.name === opts.reader || r.name.includes(opts.reader!))
      : (sorted.find((r) => hasCard(r) && !isPsamReader(r)) ?? sorted.find((r) => !isPsamReader(r)));
    if (settled && cardReader && hasCard(cardReader)) break;
    if (Date.now() > deadline) {
      closeAll();
      if (readers.size === 0) throw new CardError('no-reader', 'No card reader is connected.');
      if (opts.reader && !cardReader) throw new CardError('reader-not-found', `No reader is named ${opts.reader}.`);
      throw new CardError('no-card', 'No card is in the reader.');
    }
  }
  const sorted = [...readers.values()].sort((a, b) => a.name.localeCompare(b.name));
  const psamReader = opts.psamReader
    ? sorted.find((r) => r.name === opts.psamReader || r.name.includes(opts.psamReader!))
    : sorted.find((r) => r !== cardReader && isSamSlot(r.name));

  const open = (r: PcscReader): Promise<ApduChannel & { disconnect(): Promise<void> }> =>
    new Promise((resolve, reject) => {
      r.connect({ share_mode: r.SCARD_SHARE_SHARED }, (err, protocol) => {
        if (err) return reject(classify(err, gone.has(r.name)));
        resolve({
          transmit: (apdu) =>
            new Promise((res, rej) => {
              const timer = setTimeout(() => rej(new CardError('timeout', `The card did not answer within ${APDU_TIMEOUT_MS} ms.`)), APDU_TIMEOUT_MS);
              r.transmit(Buffer.from(apdu), 258, protocol, (e, data) => {
                clearTimeout(timer);
                if (e) rej(classify(e, gone.has(r.name)));
                // Every card answers at least SW1 SW2: nothing at all means no card is there any more.
                else if (data.length === 0) rej(new CardError('card-removed', 'The card was pulled out during the read.'));
                else res(new Uint8Array(data));
              });
            }),
          disconnect: () => new Promise((res) => r.disconnect(r.SCARD_LEAVE_CARD, () => res())),
        });
      });
    });

  try {
    const card = await open(cardReader);
    const psam = psamReader && hasCard(psamReader) ? await open(psamReader) : null;
    return {
      card,
      psam,
      cardReader: cardReader.name,
      psamReader: psam ? psamReader!.name : null,
      close: async () => {
        await Promise.all([card.disconnect(), psam?.disconnect()]).catch(() => undefined);
        closeAll();
      },
    };
  } catch (err) {
    closeAll();
    throw err;
  }
}
