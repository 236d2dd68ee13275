/**
 * A BER-TLV header at `at` (ICAO 9303 Part 10 §4.4 uses tags of one or two bytes and lengths of up to
 * two bytes after 81 or 82): its tag bytes, its value's length and where the value starts; null when
 * the header itself runs past the data or takes a length form the chip's files never use.
 */
export function tlvHeader(data: Uint8Array, at: number): { tag: number[]; length: number; valueAt: number } | null {
  let i = at;
  if (i >= data.length) return null;
  const tag = [data[i++]];
  if ((tag[0] & 0x1f) === 0x1f) {
    if (i >= data.length) return null;
    tag.push(data[i++]);
  }
  if (i >= data.length) return null;
  let length = data[i++];
  if (length === 0x81) {
    if (i + 1 > data.length) return null;
    length = data[i++];
  } else if (length === 0x82) {
    if (i + 2 > data.length) return null;
    length = (data[i] << 8) | data[i + 1];
    i += 2;
  } else if (length >= 0x80) return null;
  return { tag, length, valueAt: i };
}
