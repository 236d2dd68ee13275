import { SerialPort } from 'serialport';
import { createHidPosFramer } from '../../core/scanners/hid-pos-framer';
import { createLineFramer } from '../../core/scanners/line-framer';
import type { HidBackend, HidDeviceLike, ScannerDriver, ScannerDrivers } from '../../core/scanners/ports';
import { watchPortGone } from '../serial/port-gone';

export type { HidBackend, HidDeviceLike };

const OPEN_TIMEOUT_MS = 5000;

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e) => (clearTimeout(t), reject(e)),
    );
  });
}

/** A scanner in USB-serial mode: lines ended by CR and/or LF. */
export function serialScanner(path: string, baudRate: number): ScannerDriver {
  return async (h) => {
    if (!path) throw new Error('no serial port is set');
    const port = new SerialPort({ path, baudRate, autoOpen: false });
    await withTimeout(
      new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve()))),
      OPEN_TIMEOUT_MS,
      `opening ${path}`,
    );
    const framer = createLineFramer(h.onScan, () => h.onNoise('a line longer than any QR code'));
    let closing = false;
    let gone = false;
    const goneOnce = (reason: string) => {
      if (closing || gone) return;
      gone = true;
      stopWatching();
      h.onGone(reason);
      if (port.isOpen) port.close(() => undefined);
    };
    const stopWatching = watchPortGone(path, () => goneOnce('the port is gone (unplugged?)'));
    port.on('data', (chunk: Buffer) => framer.push(chunk));
    port.on('close', () => goneOnce('the port closed (unplugged?)'));
    port.on('error', (err: Error) => goneOnce(err.message));
    return {
      device: path,
      close: () =>
        new Promise<void>((resolve) => {
          closing = true;
          stopWatching();
          if (!port.isOpen) return resolve();
          port.close(() => resolve());
        }),
    };
  };
}

/** The USB HID usage page of point-of-sale barcode scanners. */
export const HID_POS_USAGE_PAGE = 0x8c;

export async function nodeHidBackend(): Promise<HidBackend> {
  const HID = await import('node-hid');
  return {
    devices: () => HID.devices(),
    open: async (path) => {
      const d = await HID.HIDAsync.open(path);
      return d as unknown as HidDeviceLike;
    },
  };
}

/** A scanner in HID POS mode: the device at `path`, or the first HID POS scanner found. */
export function hidScanner(backend: () => Promise<HidBackend>, path: string): ScannerDriver {
  return async (h) => {
    const b = await backend();
    const target = path || b.devices().find((d) => d.usagePage === HID_POS_USAGE_PAGE && d.path)?.path;
    if (!target) throw new Error('no HID POS scanner is connected');
    const device = await withTimeout(b.open(target), OPEN_TIMEOUT_MS, `opening ${target}`);
    const framer = createHidPosFramer(h.onScan, h.onNoise);
    let closing = false;
    device.on('data', (report) => framer.push(report));
    device.on('error', (err) => {
      if (!closing) h.onGone(err.message);
    });
    return {
      device: target,
      close: async () => {
        closing = true;
        await device.close();
      },
    };
  };
}

/** The scanner drivers of this system: serialport and node-hid (an in-process HID device in tests). */
export function systemScannerDrivers(opts: { hidBackend?: () => Promise<HidBackend> } = {}): ScannerDrivers {
  return { serial: serialScanner, hid: (path) => hidScanner(opts.hidBackend ?? nodeHidBackend, path) };
}
