import { performance } from 'node:perf_hooks';
import { deflateSync, inflateSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PERMIT_VERDICTS } from '../../../shared/permit-qr';
import { base45Decode, base45Encode } from './base45';
import { signPermitQr } from './sign';
import { EXP, IAT, SAMPLE_PERMIT, newSigner, trustFor } from './test-signer';
import { MAX_INFLATED_BYTES, verifyPermitQr } from './verify';

const signer = newSigner();
const trust = trustFor([signer.publicKey], { version: 1, revoked: ['110108202600009999'] });
const NOW = new Date('2026-11-23T03:00:00Z');
const valid = signPermitQr({ iss: 'CN-110000', iat: IAT, exp: EXP, wp: SAMPLE_PERMIT }, signer.privateKey);

/** One call: no exception escapes, exactly one known verdict, within the bound a counter can wait. */
function checkOne(input: string): void {
  const start = performance.now();
  const r = verifyPermitQr(input, { trust, now: NOW });
  const ms = performance.now() - start;
  expect(PERMIT_VERDICTS).toContain(r.verdict);
  expect(ms).toBeLessThan(200);
  if (r.verdict !== 'VALID' && r.verdict !== 'EXPIRED' && r.verdict !== 'NOT_YET_VALID' && r.verdict !== 'REVOKED') {
    expect(r.permit).toBeUndefined();
  }
}

describe('permit QR verification under random input', () => {
  it('gives one verdict for any text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 5000, unit: 'binary' }), checkOne), { numRuns: 500 });
  });

  it('gives one verdict for random bytes presented as a WPN1 payload, compressed or not', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), fc.boolean(), (bytes, compress) => {
        checkOne(`WPN1:${base45Encode(compress ? deflateSync(bytes) : bytes)}`);
      }),
      { numRuns: 500 },
    );
  });

  it('never calls a mutated valid QR VALID unless the signed content is unchanged', () => {
    const body = valid.slice(5);
    const signed = inflateSync(base45Decode(body));
    // A change in the deflate stream's final padding bits inflates to the very same signed bytes:
    // that is still the genuine permit, and VALID is right for it.
    const sameSignedBytes = (text: string) => {
      try {
        return inflateSync(base45Decode(text.slice(5))).equals(signed);
      } catch {
        return false;
      }
    };
    fc.assert(
      fc.property(fc.nat(body.length - 1), fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:'), (at, ch) => {
        const mutated = `WPN1:${body.slice(0, at)}${ch}${body.slice(at + 1)}`;
        checkOne(mutated);
        if (!sameSignedBytes(mutated)) expect(verifyPermitQr(mutated, { trust, now: NOW }).verdict).not.toBe('VALID');
      }),
      { numRuns: 2000 },
    );
  });

  it('stops inflating at the bound: a zlib bomb is MALFORMED at zlib, quickly', () => {
    // 2 MiB of zeros deflates to about 2 KB: a text that fits in a QR.
    const bomb = deflateSync(new Uint8Array(2 * 1024 * 1024), { level: 9 });
    expect(5 + base45Encode(bomb).length).toBeLessThanOrEqual(4296);
    const start = performance.now();
    expect(verifyPermitQr(`WPN1:${base45Encode(bomb)}`, { trust, now: NOW })).toMatchObject({ verdict: 'MALFORMED', stage: 'zlib' });
    expect(performance.now() - start).toBeLessThan(200);
    const atBound = deflateSync(new Uint8Array(MAX_INFLATED_BYTES));
    expect(verifyPermitQr(`WPN1:${base45Encode(atBound)}`, { trust, now: NOW }).stage).not.toBe('zlib');
    const overBound = deflateSync(new Uint8Array(MAX_INFLATED_BYTES + 1));
    expect(verifyPermitQr(`WPN1:${base45Encode(overBound)}`, { trust, now: NOW }).stage).toBe('zlib');
  });
});
