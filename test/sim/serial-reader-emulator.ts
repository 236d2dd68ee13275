/**
 * A card reader on the far end of a socat pseudo-terminal pair, speaking
 * docs/serial-reader-protocol.md, with a virtual card in slot 0 and a PSAM in slot 1.
 */
import { SerialPort } from 'serialport';
import { CMD, STATUS, createFrameParser, encodeFrame } from '../../src/main/core/ssc-card/serial-frames';
import { ATR } from './virtual-ssc-card';
import type { VirtualDevice } from './vpcd';

/** The reader itself, transport-free: frames in through `push`, answers out through `write`. */
export class ReaderEmulator {
  readonly slots: [VirtualDevice | null, VirtualDevice | null] = [null, null];
  /** For tests: what to do instead of answering the next APDU. */
  sabotage: 'garbage' | 'cut' | 'silence' | null = null;
  readonly push: (bytes: Uint8Array) => void;

  constructor(write: (bytes: Uint8Array) => void) {
    const port = { write: (b: Buffer) => write(new Uint8Array(b)) };
    const parser = createFrameParser((f) => {
      const answer = (status: number, data: Uint8Array = new Uint8Array(0)) =>
        port.write(Buffer.from(encodeFrame({ cmd: f.cmd | 0x80, slot: f.slot, data: Uint8Array.from([status, ...data]) })));
      const device = this.slots[f.slot] ?? null;
      if (f.cmd === CMD.STATUS) return answer(STATUS.OK, Uint8Array.of(device ? 1 : 0));
      if (!device) return answer(STATUS.NO_CARD);
      if (f.cmd === CMD.POWER_ON) return device.reset(), answer(STATUS.OK, ATR);
      if (f.cmd === CMD.POWER_OFF) return device.reset(), answer(STATUS.OK);
      if (f.cmd === CMD.APDU) {
        const s = this.sabotage;
        this.sabotage = null;
        if (s === 'silence') return;
        if (s === 'garbage') return port.write(Buffer.from([0x02, 0xff, 0xff, 0x13, 0x00, 0x99, 0x03, 0x02, 0x00, 0x04]));
        const frame = encodeFrame({ cmd: f.cmd | 0x80, slot: f.slot, data: Uint8Array.from([STATUS.OK, ...device.respond(f.data)]) });
        return port.write(Buffer.from(s === 'cut' ? frame.subarray(0, frame.length - 3) : frame));
      }
    });
    this.push = (bytes) => parser.push(bytes);
  }
}

/** The reader on the far end of a socat pseudo-terminal pair. */
export class SerialReaderEmulator extends ReaderEmulator {
  private port: SerialPort;

  constructor(path: string) {
    let port: SerialPort | null = null;
    super((bytes) => port?.write(Buffer.from(bytes)));
    this.port = port = new SerialPort({ path, baudRate: 115200, autoOpen: false });
    this.port.on('data', (chunk: Buffer) => this.push(chunk));
  }

  open(): Promise<void> {
    return new Promise((resolve, reject) => this.port.open((err) => (err ? reject(err) : resolve())));
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.port.isOpen ? this.port.close(() => resolve()) : resolve()));
  }
}
