/**
 * Tells a USB barcode scanner in keyboard mode from a person typing: a scanner types a burst of
 * characters, each within `maxGapMs` of the last, ending in Enter. Characters are held back until
 * the burst is decided, so a scan is never typed into a text field; a person's typing is released
 * as soon as a pause shows it was not a scan (so each key is delayed by at most `maxGapMs`).
 *
 * Pure logic with an injected clock and timer, so it is tested without a DOM.
 */
export interface WedgeOptions {
  maxGapMs: number;
  /** Shorter bursts are typing, whatever their speed (the shortest reference is a 10-digit number). */
  minLength: number;
}

export type WedgeEvent = { kind: 'scan'; text: string } | { kind: 'typed'; text: string };

export interface WedgeDetector {
  /**
   * Feeds one key. Returns true when the key is taken (the caller prevents its default action),
   * false when it should go through as usual.
   */
  key(key: string, at: number): boolean;
  /** Called by the caller's timer `maxGapMs` after the last key taken. */
  timeout(at: number): void;
}

export function createWedgeDetector(opts: WedgeOptions, emit: (e: WedgeEvent) => void): WedgeDetector {
  let buffer = '';
  let last = 0;

  const release = () => {
    if (buffer) emit({ kind: 'typed', text: buffer });
    buffer = '';
  };

  return {
    key(key, at) {
      if (buffer && at - last > opts.maxGapMs) release();
      if (key === 'Enter') {
        if (!buffer) return false;
        if (buffer.length >= opts.minLength) {
          emit({ kind: 'scan', text: buffer });
          buffer = '';
          return true;
        }
        // Too short to be a scan: give the characters back, and let Enter do what it does.
        release();
        return false;
      }
      if (key.length !== 1) {
        release();
        return false;
      }
      buffer += key;
      last = at;
      return true;
    },
    timeout(at) {
      if (buffer && at - last >= opts.maxGapMs) release();
    },
  };
}
