/**
 * What the scanner service needs of a scanner, whatever connects it: the host's platform layer gives
 * the drivers (USB-serial through serialport, HID POS through node-hid); the tests give the same
 * drivers over pseudo-terminals and an in-process HID device.
 */

/** An open scanner. `close` ends it; when the device goes away on its own, `onGone` is called once. */
export interface ScannerConnection {
  device: string;
  close(): Promise<void>;
}

export interface ScannerHandlers {
  onScan(text: string): void;
  onGone(reason: string): void;
  /** A frame or report that made no sense; the scanner stays open. */
  onNoise(reason: string): void;
}

export type ScannerDriver = (h: ScannerHandlers) => Promise<ScannerConnection>;

/** The drivers for the scanner kinds the settings name. */
export interface ScannerDrivers {
  serial(path: string, baudRate: number): ScannerDriver;
  /** `path` empty: the first HID POS scanner connected. */
  hid(path: string): ScannerDriver;
}

/** What a HID transport needs of node-hid; the tests give an in-process device with the same shape. */
export interface HidBackend {
  devices(): { path?: string; usagePage?: number; product?: string }[];
  open(path: string): Promise<HidDeviceLike>;
}

export interface HidDeviceLike {
  on(event: 'data', listener: (report: Buffer) => void): void;
  on(event: 'error', listener: (err: Error) => void): void;
  close(): Promise<void> | void;
}
