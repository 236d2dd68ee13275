import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFrameParser, encodeFrame, MAX_BODY, type ReaderFrame } from './serial-frames';

const frameArb = fc.record({ cmd: fc.integer({ min: 0, max: 255 }), slot: fc.integer({ min: 0, max: 1 }), data: fc.uint8Array({ maxLength: MAX_BODY - 2 }) });

describe('serial reader frames', () => {
  it('parse back what was encoded, whatever the chunking', () => {
    fc.assert(
      fc.property(fc.array(frameArb, { maxLength: 5 }), fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1 }), (frames, cuts) => {
        const got: ReaderFrame[] = [];
        const p = createFrameParser((f) => got.push(f));
        const bytes = Uint8Array.from(frames.flatMap((f) => [...encodeFrame(f)]));
        for (let i = 0, k = 0; i < bytes.length; k++) {
          const n = cuts[k % cuts.length];
          p.push(bytes.subarray(i, i + n));
          i += n;
        }
        expect(got).toEqual(frames.map((f) => ({ ...f, data: Uint8Array.from(f.data) })));
      }),
    );
  });

  it('skip noise and damaged frames and still find the good one after them', () => {
    const good = { cmd: 0x93, slot: 0, data: Uint8Array.from([0x00, 0x90, 0x00]) };
    const damaged = encodeFrame(good);
    damaged[6] ^= 0xff;
    const got: ReaderFrame[] = [];
    const dropped: string[] = [];
    const p = createFrameParser((f) => got.push(f), (w) => dropped.push(w));
    p.push(Uint8Array.from([0xff, 0x02, 0xff, 0xff, 0x13, ...damaged, 0x55, ...encodeFrame(good)]));
    expect(got).toEqual([good]);
    expect(dropped.length).toBeGreaterThan(0);
  });

  it('never returns a frame from random bytes that hold no STX', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 100 }).map((c) => c.filter((b) => b !== 0x02)), { maxLength: 20 }), (chunks) => {
        const got: ReaderFrame[] = [];
        const p = createFrameParser((f) => got.push(f));
        for (const c of chunks) p.push(c);
        expect(got).toEqual([]);
      }),
    );
  });

  it('never throws on random bytes, and every frame it finds in them is one whose exact bytes were sent', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 100 }), { maxLength: 20 }), fc.option(frameArb), fc.nat(), (chunks: Uint8Array[], planted, at) => {
        // Now and then a real frame among the noise, which must be found once enough bytes follow it for
        // any false start before it (an STX in the noise with a plausible length) to be checked and dropped.
        if (planted) chunks.splice(at % (chunks.length + 1), 0, new Uint8Array(encodeFrame(planted)));
        if (planted) chunks.push(new Uint8Array(MAX_BODY + 6));
        const sent = Buffer.concat(chunks);
        const got: ReaderFrame[] = [];
        const p = createFrameParser((f) => got.push(f));
        for (const c of chunks) p.push(c);
        for (const f of got) expect(sent.includes(Buffer.from(encodeFrame(f)))).toBe(true);
        if (planted) expect(got.some((f) => Buffer.from(encodeFrame(f)).equals(Buffer.from(encodeFrame(planted))))).toBe(true);
      }),
    );
  });
});
