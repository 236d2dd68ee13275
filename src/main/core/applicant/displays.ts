import { randomInt, randomUUID } from 'node:crypto';
import type { Grade } from '../../../shared/applicant';
import { createLogger } from '../log/logger';
import type { Guesser } from '../calls/handler-spec';

const log = createLogger('displays');

/** How long a pairing code is good for: long enough to walk to the tablet, short enough not to linger. */
export const PAIRING_MS = 2 * 60_000;
/** Wrong codes one connection may send; after that it is refused and closed (a person mistypes once or twice). */
export const WRONG_CODES_PER_CONNECTION = 5;
/** Wrong codes one address may send within ADDRESS_WINDOW_MS before it is refused for LOCKOUT_MS. */
export const WRONG_CODES_PER_ADDRESS = 10;
export const ADDRESS_WINDOW_MS = 10 * 60_000;
export const LOCKOUT_MS = 10 * 60_000;
/** Addresses remembered at most: a flood of spoofed ones cannot grow memory without bound. */
const ADDRESSES_KEPT = 4096;
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

export interface JoinAnswer {
  clerk: string | null;
  /** Refused without looking at the code: the connection or the address tried too many. */
  refused: boolean;
  retryAfterMs: number;
  /** How long to wait before answering a wrong code, so that a guesser is slowed. */
  delayMs: number;
}

/**
 * The address a guesser is known by: an IPv4 address as it is (IPv4-mapped IPv6 too), an IPv6 address
 * by its /64, since one device on a network can take any number of addresses inside its prefix.
 */
export function addressKey(address: string | null): string {
  if (!address) return 'local';
  const a = address.toLowerCase().replace(/^::ffff:(?=\d+\.)/, '');
  if (!a.includes(':')) return a;
  const [head, tail = ''] = a.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = a.includes('::') ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':') + '::/64';
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
  const guessers = new Map<string, { wrong: number[]; lockedUntil: number }>();

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
    /**
     * The clerk a code pairs with, once. A wrong or spent code counts against the connection and the
     * address it came from, never against the clerk's code: a stranger trying codes is slowed (`delayMs`,
     * doubling), then refused, and the codes of the window stay good for the tablet.
     */
    join(code: string, from: Guesser): JoinAnswer {
      const t = now().getTime();
      const key = addressKey(from.address);
      const g = guessers.get(key);
      if ((g && g.lockedUntil > t) || from.wrong >= WRONG_CODES_PER_CONNECTION) {
        return { clerk: null, refused: true, retryAfterMs: Math.max(0, (g?.lockedUntil ?? t) - t), delayMs: 0 };
      }
      const p = codes.get(code);
      if (!p || p.expires < t) {
        from.wrong++;
        const entry = g ?? { wrong: [], lockedUntil: 0 };
        entry.wrong = [...entry.wrong.filter((at) => t - at < ADDRESS_WINDOW_MS), t];
        guessers.delete(key);
        guessers.set(key, entry);
        if (guessers.size > ADDRESSES_KEPT) guessers.delete(guessers.keys().next().value!);
        if (entry.wrong.length >= WRONG_CODES_PER_ADDRESS) {
          entry.lockedUntil = t + LOCKOUT_MS;
          // Said in the log for the office's IT: a device on the network is trying pairing codes.
          log.warn('an address trying pairing codes is refused for a while', { wrong: entry.wrong.length, minutes: LOCKOUT_MS / 60_000 });
        }
        const n = Math.max(from.wrong, entry.wrong.length);
        return { clerk: null, refused: false, retryAfterMs: 0, delayMs: n < 2 ? 0 : Math.min(2000, 250 * 2 ** (n - 2)) };
      }
      codes.delete(code);
      paired.set(p.clerk, (paired.get(p.clerk) ?? 0) + 1);
      return { clerk: p.clerk, refused: false, retryAfterMs: 0, delayMs: 0 };
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
