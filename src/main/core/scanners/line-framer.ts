/**
 * Scanners in USB-serial mode send each code as a line ended by CR, LF or CR LF. Bytes in, lines
 * out, no I/O. A line longer than `maxLength` (no QR holds more than 4,296 characters) is dropped
 * whole and reported, so a stuck or noisy line cannot grow memory.
 */
export interface LineFramer {
  push(bytes: Uint8Array): void;
}

export function createLineFramer(
  onLine: (text: string) => void,
  onOverflow: () => void = () => undefined,
  maxLength = 8192,
): LineFramer {
  let current: number[] = [];
  let overflowing = false;
  const decoder = new TextDecoder('utf-8', { fatal: false });
  return {
    push(bytes) {
      for (const b of bytes) {
        if (b === 0x0d || b === 0x0a) {
          if (!overflowing && current.length > 0) onLine(decoder.decode(new Uint8Array(current)));
          current = [];
          overflowing = false;
          continue;
        }
        if (overflowing) continue;
        if (current.length >= maxLength) {
          overflowing = true;
          current = [];
          onOverflow();
          continue;
        }
        current.push(b);
      }
    },
  };
}
