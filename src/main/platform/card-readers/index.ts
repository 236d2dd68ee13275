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

/** A framed reader at the path the settings name (a serial port or a HID device): refused at open when none is set. */
function framedReader(transport: 'serial' | 'hid', path: string, what: string, open: (path: string) => Promise<SerialReaderSession>): CardReaderPort {
  return {
    transport,
    device: path,
    open: async () => {
      if (!path) throw new CardError('port-error', `No ${what} is set for the card reader.`);
      return named(await open(path), path);
    },
  };
}

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
      return framedReader('serial', s.cardReaderPort, 'serial port', (port) => openSerialReader(port, s.cardReaderBaudRate));
    case 'hid':
      return framedReader('hid', s.cardReaderHidPath, 'HID device', async (path) => openHidReader(await (opts.hidBackend ?? nodeHidBackend)(), path));
    default:
      return null;
  }
}

/** The card readers of this system (an in-process HID device in tests). */
export const systemCardReaders = (opts: { hidBackend?: () => Promise<HidBackend> } = {}): CardReaderFactory => (s) => cardReaderFor(s, opts);
