/**
 * The serial card reader framing of docs/serial-reader-protocol.md: frames in and out, no I/O.
 */
export const STX = 0x02;
export const ETX = 0x03;
export const MAX_BODY = 300;

export const CMD = { STATUS: 0x10, POWER_ON: 0x11, POWER_OFF: 0x12, APDU: 0x13 } as const;
export const STATUS = { OK: 0x00, NO_CARD: 0x01, MUTE: 0x02, BAD_FRAME: 0x03 } as const;

export interface ReaderFrame {
  cmd: number;
  slot: number;
  data: Uint8Array;
}

export function encodeFrame(f: ReaderFrame): Uint8Array {
  const len = 2 + f.data.length;
  if (len > MAX_BODY) throw new RangeError(`a frame body of ${len} bytes is above ${MAX_BODY}`);
  const out = new Uint8Array(len + 6);
  out[0] = STX;
  out[1] = len >> 8;
  out[2] = len & 0xff;
  out[3] = f.cmd;
  out[4] = f.slot;
  out.set(f.data, 5);
  let lrc = 0;
  for (let i = 1; i < 5 + f.data.length; i++) lrc ^= out[i];
  out[5 + f.data.length] = lrc;
  out[6 + f.data.length] = ETX;
  return out;
}

/**
 * Bytes in, whole checked frames out. Noise before STX, a bad length, a missing ETX or a wrong LRC
 * drop that much and the search goes on from the next STX; a cut frame waits for its end.
 */
export function createFrameParser(onFrame: (f: ReaderFrame) => void, onDropped: (why: string) => void = () => undefined) {
  let buf = new Uint8Array(0);
  return {
    push(bytes: Uint8Array): void {
      const joined = new Uint8Array(buf.length + bytes.length);
      joined.set(buf);
      joined.set(bytes, buf.length);
      buf = joined;
      let i = 0;
      for (;;) {
        while (i < buf.length && buf[i] !== STX) i++;
        if (buf.length - i < 3) break;
        const len = (buf[i + 1] << 8) | buf[i + 2];
        if (len < 2 || len > MAX_BODY) {
          onDropped(`a frame length of ${len}`);
          i++;
          continue;
        }
        if (buf.length - i < len + 5) break;
        const end = i + 3 + len;
        let lrc = 0;
        for (let k = i + 1; k < end; k++) lrc ^= buf[k];
        if (buf[end] !== lrc || buf[end + 1] !== ETX) {
          onDropped(buf[end + 1] !== ETX ? 'no ETX where the frame should end' : 'a wrong LRC');
          i++;
          continue;
        }
        onFrame({ cmd: buf[i + 3], slot: buf[i + 4], data: buf.slice(i + 5, end) });
        i = end + 2;
      }
      buf = buf.slice(i);
    },
  };
}
