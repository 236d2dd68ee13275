import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHidPosFramer, hidPosReports } from './hid-pos-framer';
import { createLineFramer } from './line-framer';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('serial scanner lines', () => {
  it('splits on CR, LF and CR LF, across chunk boundaries, ignoring empty lines', () => {
    const lines: string[] = [];
    const f = createLineFramer((l) => lines.push(l));
    f.push(bytes('WPN1:AB'));
    f.push(bytes('C\r'));
    f.push(bytes('\n\r\n1101082026'));
    f.push(bytes('00001000\n'));
    f.push(bytes('x'));
    expect(lines).toEqual(['WPN1:ABC', '110108202600001000']);
  });

  it('drops a line longer than the bound whole, says so, and reads the next one', () => {
    const lines: string[] = [];
    let overflows = 0;
    const f = createLineFramer((l) => lines.push(l), () => overflows++, 10);
    f.push(bytes('0123456789ABCDEF\r\nshort\n'));
    expect(lines).toEqual(['short']);
    expect(overflows).toBe(1);
  });

  it('never throws and never emits more than the bound, on any bytes', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 30 }), (chunks) => {
        const f = createLineFramer((l) => expect(new TextEncoder().encode(l).length).toBeLessThanOrEqual(8192 * 3), () => undefined, 200);
        for (const c of chunks) f.push(c);
      }),
    );
  });
});

describe('HID POS scanner reports', () => {
  it('joins a scan sent over several reports', () => {
    const text = `WPN1:${'NCFOXN%TS3'.repeat(30)}`;
    const scans: string[] = [];
    const f = createHidPosFramer((t) => scans.push(t), () => undefined);
    const reports = hidPosReports(text);
    expect(reports.length).toBeGreaterThan(1);
    for (const r of reports) f.push(r);
    expect(scans).toEqual([text]);
  });

  it('reports a short or inconsistent report and drops the scan in progress', () => {
    const bad: string[] = [];
    const scans: string[] = [];
    const f = createHidPosFramer((t) => scans.push(t), (why) => bad.push(why));
    const [first] = hidPosReports('A'.repeat(100));
    f.push(first);
    f.push(new Uint8Array(10));
    const wrongLength = new Uint8Array(64);
    wrongLength[1] = 200;
    f.push(wrongLength);
    for (const r of hidPosReports('110108202600001000')) f.push(r);
    expect(bad).toHaveLength(2);
    expect(scans).toEqual(['110108202600001000']);
  });

  it('never throws on random reports', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ minLength: 0, maxLength: 70 }), { maxLength: 200 }), (reports) => {
        const f = createHidPosFramer(() => undefined, () => undefined);
        for (const r of reports) f.push(r);
      }),
    );
  });
});
