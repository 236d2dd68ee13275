import { describe, expect, it } from 'vitest';
import { createWedgeDetector, type WedgeEvent } from './wedge-detector';

function feed(keys: [string, number][], timeouts: number[] = []) {
  const events: WedgeEvent[] = [];
  const d = createWedgeDetector({ maxGapMs: 35, minLength: 10 }, (e) => events.push(e));
  const taken = keys.map(([k, at]) => {
    for (const t of timeouts.filter((x) => x <= at)) d.timeout(t);
    timeouts = timeouts.filter((x) => x > at);
    return d.key(k, at);
  });
  for (const t of timeouts) d.timeout(t);
  return { events, taken };
}

const burst = (text: string, start = 0, gap = 5): [string, number][] => [...text].map((c, i) => [c, start + i * gap] as [string, number]);

describe('keyboard-wedge scanner detection', () => {
  it('recognises a fast burst ending in Enter as a scan and takes every key', () => {
    const keys = [...burst('WPN1:NCFOXN%TS3'), ['Enter', 80] as [string, number]];
    const { events, taken } = feed(keys);
    expect(events).toEqual([{ kind: 'scan', text: 'WPN1:NCFOXN%TS3' }]);
    expect(taken.every(Boolean)).toBe(true);
  });

  it('gives a person\'s typing back when they pause, and lets their Enter through', () => {
    const keys: [string, number][] = [['s', 0], ['m', 120], ['i', 260], ['Enter', 400]];
    const { events, taken } = feed(keys, [35, 155, 295]);
    expect(events).toEqual([{ kind: 'typed', text: 's' }, { kind: 'typed', text: 'm' }, { kind: 'typed', text: 'i' }]);
    expect(taken).toEqual([true, true, true, false]);
  });

  it('treats a short fast burst as typing', () => {
    const { events, taken } = feed([...burst('abc'), ['Enter', 15]]);
    expect(events).toEqual([{ kind: 'typed', text: 'abc' }]);
    expect(taken.at(-1)).toBe(false);
  });

  it('splits a burst broken by a pause: the part before is typing', () => {
    const keys = [...burst('hello'), ...burst('110108202600001000', 500), ['Enter', 600] as [string, number]];
    const { events } = feed(keys);
    expect(events).toEqual([{ kind: 'typed', text: 'hello' }, { kind: 'scan', text: '110108202600001000' }]);
  });

  it('lets modifier and navigation keys through, releasing what was held', () => {
    const { events, taken } = feed([['a', 0], ['Tab', 3]]);
    expect(events).toEqual([{ kind: 'typed', text: 'a' }]);
    expect(taken).toEqual([true, false]);
  });

  it("takes a long scan a busy PC delivers in bunches, with pauses far longer than the scanner's, as one scan", () => {
    // 526 characters: fast runs broken by pauses of 35 to 206 ms, as measured on a loaded PC.
    const text = `WPN1:${'6BFOXN%TS3DH0YOJ58S S-W5HDC *M0II5XHC9B5G2+$N IOP-IA%NFQGRJPC%OQHIZC4.OI1RM8ZA.A5:S9MKN02/ODLHOL*9C PF%Q9$6OLJ5OH.3OM%4QU0ZZKOK6'.repeat(5)}`.slice(0, 526);
    const pauses = [35, 80, 206, 120, 51, 190, 66];
    const keys: [string, number][] = [];
    let at = 0;
    [...text].forEach((c, i) => {
      at += i > 0 && i % 40 === 0 ? pauses[(i / 40) % pauses.length] : 4;
      keys.push([c, at]);
    });
    keys.push(['Enter', at + 150]);
    const { events, taken } = feed(keys);
    expect(events).toEqual([{ kind: 'scan', text }]);
    expect(taken.every(Boolean)).toBe(true);
  });

  it('a scan that stops without its Enter is a fragment: never a scan, and nothing of it is typed', () => {
    const keys = burst('WPN1:6BFOXN%TS3DH0YOJ58S S-W5HDC');
    const { events } = feed(keys, [keys.at(-1)![1] + 401]);
    expect(events).toEqual([{ kind: 'fragment', length: 32 }]);
  });

  it("a person's slow typing of a long number is typing, key by key", () => {
    const keys: [string, number][] = [...'110108202600001000'].map((c, i) => [c, i * 140]);
    const { events } = feed([...keys, ['Enter', 18 * 140]], keys.map(([, at]) => at + 36));
    expect(events.every((e) => e.kind === 'typed')).toBe(true);
    expect(events.map((e) => (e.kind === 'typed' ? e.text : '')).join('')).toBe('110108202600001000');
  });
});
