import type { Settings } from '../../../shared/settings';
import type { CardReaderState } from '../../../shared/permit-qr';
import type { CoreEvents } from '../api/events';
import { createLogger } from '../log/logger';
import { CardError } from './apdu';
import { openPcscSession } from './pcsc';
import { readSscCard } from './read-card';
import { modelPsamAuthenticator } from './psam';

const log = createLogger('card-watcher');
export const POLL_MS = 700;

export interface CardWatcher {
  stop(): Promise<void>;
}

/**
 * When `cardReader` is "pcsc": waits for a card, reads it once, announces it to the UI, and waits for
 * it to be taken out before reading the next. Decided here: the reader is polled (each round opens
 * and closes the PC/SC context), which keeps one code path for pcscd coming and going.
 */
export function startCardWatcher(events: CoreEvents, settings: Settings): CardWatcher {
  let nextId = 1;
  let enabled = settings.cardReader === 'pcsc';
  let stopped = false;
  let cardIn = false;
  let loop: Promise<void> = Promise.resolve();
  let state: CardReaderState = { enabled, state: enabled ? 'waiting' : 'off', cardReader: null, psamReader: null, lastError: null };
  const publish = (next: Partial<CardReaderState>) => {
    const merged = { ...state, ...next };
    if (JSON.stringify(merged) === JSON.stringify(state)) return;
    state = merged;
    events.emit({ type: 'card.state', reader: state });
  };

  async function round(): Promise<void> {
    try {
      const session = await openPcscSession({ timeoutMs: POLL_MS });
      try {
        if (cardIn) return; // the same card, still in the reader
        cardIn = true;
        publish({ state: 'card-in', cardReader: session.cardReader, psamReader: session.psamReader });
        const { data } = await readSscCard(session.card, session.psam && modelPsamAuthenticator(session.psam));
        const readId = nextId++;
        events.emit({ type: 'card.read', readId, card: data });
      } finally {
        await session.close();
      }
    } catch (err) {
      if (!(err instanceof CardError)) throw err;
      if (err.code === 'no-card' || err.code === 'no-reader' || err.code === 'pcsc-unavailable') {
        if (cardIn) events.emit({ type: 'card.removed' });
        cardIn = false;
        publish({ state: err.code === 'no-card' ? 'waiting' : 'unavailable' });
        return;
      }
      log.warn('card read failed', { code: err.code });
      publish({ lastError: { code: err.code, at: new Date().toISOString() } });
      events.emit({ type: 'card.error', code: err.code, message: err.message });
      // A card pulled out mid-read is gone; any other failure waits for the card to be taken out.
      if (err.code === 'card-removed') cardIn = false;
    }
  }

  async function run(): Promise<void> {
    while (!stopped && enabled) {
      await round().catch((err: Error) => log.error('card watcher', { error: err.name }));
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }

  const unsubscribe = events.subscribe((e) => {
    if (e.type !== 'settings.changed') return;
    const want = e.settings.cardReader === 'pcsc';
    if (want && !enabled) {
      enabled = true;
      publish({ enabled: true, state: 'waiting' });
      loop = loop.then(run);
    } else if (!want) {
      enabled = false;
      publish({ enabled: false, state: 'off' });
    }
  });
  if (enabled) loop = run();
  events.emit({ type: 'card.state', reader: state });

  return {
    stop: async () => {
      stopped = true;
      unsubscribe();
      await loop;
    },
  };
}
