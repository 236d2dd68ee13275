/**
 * A card reader on the far end of a socat pseudo-terminal pair, speaking
 * docs/serial-reader-protocol.md with its own framing (acw-sr1-frames.ts, nothing of the app's codec),
 * with a virtual card in slot 0 and a PSAM in slot 1.
 */
import { SerialPort } from 'serialport';
import { Command, Status, frameReader, writeFrame } from './acw-sr1-frames';
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
    const read = frameReader((f) => {
      const answer = (status: number, data: Uint8Array = new Uint8Array(0)) =>
        port.write(writeFrame({ cmd: f.cmd | 0x80, slot: f.slot, data: Uint8Array.from([status, ...data]) }));
      const device = this.slots[f.slot] ?? null;
      if (f.cmd === Command.status) return answer(Status.done, Uint8Array.of(device ? 1 : 0));
      if (!device) return answer(Status.noCard);
      if (f.cmd === Command.powerOn) return device.reset(), answer(Status.done, ATR);
      if (f.cmd === Command.powerOff) return device.reset(), answer(Status.done);
      if (f.cmd === Command.apdu) {
        const s = this.sabotage;
        this.sabotage = null;
        if (s === 'silence') return;
        if (s === 'garbage') return port.write(Buffer.from([0x02, 0xff, 0xff, 0x13, 0x00, 0x99, 0x03, 0x02, 0x00, 0x04]));
        const frame = writeFrame({ cmd: f.cmd | 0x80, slot: f.slot, data: Uint8Array.from([Status.done, ...device.respond(f.data)]) });
        return port.write(s === 'cut' ? frame.subarray(0, frame.length - 3) : frame);
      }
    });
    this.push = read;
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
