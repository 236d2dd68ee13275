import type { HidBackend } from '../scanners/ports';
import { CardError } from './apdu';
import { openFramedReader, type ReaderStream, type SerialReaderSession } from './framed-reader';

/** HID card readers carry the serial framing in 64-byte reports: byte 0 the report id (0), byte 1 the
 * number of frame bytes that follow (1–62), then the bytes. */
export const HID_REPORT = 64;

export function bytesToReports(bytes: Uint8Array): Uint8Array[] {
  const reports: Uint8Array[] = [];
  for (let o = 0; o < bytes.length; o += HID_REPORT - 2) {
    const chunk = bytes.subarray(o, o + HID_REPORT - 2);
    const r = new Uint8Array(HID_REPORT);
    r[1] = chunk.length;
    r.set(chunk, 2);
    reports.push(r);
  }
  return reports;
}

export function reportToBytes(report: Uint8Array): Uint8Array {
  const n = Math.min(report[1] ?? 0, HID_REPORT - 2, Math.max(0, report.length - 2));
  return report.subarray(2, 2 + n);
}

/** A card reader on HID (through node-hid, or the tests' in-process device), same frames as serial. */
export async function openHidReader(backend: HidBackend, path: string): Promise<SerialReaderSession> {
  let device;
  try {
    device = await backend.open(path);
  } catch (err) {
    throw new CardError('port-error', `The HID reader ${path} cannot be opened: ${(err as Error).message}`);
  }
  const d = device as typeof device & { write?: (data: number[]) => unknown };
  let gone = false;
  d.on('error', () => (gone = true));
  const stream: ReaderStream = {
    // node-hid's HIDAsync.write returns a promise: each report is awaited, and a failed one is this
    // write's failure, never an unhandled rejection.
    write: async (bytes) => {
      if (typeof d.write !== 'function') throw new CardError('write-failed', `The HID device ${path} cannot be written to.`);
      for (const r of bytesToReports(bytes)) {
        try {
          await d.write([...r]);
        } catch (err) {
          throw gone ? new CardError('reader-removed', 'The card reader was unplugged.') : new CardError('write-failed', `The HID reader ${path} cannot be written to: ${(err as Error)?.message ?? err}`);
        }
      }
    },
    onData: (l) => d.on('data', (report) => l(reportToBytes(new Uint8Array(report)))),
    onGone: (l) => d.on('error', () => l()),
    close: async () => {
      await d.close();
      // The watcher opens the reader anew each round: no listener of this session may stay behind.
      (d as { removeAllListeners?: () => void }).removeAllListeners?.();
    },
  };
  return openFramedReader(stream);
}
