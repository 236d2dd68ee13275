/**
 * ACW-SR1 frames as the reader's side writes and reads them, from docs/serial-reader-protocol.md
 * alone (nothing of the app's codec), so that the serial tests meet the app's framing from outside:
 * STX, LEN (2 bytes, big-endian, CMD..DATA), CMD, SLOT, DATA, LRC (XOR of LEN, CMD, SLOT, DATA), ETX.
 */
export const STX = 0x02;
export const ETX = 0x03;
/** The host's commands; the reader answers with the command | 0x80. */
export const Command = { status: 0x10, powerOn: 0x11, powerOff: 0x12, apdu: 0x13 } as const;
/** The first byte of an answer's DATA. */
export const Status = { done: 0x00, noCard: 0x01, cardSilent: 0x02, damaged: 0x03 } as const;

export interface Sr1Frame {
  cmd: number;
  slot: number;
  data: Uint8Array;
}

export function writeFrame(f: Sr1Frame): Buffer {
  const len = 2 + f.data.length;
  const body = Buffer.from([len >> 8, len & 0xff, f.cmd, f.slot, ...f.data]);
  const lrc = body.reduce((x, b) => x ^ b, 0);
  return Buffer.from([STX, ...body, lrc, ETX]);
}

/**
 * Reads frames out of a byte stream as a reader must: from each STX, a length from 2 to 300, then the
 * ETX and the LRC; a frame that fails either is dropped and the search goes on from the next STX.
 */
export function frameReader(onFrame: (f: Sr1Frame) => void): (bytes: Uint8Array) => void {
  let buf = Buffer.alloc(0);
  return (bytes) => {
    buf = Buffer.concat([buf, Buffer.from(bytes)]);
    for (;;) {
      const start = buf.indexOf(STX);
      if (start < 0) {
        buf = Buffer.alloc(0);
        return;
      }
      buf = buf.subarray(start);
      if (buf.length < 3) return;
      const len = (buf[1] << 8) | buf[2];
      if (len < 2 || len > 300) {
        buf = buf.subarray(1);
        continue;
      }
      const total = 1 + 2 + len + 2;
      if (buf.length < total) return;
      const frame = buf.subarray(0, total);
      const lrc = frame.subarray(1, 3 + len).reduce((x, b) => x ^ b, 0);
      if (frame[total - 1] !== ETX || frame[total - 2] !== lrc) {
        buf = buf.subarray(1);
        continue;
      }
      buf = buf.subarray(total);
      onFrame({ cmd: frame[3], slot: frame[4], data: new Uint8Array(frame.subarray(5, 3 + len)) });
    }
  };
}
