import type { Database } from 'better-sqlite3-multiple-ciphers';
import { getStoreMeta, setStoreMeta } from '../settings/settings';
import type { UpstreamClient } from './upstream-client';

const OFFSET = 'sync.clock.offset-ms';
export const CLOCK_WARNING_MS = 2 * 60_000;

/**
 * The trusted clock: this PC's time corrected by the server's, measured at each sync (half the round
 * trip taken as the one-way delay) and kept in the store, so verdicts and deadlines use the server's
 * time also offline and after a restart. With no measurement yet, the PC's own time.
 */
export function createTrustedClock(db: Database) {
  let offset = Number(getStoreMeta(db, OFFSET) ?? NaN);
  return {
    now: () => new Date(Date.now() + (Number.isFinite(offset) ? offset : 0)),
    offsetMs: () => (Number.isFinite(offset) ? offset : null),
    async measure(client: UpstreamClient): Promise<number> {
      const t0 = Date.now();
      const { now } = await client.time();
      const t1 = Date.now();
      offset = Math.round(Date.parse(now) - (t0 + t1) / 2);
      setStoreMeta(db, OFFSET, String(offset));
      return offset;
    },
  };
}

export type TrustedClock = ReturnType<typeof createTrustedClock>;
