/**
 * Base45 (RFC 9285). Written here because the npm packages for it accept what §4.2 says a decoder
 * must refuse (characters outside the alphabet, triplets above 65535, a lone trailing character),
 * and a verifier has to tell a damaged QR from a good one.
 */
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
const VALUE = new Map([...ALPHABET].map((c, i) => [c, i]));

export class Base45Error extends Error {}

export function base45Encode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    let n = bytes[i] * 256 + bytes[i + 1];
    for (let k = 0; k < 3; k++, n = Math.floor(n / 45)) out += ALPHABET[n % 45];
  }
  if (bytes.length % 2) {
    const n = bytes[bytes.length - 1];
    out += ALPHABET[n % 45] + ALPHABET[Math.floor(n / 45)];
  }
  return out;
}

export function base45Decode(text: string): Uint8Array {
  if (text.length % 3 === 1) throw new Base45Error(`a base45 text cannot have length ${text.length}`);
  const out = new Uint8Array(Math.floor(text.length / 3) * 2 + (text.length % 3 === 2 ? 1 : 0));
  let o = 0;
  for (let i = 0; i < text.length; i += 3) {
    const digits = text.slice(i, i + 3);
    let n = 0;
    for (let k = digits.length - 1; k >= 0; k--) {
      const v = VALUE.get(digits[k]);
      if (v === undefined) throw new Base45Error(`character ${JSON.stringify(digits[k])} at ${i + k} is not base45`);
      n = n * 45 + v;
    }
    if (digits.length === 3) {
      if (n > 0xffff) throw new Base45Error(`the group at ${i} is ${n}, above 65535`);
      out[o++] = n >> 8;
      out[o++] = n & 0xff;
    } else {
      if (n > 0xff) throw new Base45Error(`the last pair is ${n}, above 255`);
      out[o++] = n;
    }
  }
  return out;
}
