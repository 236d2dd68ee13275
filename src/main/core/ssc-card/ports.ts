import type { Settings } from '../../../shared/settings';
import type { ApduChannel } from './apdu';

/** A card in a reader, ready for APDUs (and the PSAM in the reader's SAM slot, when there is one). */
export interface CardSession {
  card: ApduChannel;
  psam: ApduChannel | null;
  /** The reader and the PSAM's slot, by name or port, for the device panel. */
  cardReader: string;
  psamReader: string | null;
  close(): Promise<void>;
}

/**
 * One card reader at the window, of whatever transport (PC/SC, serial, HID); the host's platform
 * layer makes it from the settings. `open` resolves with a session on the card in the reader, or
 * rejects with a CardError: `no-card`, `no-reader`, `reader-not-found`, `pcsc-unavailable`,
 * `port-error` (the reader cannot be opened: unplugged, or another program holds it), or what the
 * reader said. Every wait has a timeout.
 */
export interface CardReaderPort {
  readonly transport: 'pcsc' | 'serial' | 'hid';
  /** The reader as the settings name it, for the device panel. */
  readonly device: string;
  open(timeoutMs: number): Promise<CardSession>;
}

/** The reader the settings choose, or null for none. */
export type CardReaderFactory = (settings: Settings) => CardReaderPort | null;

/** The settings that choose the reader: a change of any of them switches readers. */
export const CARD_READER_SETTINGS = ['cardReader', 'cardReaderName', 'psamReaderName', 'cardReaderPort', 'cardReaderBaudRate', 'cardReaderHidPath'] as const;
