import { randomInt, randomUUID } from 'node:crypto';
import type { Grade } from '../../../shared/applicant';
import { createLogger } from '../log/logger';

const log = createLogger('displays');

/** How long a pairing code is good for: long enough to walk to the tablet, short enough not to linger. */
export const PAIRING_MS = 2 * 60_000;
/** Wrong codes taken, over all displays, before every open code is withdrawn: six digits are not guessed. */
export const WRONG_CODES_ALLOWED = 10;
/** A visit left open this long is ended: the next applicant never sees the last one's case. */
export const VISIT_MAX_MS = 60 * 60_000;

export interface Visit {
  id: string;
  noticeNo: string;
  queueNo: string | null;
  openedAt: number;
  evaluation: 'not-asked' | 'asked' | 'done';
  grade: Grade | null;
}

/**
 * Each clerk's display, in memory: the codes waiting to be typed and the visit the clerk has open.
 * Nothing here is personal data beyond a notice number, and nothing needs to outlive the process: a
 * restart ends the visits and the pairings (the display asks for a new code), and the evaluations
 * themselves are in the store.
 */
export function createDisplays(now: () => Date) {
  const codes = new Map<string, { clerk: string; expires: number }>();
  const visits = new Map<string, Visit>();
  const paired = new Map<string, number>();
  let wrong = 0;

  const live = (clerk: string): Visit | null => {
    const v = visits.get(clerk);
    if (v && now().getTime() - v.openedAt > VISIT_MAX_MS) visits.delete(clerk);
    return visits.get(clerk) ?? null;
  };

  return {
    /** A new code for this clerk; an older one of theirs is withdrawn. */
    pair(clerk: string): { code: string; expiresAt: string } {
      for (const [c, p] of codes) if (p.clerk === clerk || p.expires < now().getTime()) codes.delete(c);
      let code: string;
      do code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      while (codes.has(code));
      const expires = now().getTime() + PAIRING_MS;
      codes.set(code, { clerk, expires });
      return { code, expiresAt: new Date(expires).toISOString() };
    },
    /** The clerk a code pairs with, once; null for a wrong or spent one. */
    join(code: string): string | null {
      const p = codes.get(code);
      if (!p || p.expires < now().getTime()) {
        if (++wrong >= WRONG_CODES_ALLOWED) {
          // Said in the log for the office's IT: a device trying codes keeps the counter from pairing.
          log.warn('pairing codes withdrawn after wrong codes', { wrong, withdrawn: codes.size });
          codes.clear();
          wrong = 0;
        }
        return null;
      }
      codes.delete(code);
      paired.set(p.clerk, (paired.get(p.clerk) ?? 0) + 1);
      return p.clerk;
    },
    unpaired(clerk: string): void {
      paired.set(clerk, Math.max(0, (paired.get(clerk) ?? 0) - 1));
    },
    pairedCount: (clerk: string) => paired.get(clerk) ?? 0,
    visit: live,
    /** Opens a visit of this case (a new one when the case changes), or ends it. */
    show(clerk: string, noticeNo: string | null, queueNo: string | null): Visit | null {
      const current = live(clerk);
      if (noticeNo === null) visits.delete(clerk);
      else if (!current || current.noticeNo !== noticeNo) visits.set(clerk, { id: randomUUID(), noticeNo, queueNo, openedAt: now().getTime(), evaluation: 'not-asked', grade: null });
      else if (queueNo) current.queueNo = queueNo;
      return live(clerk);
    },
    ask(clerk: string): Visit | null {
      const v = live(clerk);
      if (v && v.evaluation === 'not-asked') v.evaluation = 'asked';
      return v;
    },
    evaluated(clerk: string, grade: Grade): void {
      const v = live(clerk);
      if (v) {
        v.evaluation = 'done';
        v.grade = grade;
      }
    },
  };
}

export type Displays = ReturnType<typeof createDisplays>;
