/**
 * For the sync tests: the reference server in its own process, the window's store pointed at it, and
 * what is torn down after each test.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { startUpstream, type RunningUpstream } from '../../../../test/support/upstream';
import { createCoreEvents, type InternalEvent } from '../events/events';
import { openAppStore } from '../boot';
import { getCase } from '../cases/cases';
import { chinaDate } from '../dates/calendar';
import { demoCases } from '../demo/demo-cases';
import { updateSettings } from '../settings/settings';
import { approveWithAllOriginals } from '../verification/test-records';
import { setUpstreamToken } from '../upstream-link/token';
import { createUpstreamClient } from './upstream-client';

export const RESOURCES = join(import.meta.dirname, '..', '..', '..', '..', 'resources');
export const NOW = new Date();
export const TODAY = chinaDate(NOW);

const cleanups: (() => unknown)[] = [];
export const onCleanup = (c: () => unknown) => void cleanups.push(c);
/** For afterEach: stops servers and closes stores, newest first. */
export async function runCleanups(): Promise<void> {
  for (const c of cleanups.splice(0).reverse()) await c();
}

export async function upstream(opts: Parameters<typeof startUpstream>[0] = {}): Promise<RunningUpstream> {
  const u = await startUpstream(opts);
  onCleanup(() => u.stop());
  return u;
}

/** The window's own store (the demo office, as on a first start), pointed at the server as DEMO/1 (or another window of the office). */
export async function windowStore(
  u: RunningUpstream,
  dbPath = join(mkdtempSync(join(tmpdir(), 'acw-sync-')), 'store.db'),
  key = randomBytes(32),
  auditKey = randomBytes(32),
  windowNo = '1',
): Promise<{ db: Database; dbPath: string; key: Buffer; auditKey: Buffer }> {
  const db = await openAppStore({ dbPath, key, auditKey, resourcesDir: RESOURCES });
  onCleanup(() => db.open && db.close());
  updateSettings(db, { upstreamUrl: u.url, officeCode: 'DEMO', windowNo, upstreamTimeoutSeconds: 2 }, 'test', NOW);
  setUpstreamToken(db, u.tokens[`DEMO/${windowNo}`], 'test', NOW);
  return { db, dbPath, key, auditKey };
}

export const client = (u: RunningUpstream, timeoutMs = 2000, workstation = 'DEMO/1') => createUpstreamClient({ url: u.url, token: u.tokens[workstation], workstation, timeoutMs });

/** A clock the test moves on, so backoff and Retry-After can pass without waiting. */
export function testClock() {
  let t = Date.now();
  return { now: () => new Date(t), advance: (ms: number) => void (t += ms) };
}

export function approve(db: Database, noticeNo = demoCases(TODAY)[0].noticeNo) {
  return approveWithAllOriginals(db, getCase(db, noticeNo)!);
}

export const events = () => {
  const e = createCoreEvents();
  const seen: InternalEvent[] = [];
  e.subscribe((x) => seen.push(x));
  return { events: e, seen };
};
