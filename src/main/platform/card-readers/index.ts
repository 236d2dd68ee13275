import type { Settings } from '../../../shared/settings';
import { CardError } from '../../core/ssc-card/apdu';
import type { SerialReaderSession } from '../../core/ssc-card/framed-reader';
import { openHidReader } from '../../core/ssc-card/hid-reader';
import type { CardReaderFactory, CardReaderPort, CardSession } from '../../core/ssc-card/ports';
import type { HidBackend } from '../../core/scanners/ports';
import { nodeHidBackend } from '../scanners/drivers';
import { openPcscSession } from './pcsc';
import { openSerialReader } from './serial';

/** A framed (serial or HID) reader's session, named for the device panel. */
const named = (s: SerialReaderSession, device: string): CardSession => ({ ...s, cardReader: device, psamReader: s.psam ? `${device} (SAM)` : null });

/** The reader the settings choose: PC/SC by name (or the first), a serial port, or a HID device. */
export function cardReaderFor(s: Settings, opts: { hidBackend?: () => Promise<HidBackend> } = {}): CardReaderPort | null {
  switch (s.cardReader) {
    case 'pcsc':
      return {
        transport: 'pcsc',
        device: s.cardReaderName || 'PC/SC',
        open: (timeoutMs) => openPcscSession({ reader: s.cardReaderName || undefined, psamReader: s.psamReaderName || undefined, timeoutMs }),
      };
    case 'serial':
      return {
        transport: 'serial',
        device: s.cardReaderPort,
        open: async () => {
          if (!s.cardReaderPort) throw new CardError('port-error', 'No serial port is set for the card reader.');
          return named(await openSerialReader(s.cardReaderPort, s.cardReaderBaudRate), s.cardReaderPort);
        },
      };
    case 'hid':
      return {
        transport: 'hid',
        device: s.cardReaderHidPath,
        open: async () => {
          if (!s.cardReaderHidPath) throw new CardError('port-error', 'No HID device is set for the card reader.');
          return named(await openHidReader(await (opts.hidBackend ?? nodeHidBackend)(), s.cardReaderHidPath), s.cardReaderHidPath);
        },
      };
    default:
      return null;
  }
}

/** The card readers of this system (an in-process HID device in tests). */
export const systemCardReaders = (opts: { hidBackend?: () => Promise<HidBackend> } = {}): CardReaderFactory => (s) => cardReaderFor(s, opts);
