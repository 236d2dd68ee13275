/**
 * Tells a USB barcode scanner in keyboard mode from a person typing: a scanner types a burst of
 * characters, each within `maxGapMs` of the last, ending in Enter. Characters are held back until
 * the burst is decided, so a scan is never typed into a text field; a person's typing is released
 * as soon as a pause shows it was not a scan (so each key is delayed by at most `maxGapMs`).
 *
 * A busy PC delivers a scanner's keys in bunches, with pauses between them far longer than the
 * scanner's own (measured: 35–206 ms inside one 526-character scan). So once a burst has shown a
 * scanner's pace (`fastKeys` keys in a row within `maxGapMs`), it is held through pauses of up to
 * `stallMs`; a burst that then stops without its Enter is a `fragment`: neither a scan (a fragment is
 * never verified) nor typing (nothing of it lands in a field), and the screen asks for the scan again.
 *
 * Pure logic with an injected clock and timer, so it is tested without a DOM.
 */
export interface WedgeOptions {
  maxGapMs: number;
  /** Shorter bursts are typing, whatever their speed (the shortest reference is a 10-digit number). */
  minLength: number;
  /** The longest pause inside a burst that has shown a scanner's pace. */
  stallMs?: number;
  /** Keys in a row within `maxGapMs` that show a scanner's pace (no person types three keys that fast). */
  fastKeys?: number;
}

export const DEFAULT_STALL_MS = 400;

export type WedgeEvent = { kind: 'scan'; text: string } | { kind: 'typed'; text: string } | { kind: 'fragment'; length: number };

export interface WedgeDetector {
  /**
   * Feeds one key. Returns true when the key is taken (the caller prevents its default action),
   * false when it should go through as usual.
   */
  key(key: string, at: number): boolean;
  /** Called by the caller's timer, `waitMs()` after the last key taken. */
  timeout(at: number): void;
  /** How long after the last key the burst is decided if no key comes: the caller's timer. */
  waitMs(): number;
}

export function createWedgeDetector(opts: WedgeOptions, emit: (e: WedgeEvent) => void): WedgeDetector {
  const stallMs = Math.max(opts.stallMs ?? DEFAULT_STALL_MS, opts.maxGapMs);
  const fastKeys = opts.fastKeys ?? 3;
  let buffer = '';
  let last = 0;
  // Keys in a row within maxGapMs so far in this burst (its first key counts as one).
  let run = 0;
  let scannerPace = false;

  const waitMs = () => (scannerPace ? stallMs : opts.maxGapMs);
  const reset = () => {
    buffer = '';
    run = 0;
    scannerPace = false;
  };
  /** The burst ended without its Enter. */
  const end = () => {
    if (buffer) emit(scannerPace && buffer.length >= opts.minLength ? { kind: 'fragment', length: buffer.length } : { kind: 'typed', text: buffer });
    reset();
  };

  return {
    key(key, at) {
      if (buffer && at - last > waitMs()) end();
      if (key === 'Enter') {
        if (!buffer) return false;
        if (buffer.length >= opts.minLength) {
          emit({ kind: 'scan', text: buffer });
          reset();
          return true;
        }
        // Too short to be a scan: give the characters back, and let Enter do what it does.
        end();
        return false;
      }
      if (key.length !== 1) {
        end();
        return false;
      }
      run = buffer && at - last <= opts.maxGapMs ? run + 1 : 1;
      if (run >= fastKeys) scannerPace = true;
      buffer += key;
      last = at;
      return true;
    },
    timeout(at) {
      if (buffer && at - last >= waitMs()) end();
    },
    waitMs,
  };
}
