/**
 * Passport readers send the machine-readable zone as lines of text, one per row, each ended by CR or
 * LF (over serial, or typed as a keyboard). A passport (TD3) has two rows of 44 characters, a TD2
 * document two rows of 36. This joins two such rows that arrive one after the other into one MRZ;
 * anything else is not an MRZ row and is left for the caller (a QR scan). Platform-neutral: the core's
 * serial scanner service and the renderer's keyboard-wedge scanner both use it.
 */
const ROW = /^[A-Z0-9<]+$/;

export function isMrzRow(text: string): boolean {
  const t = text.trim();
  return (t.length === 44 || t.length === 36) && ROW.test(t) && t.includes('<');
}

export interface MrzAssembler {
  /** True when the text was an MRZ row (taken here); false when it is something else. */
  feed(text: string, atMs: number): boolean;
}

/** Rows further apart than `maxGapMs` do not belong together: the first is dropped. */
export function createMrzAssembler(onMrz: (line1: string, line2: string) => void, maxGapMs = 3000): MrzAssembler {
  let held: { row: string; at: number } | null = null;
  return {
    feed(text, atMs) {
      if (!isMrzRow(text)) return false;
      const row = text.trim();
      if (held && held.row.length === row.length && atMs - held.at <= maxGapMs) {
        const first = held.row;
        held = null;
        onMrz(first, row);
      } else held = { row, at: atMs };
      return true;
    },
  };
}
