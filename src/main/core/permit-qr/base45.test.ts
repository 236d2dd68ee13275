import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base45Decode, base45Encode } from './base45';

const text = (s: string) => new TextEncoder().encode(s);
const str = (b: Uint8Array) => new TextDecoder().decode(b);

describe('base45 (RFC 9285)', () => {
  it('encodes and decodes the examples of RFC 9285 §4.3 and §4.4', () => {
    expect(base45Encode(text('AB'))).toBe('BB8');
    expect(base45Encode(text('Hello!!'))).toBe('%69 VD92EX0');
    expect(base45Encode(text('base-45'))).toBe('UJCLQE7W581');
    expect(str(base45Decode('QED8WEX0'))).toBe('ietf!');
    expect(base45Encode(text('ietf!'))).toBe('QED8WEX0');
  });

  it('refuses what §4.2 says to refuse', () => {
    expect(() => base45Decode('GGW')).toThrow(/above 65535/);
    expect(base45Decode('U5')).toEqual(new Uint8Array([255]));
    expect(() => base45Decode('AB')).toThrow(/above 255/);
    expect(() => base45Decode(':~')).toThrow(/not base45/);
    expect(() => base45Decode('ABCD')).toThrow(/length/);
    expect(() => base45Decode('abc')).toThrow(/not base45/);
    expect(() => base45Decode('::')).toThrow(/above 255/);
  });

  it('round-trips any bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      expect(base45Decode(base45Encode(bytes))).toEqual(bytes);
    }));
  });
});
