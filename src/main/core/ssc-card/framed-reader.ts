import { CardError, type ApduChannel } from './apdu';
import { CMD, STATUS, createFrameParser, encodeFrame, type ReaderFrame } from './serial-frames';

const ANSWER_TIMEOUT_MS = 2000;

export interface SerialReaderSession {
  card: ApduChannel;
  psam: ApduChannel | null;
  close(): Promise<void>;
}

/** Bytes to and from a reader: a serial port, or HID reports carrying the same frames. */
export interface ReaderStream {
  /** Resolves when the bytes are handed to the device; rejects (a CardError) when they cannot be. */
  write(bytes: Uint8Array): Promise<void>;
  onData(listener: (bytes: Uint8Array) => void): void;
  /** Called once when the device goes away. */
  onGone(listener: () => void): void;
  close(): Promise<void>;
}

/**
 * A card reader speaking docs/serial-reader-protocol.md over any byte stream: powers the card (and
 * the PSAM in the SAM slot, when there is one) and carries APDUs. A vendor's protocol goes behind the
 * same result. Every answer is awaited at most ANSWER_TIMEOUT_MS; a device that goes away ends every
 * request in flight as reader-removed.
 */
export async function openFramedReader(stream: ReaderStream): Promise<SerialReaderSession> {
  let waiting: { cmd: number; slot: number; resolve: (f: ReaderFrame) => void; reject: (e: Error) => void; timer: NodeJS.Timeout } | null = null;
  let closed = false;
  const parser = createFrameParser((f) => {
    if (waiting && f.cmd === (waiting.cmd | 0x80) && f.slot === waiting.slot) {
      const w = waiting;
      waiting = null;
      clearTimeout(w.timer);
      w.resolve(f);
    }
  });
  stream.onData((chunk) => parser.push(chunk));
  const gone = () => {
    closed = true;
    if (waiting) {
      clearTimeout(waiting.timer);
      waiting.reject(new CardError('reader-removed', 'The card reader was unplugged.'));
      waiting = null;
    }
  };
  stream.onGone(gone);

  // One request at a time: the protocol has no request ids.
  let queue: Promise<unknown> = Promise.resolve();
  const request = (cmd: number, slot: number, data: Uint8Array = new Uint8Array(0)): Promise<Uint8Array> => {
    const run = (): Promise<Uint8Array> =>
      new Promise<ReaderFrame>((resolve, reject) => {
        if (closed) return reject(new CardError('reader-removed', 'The card reader was unplugged.'));
        const timer = setTimeout(() => {
          waiting = null;
          reject(new CardError('timeout', `The reader did not answer within ${ANSWER_TIMEOUT_MS} ms.`));
        }, ANSWER_TIMEOUT_MS);
        waiting = { cmd, slot, resolve, reject, timer };
        // A write that fails ends this request at once, as the reader being gone or the write itself.
        stream.write(encodeFrame({ cmd, slot, data })).catch((err: unknown) => {
          if (!waiting || waiting.resolve !== resolve) return;
          clearTimeout(timer);
          waiting = null;
          reject(closed ? new CardError('reader-removed', 'The card reader was unplugged.') : err instanceof CardError ? err : new CardError('write-failed', `The reader cannot be written to: ${(err as Error)?.message ?? err}`));
        });
      }).then((f) => {
        const status = f.data[0];
        if (status === STATUS.NO_CARD) throw new CardError(slot === 0 && cmd !== CMD.POWER_ON ? 'card-removed' : 'no-card', slot === 0 ? 'No card is in the reader.' : 'No PSAM is in the SAM slot.');
        if (status === STATUS.MUTE) throw new CardError('card-error', 'The card does not answer.');
        if (status !== STATUS.OK) throw new CardError('bad-response', 'The reader said our frame was damaged.');
        return f.data.slice(1);
      });
    const result = queue.then(run, run);
    queue = result.catch(() => undefined);
    return result;
  };
  const channel = (slot: number): ApduChannel => ({ transmit: (apdu) => request(CMD.APDU, slot, apdu) });
  const close = () => {
    closed = true;
    return stream.close();
  };

  try {
    await request(CMD.POWER_ON, 0);
    let psam: ApduChannel | null = null;
    try {
      await request(CMD.POWER_ON, 1);
      psam = channel(1);
    } catch (err) {
      if (!(err instanceof CardError && err.code === 'no-card')) throw err;
    }
    return { card: channel(0), psam, close };
  } catch (err) {
    await close();
    throw err;
  }
}
