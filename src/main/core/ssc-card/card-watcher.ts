import type { CardReaderState } from '../../../shared/permit-qr';
import type { Settings } from '../../../shared/settings';
import type { CoreEvents } from '../events/events';
import { createLogger } from '../log/logger';
import { CardError, type ApduChannel } from './apdu';
import { CARD_READER_SETTINGS, type CardReaderFactory, type CardReaderPort } from './ports';
import { modelPsamAuthenticator, type PsamAuthenticator } from './psam';
import { readSscCard } from './read-card';

const log = createLogger('card-watcher');
export const POLL_MS = 700;

export interface CardWatcher {
  stop(): Promise<void>;
}

/** Errors that mean there is no reader to read from now: it shows as unavailable, and the next round tries again. */
const READER_ABSENT = new Set(['no-reader', 'reader-not-found', 'pcsc-unavailable', 'port-error']);

/**
 * Reads social security cards at the window through the reader the settings choose, of any
 * transport (the host's platform makes it): waits for a card, reads it once, announces it to the UI,
 * and waits for it to be taken out before reading the next. A reader that is unplugged shows as
 * unavailable and is picked up again when it comes back (each round opens it anew, which keeps one
 * code path for a PC/SC service, a serial port or a HID device coming and going); a read cut off by
 * an unplugged reader or a pulled card ends in its typed error on screen. The PSAM's cryptogram comes
 * from the authenticator (the project's model PSAM unless the host gives a vendor's).
 */
export function startCardWatcher(
  events: CoreEvents,
  settings: Settings,
  opts: {
    readerFor: CardReaderFactory;
    authenticatorFor?: (psam: ApduChannel | null) => PsamAuthenticator | null;
    pollMs?: number;
    /** A card that is not a social security card (a passport's chip): read by whoever reads it. */
    otherCard?: (card: ApduChannel) => Promise<void>;
  },
): CardWatcher {
  const authenticatorFor = opts.authenticatorFor ?? ((psam) => (psam ? modelPsamAuthenticator(psam) : null));
  const pollMs = opts.pollMs ?? POLL_MS;
  let nextId = 1;
  let stopped = false;
  let cardIn = false;
  // The card in the reader is another kind (a passport), and whoever reads those asked for it again.
  let otherIn = false;
  let again = false;
  let reader: CardReaderPort | null = null;
  let generation = 0;
  let loop: Promise<void> = Promise.resolve();
  let state: CardReaderState = { enabled: false, transport: null, device: null, state: 'off', cardReader: null, psamReader: null, lastError: null };
  const publish = (next: Partial<CardReaderState>) => {
    const merged = { ...state, ...next };
    if (JSON.stringify(merged) === JSON.stringify(state)) return;
    state = merged;
    events.emit({ type: 'card.state', reader: state });
  };
  const lastError = (code: string) => ({ code, at: new Date().toISOString() });

  async function round(r: CardReaderPort): Promise<void> {
    try {
      const session = await r.open(pollMs);
      try {
        if (cardIn && !(otherIn && again)) return; // the same card, still in the reader
        again = false;
        cardIn = true;
        publish({ state: 'card-in', cardReader: session.cardReader, psamReader: session.psamReader });
        if (otherIn && opts.otherCard) return await opts.otherCard(session.card);
        try {
          const { data } = await readSscCard(session.card, authenticatorFor(session.psam));
          events.emit({ type: 'card.read', readId: nextId++, card: data });
        } catch (err) {
          // A passport's chip has no social security application: it is read as what it is.
          if (!(err instanceof CardError && err.code === 'not-ssc-card' && opts.otherCard)) throw err;
          otherIn = true;
          await opts.otherCard(session.card);
        }
      } finally {
        await session.close().catch(() => undefined);
      }
    } catch (err) {
      if (!(err instanceof CardError)) throw err;
      if (err.code === 'no-card' || READER_ABSENT.has(err.code)) {
        if (cardIn) events.emit({ type: 'card.removed' });
        cardIn = false;
        otherIn = false;
        publish(err.code === 'no-card' ? { state: 'waiting' } : { state: 'unavailable', lastError: lastError(err.code) });
        return;
      }
      log.warn('card read failed', { code: err.code, transport: r.transport });
      publish({ lastError: lastError(err.code), ...(err.code === 'reader-removed' ? { state: 'unavailable' } : {}) });
      events.emit({ type: 'card.error', code: err.code, message: err.message });
      // A card pulled out, or a reader unplugged, mid-read: gone. Any other failure waits for the card to be taken out.
      if (err.code === 'card-removed' || err.code === 'reader-removed') cardIn = otherIn = false;
    }
  }

  async function run(r: CardReaderPort, gen: number): Promise<void> {
    while (!stopped && gen === generation) {
      await round(r).catch((err: Error) => log.error('card watcher', { error: err.name }));
      if (stopped || gen !== generation) return;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  function use(s: Settings): void {
    generation++;
    cardIn = otherIn = false;
    reader = s.cardReader === 'none' ? null : opts.readerFor(s);
    state = { enabled: !!reader, transport: reader?.transport ?? null, device: reader?.device ?? null, state: reader ? 'waiting' : 'off', cardReader: null, psamReader: null, lastError: null };
    events.emit({ type: 'card.state', reader: state });
    const r = reader;
    const gen = generation;
    // The previous reader's round finishes (and closes) before the new one starts.
    if (r) loop = loop.then(() => run(r, gen));
  }

  const key = (s: Settings) => JSON.stringify(CARD_READER_SETTINGS.map((k) => s[k]));
  let current = key(settings);
  const unsubscribe = events.subscribe((e) => {
    if (e.type === 'passport.retry') again = otherIn;
    if (e.type !== 'settings.changed' || key(e.settings) === current) return;
    current = key(e.settings);
    use(e.settings);
  });
  use(settings);

  return {
    stop: async () => {
      stopped = true;
      unsubscribe();
      await loop;
    },
  };
}
