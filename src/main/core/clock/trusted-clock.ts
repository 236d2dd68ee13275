import type { Database } from 'better-sqlite3-multiple-ciphers';
import { deleteStoreMeta, getStoreMeta, setStoreMeta } from '../store/meta';

/** Whatever tells the server's time (the upstream client): the clock asks it, and imports nothing of the link. */
export interface TimeSource {
  time(): Promise<{ now: string }>;
}

const OFFSET = 'sync.clock.offset-ms';
/** The offset an admin last accepted: what a new measurement must agree with (0: the PC's own clock). */
const BASE = 'sync.clock.base-ms';
/** A measurement that did not agree, kept for the admin to see and decide on. */
const REFUSED = 'sync.clock.refused';
/** The latest trusted time ever given: time never goes back before it. */
const HIGH = 'sync.clock.high-water';
export const CLOCK_WARNING_MS = 2 * 60_000;
/** How often the high-water mark is written while time runs (it is also written at each measurement). */
const HIGH_WRITE_MS = 60_000;
/** A clock held back by more than this counts as having gone backwards, and the readiness line says so. */
const HELD_MS = 60_000;

export interface RefusedClock {
  offsetMs: number;
  measuredAt: string;
  limitMs: number;
}

export type Measurement = { applied: true; offsetMs: number } | { applied: false; refused: RefusedClock };

const numberMeta = (db: Database, key: string) => {
  const n = Number(getStoreMeta(db, key) ?? NaN);
  return Number.isFinite(n) ? n : null;
};

/**
 * The trusted clock: this PC's time corrected by the server's, measured at each sync (half the round
 * trip taken as the one-way delay) and kept in the store, so verdicts and deadlines use the server's
 * time also offline and after a restart. With no measurement yet, the PC's own time.
 *
 * Whoever answers /v1/time must not move every verdict: a measured offset is applied only when it
 * agrees, within the limit, with the PC's clock (as corrected by the offset an admin last accepted);
 * otherwise the last good offset stays and the admin decides. Time never runs backwards: a PC clock
 * set back (by hand, a bad battery, a server's word) holds at the latest time given, so a permit that
 * has expired stays expired.
 */
export function createTrustedClock(db: Database, localNow: () => number = Date.now) {
  let offset = numberMeta(db, OFFSET);
  let high = numberMeta(db, HIGH) ?? 0;
  let highWritten = high;
  const raw = () => localNow() + (offset ?? 0);

  function remember(t: number): void {
    if (t <= high) return;
    high = t;
    if (t - highWritten >= HIGH_WRITE_MS) {
      setStoreMeta(db, HIGH, String(t));
      highWritten = t;
    }
  }

  /** The offset in force from now; `resetHigh` is the admin's word that the server's time is right, even if before the latest given. */
  function apply(measured: number, resetHigh: boolean): void {
    offset = measured;
    setStoreMeta(db, OFFSET, String(measured));
    deleteStoreMeta(db, REFUSED);
    high = resetHigh ? raw() : Math.max(high, raw());
    setStoreMeta(db, HIGH, String(high));
    highWritten = high;
  }

  function refused(): RefusedClock | null {
    const r = getStoreMeta(db, REFUSED);
    return r ? (JSON.parse(r) as RefusedClock) : null;
  }

  return {
    now(): Date {
      const t = raw();
      remember(t);
      return new Date(Math.max(t, high));
    },
    offsetMs: () => offset,
    /** A measurement that was not applied, for the readiness line and the admin; null when none waits. */
    refused,
    /** How far the PC's clock (with the offset) is behind the latest time given, when it went back; else 0. */
    heldBackMs(): number {
      const behind = high - raw();
      return behind > HELD_MS ? behind : 0;
    },
    async measure(client: TimeSource, limitMs: number): Promise<Measurement> {
      const t0 = localNow();
      const { now } = await client.time();
      const t1 = localNow();
      const measured = Math.round(Date.parse(now) - (t0 + t1) / 2);
      const base = numberMeta(db, BASE) ?? 0;
      if (Math.abs(measured - base) > limitMs) {
        const refused = { offsetMs: measured, measuredAt: new Date(t1).toISOString(), limitMs };
        setStoreMeta(db, REFUSED, JSON.stringify(refused));
        return { applied: false, refused };
      }
      apply(measured, false);
      return { applied: true, offsetMs: measured };
    },
    /**
     * An admin takes the refused measurement as right (the PC's clock is wrong and cannot be mended
     * now): it becomes the offset in force and what later measurements are held to. Returns it, or
     * null when no measurement waits.
     */
    acceptRefused(): number | null {
      const r = refused();
      if (!r) return null;
      setStoreMeta(db, BASE, String(r.offsetMs));
      apply(r.offsetMs, true);
      return r.offsetMs;
    },
  };
}

export type TrustedClock = ReturnType<typeof createTrustedClock>;
