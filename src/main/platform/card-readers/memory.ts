import { CardError, type ApduChannel } from '../../core/ssc-card/apdu';
import type { CardReaderPort } from '../../core/ssc-card/ports';

/** Anything that answers APDUs: a virtual card or PSAM. */
export interface ApduDevice {
  respond(apdu: Uint8Array): Uint8Array;
  reset?(): void;
}

/**
 * An in-memory card reader behind the same port as the real ones, held to the same contract
 * (card-reader-port.contract.ts) as PC/SC over pcscd, serial over a pseudo-terminal and HID: a card
 * and a PSAM go in and out, the reader is unplugged and plugged back, even in the middle of a read.
 */
export function createMemoryCardReader(name = 'Memory reader') {
  let card: ApduDevice | null = null;
  let psam: ApduDevice | null = null;
  let plugged = true;
  /** A read in progress is cut off after this many more APDUs, as by an unplug. */
  let unplugAfter: number | null = null;
  const channel = (device: () => ApduDevice | null): ApduChannel => ({
    transmit: async (apdu) => {
      await new Promise((r) => setImmediate(r));
      if (unplugAfter !== null && unplugAfter-- <= 0) {
        plugged = false;
        unplugAfter = null;
      }
      if (!plugged) throw new CardError('reader-removed', 'The card reader was unplugged.');
      const d = device();
      if (!d) throw new CardError('card-removed', 'The card was pulled out during the read.');
      return d.respond(apdu);
    },
  });
  const port: CardReaderPort = {
    transport: 'serial',
    device: name,
    open: async () => {
      if (!plugged) throw new CardError('port-error', `${name} cannot be opened: it is not connected.`);
      if (!card) throw new CardError('no-card', 'No card is in the reader.');
      card.reset?.();
      psam?.reset?.();
      return { card: channel(() => card), psam: psam ? channel(() => psam) : null, cardReader: name, psamReader: psam ? `${name} (SAM)` : null, close: async () => undefined };
    },
  };
  return {
    port,
    insert: (c: ApduDevice) => void (card = c),
    remove: () => void (card = null),
    insertPsam: (p: ApduDevice) => void (psam = p),
    unplug: () => void (plugged = false),
    replug: () => void (plugged = true),
    /** The reader goes away after `apdus` more APDUs of the read in progress. */
    unplugDuringRead: (apdus = 3) => void (unplugAfter = apdus),
  };
}
