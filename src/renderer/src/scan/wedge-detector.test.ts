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
});
