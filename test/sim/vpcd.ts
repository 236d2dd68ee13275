/**
 * Puts a virtual card into one of vpcd's virtual readers: a TCP client to pcscd's vpcd port speaking
 * its protocol (frames of a 2-byte big-endian length and a payload; a 1-byte payload is a control
 * code: 0 power off, 1 power on, 2 reset, 4 send the ATR; anything longer is an APDU to answer).
 * Connecting is inserting the card; closing the connection is pulling it out.
 */
import { createConnection, type Socket } from 'node:net';
import { ATR } from './virtual-ssc-card';

export const VPCD_CARD_PORT = 35963;
export const VPCD_SAM_PORT = 35964;

export interface VirtualDevice {
  respond(apdu: Uint8Array): Uint8Array;
  reset(): void;
}

export class VpcdSlot {
  private socket: Socket | null = null;

  constructor(
    private readonly device: VirtualDevice,
    private readonly port: number,
    private readonly host = '127.0.0.1',
    /** A delay before each answer, to model a slow card (or to pull it out mid-read in tests). */
    private readonly answerDelayMs = 0,
  ) {}

  get inserted(): boolean {
    return this.socket !== null;
  }

  insert(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = createConnection({ port: this.port, host: this.host }, () => {
        this.socket = socket;
        resolve();
      });
      let buffer = Buffer.alloc(0);
      socket.on('data', (chunk) => {
        buffer = Buffer.concat([buffer, chunk]);
        while (buffer.length >= 2 && buffer.length >= 2 + buffer.readUInt16BE(0)) {
          const payload = buffer.subarray(2, 2 + buffer.readUInt16BE(0));
          buffer = buffer.subarray(2 + payload.length);
          this.handle(socket, new Uint8Array(payload));
        }
      });
      socket.on('error', (err) => {
        if (!this.socket) reject(err);
      });
      socket.on('close', () => {
        if (this.socket === socket) this.socket = null;
      });
    });
  }

  remove(): Promise<void> {
    const s = this.socket;
    this.socket = null;
    this.device.reset();
    if (!s) return Promise.resolve();
    return new Promise((resolve) => {
      s.once('close', () => resolve());
      s.destroy();
    });
  }

  private handle(socket: Socket, payload: Uint8Array): void {
    const send = (data: Uint8Array) => {
      const frame = Buffer.alloc(2 + data.length);
      frame.writeUInt16BE(data.length, 0);
      Buffer.from(data).copy(frame, 2);
      if (!socket.destroyed) socket.write(frame);
    };
    if (payload.length === 1) {
      if (payload[0] === 4) send(ATR);
      else this.device.reset();
      return;
    }
    const answer = this.device.respond(payload);
    if (this.answerDelayMs) setTimeout(() => send(answer), this.answerDelayMs);
    else send(answer);
  }
}
