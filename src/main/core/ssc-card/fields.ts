/**
 * Decoding the social security card's fields (ssc-card.md §1): BCD dates, ASCII and GBK text with
 * their padding, the card identification code as hex. Pure functions of bytes; a field that does not
 * decode is null, never an exception.
 */
import { isCalendarDate } from '../dates/calendar';

const gbk = new TextDecoder('gbk', { fatal: true });

/** Text padded with 00 (or F/FF on some issuers' numeric text); GBK for names. */
export function decodeText(bytes: Uint8Array, encoding: 'ascii' | 'gbk'): string | null {
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 0x00 || bytes[end - 1] === 0xff || bytes[end - 1] === 0x20)) end--;
  if (end === 0) return null;
  const body = bytes.subarray(0, end);
  if (encoding === 'ascii') {
    for (const b of body) if (b < 0x20 || b > 0x7e) return null;
    return String.fromCharCode(...body);
  }
  try {
    return gbk.decode(body);
  } catch {
    return null;
  }
}

/** BCD YYYYMMDD (padding F) as YYYY-MM-DD, or null when it is not a real date. */
export function decodeBcdDate(bytes: Uint8Array): string | null {
  if (bytes.length < 4) return null;
  let digits = '';
  for (const b of bytes.subarray(0, 4)) {
    const hi = b >> 4;
    const lo = b & 0x0f;
    if (hi > 9 || lo > 9) return null;
    digits += `${hi}${lo}`;
  }
  const iso = `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`;
  return isCalendarDate(iso) ? iso : null;
}

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex').toUpperCase();
}

/** Sex: ASCII "1" male, "2" female; anything else is unknown. */
export function decodeSex(bytes: Uint8Array): 'M' | 'F' | null {
  const t = decodeText(bytes, 'ascii');
  return t === '1' ? 'M' : t === '2' ? 'F' : null;
}

/**
 * The answer to READ RECORD by tag: `tag | length | value` (the status word already removed).
 * Returns the value, or null when the tag or length does not fit.
 */
export function parseTaggedRecord(data: Uint8Array, tag: number): Uint8Array | null {
  if (data.length < 2 || data[0] !== tag) return null;
  const length = data[1];
  if (2 + length > data.length) return null;
  return data.subarray(2, 2 + length);
}
