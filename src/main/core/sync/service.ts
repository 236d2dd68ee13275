import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { PermitCase } from '../../../shared/cases';
import type { SyncState } from '../../../shared/sync';
import { caseSchema } from '../../../shared/upstream-contract';
import type { CoreEvents } from '../api/events';
import { chinaDate } from '../dates/calendar';
import { numbersLeft } from '../decisions/numbers';
import { createLogger } from '../log/logger';
import { trustStatus } from '../permit-qr/trust-store';
import { getSettings, getStoreMeta, setStoreMeta } from '../settings/settings';
import { outboxCounts } from './outbox';
import { SKIPPED, mergeUpstreamCase, pullCases } from './pull';
import { pushOutbox } from './push';
import { topUpNumbers } from './reserve';
import { refreshTrust } from './trust-refresh';
import { CLOCK_WARNING_MS, type TrustedClock } from './trusted-clock';
import { UpstreamError, createUpstreamClient, type UpstreamClient } from './upstream-client';

const log = createLogger('sync');
export const TOKEN = 'sync.token';
const LAST_SUCCESS = 'sync.last-success';

/**
 * Keeps the window in step with the authority's system in the background: each round measures the
 * clock, sends the outbox, pulls changed cases, tops up decision numbers and refreshes the trust data.
 * A round never holds up work at the window (it runs beside the calls, and every request has a
 * timeout); a failed round leaves everything as it was and the next one tries again.
 */
export function createSyncService(opts: { db: Database; events: CoreEvents; clock: TrustedClock }) {
  const { db, events, clock } = opts;
  let timer: NodeJS.Timeout | undefined;
  let started = false;
  let round: Promise<void> | null = null;
  let again = false;
  let online: boolean | null = null;
  let lastAttemptAt: string | null = null;
  let lastError: string | null = null;

  function client(): UpstreamClient | null {
    const s = getSettings(db);
    const token = getStoreMeta(db, TOKEN);
    if (!s.upstreamUrl || !token) return null;
    return createUpstreamClient({ url: s.upstreamUrl, token, workstation: `${s.officeCode}/${s.windowNo}`, timeoutMs: s.upstreamTimeoutSeconds * 1000 });
  }

  function state(): SyncState {
    const s = getSettings(db);
    const now = clock.now();
    const configured = !!s.upstreamUrl && !!getStoreMeta(db, TOKEN);
    const lastSyncAt = getStoreMeta(db, LAST_SUCCESS);
    const trust = trustStatus(db, now, s.trustListStaleDays);
    const offset = clock.offsetMs();
    return {
      configured,
      online: configured ? online : null,
      lastSyncAt,
      lastAttemptAt,
      lastError,
      outbox: outboxCounts(db),
      numbersLeft: numbersLeft(db, Number(chinaDate(now).slice(0, 4))),
      trustListIssuedAt: trust?.issuedAt ?? null,
      trustListAgeDays: trust?.ageDays ?? null,
      clockOffsetMs: offset,
      clockWarning: offset !== null && Math.abs(offset) > CLOCK_WARNING_MS,
      stale: configured && (!lastSyncAt || now.getTime() - Date.parse(lastSyncAt) > s.syncStaleMinutes * 60_000),
      skippedCases: Number(getStoreMeta(db, SKIPPED) ?? 0),
    };
  }

  const publish = () => events.emit({ type: 'sync.state', sync: state() });

  async function runRound(): Promise<void> {
    const c = client();
    if (!c) {
      online = null;
      return;
    }
    lastAttemptAt = new Date().toISOString();
    try {
      await clock.measure(c);
      const pushed = await pushOutbox(db, c, clock.now);
      if (pushed.failed) throw pushed.failed;
      await pullCases(db, c, events, clock.now);
      const s = getSettings(db);
      const year = Number(chinaDate(clock.now()).slice(0, 4));
      await topUpNumbers(db, c, year, s.decisionNumbersLow, s.decisionNumbersBatch, clock.now());
      await refreshTrust(db, c, clock.now());
      online = true;
      lastError = null;
      setStoreMeta(db, LAST_SUCCESS, clock.now().toISOString());
    } catch (err) {
      online = false;
      lastError = err instanceof UpstreamError ? err.message : (err as Error).name;
      log.warn('sync round failed', { error: err instanceof UpstreamError ? err.kind : (err as Error).name, status: err instanceof UpstreamError ? err.status : null });
    }
  }

  /** One round now (or, if one is running, another right after it); resolves when done. */
  function runNow(): Promise<void> {
    if (round) {
      again = true;
      return round;
    }
    clearTimeout(timer);
    round = runRound()
      .finally(() => {
        round = null;
        publish();
        if (again) {
          again = false;
          void runNow();
        } else schedule();
      });
    return round;
  }

  function schedule() {
    if (!started) return;
    clearTimeout(timer);
    timer = setTimeout(() => void runNow(), getSettings(db).syncIntervalSeconds * 1000);
  }

  return {
    state,
    runNow,
    /** Something waits to be sent (or the settings changed): a round soon, not at the next tick. */
    kick() {
      publish();
      if (started) setTimeout(() => void runNow(), 50);
    },
    start() {
      started = true;
      void runNow();
    },
    async stop() {
      started = false;
      clearTimeout(timer);
      await round;
    },
    /** A case not in the cache, asked for online; found ones are cached. Offline or none: empty. */
    async lookup(query: Record<string, string> | { noticeNo: string }): Promise<PermitCase[]> {
      const c = client();
      if (!c) return [];
      try {
        const raw = 'noticeNo' in query ? [await c.caseByNotice(String(query.noticeNo))] : await c.lookup(query);
        const found = raw.map((r) => caseSchema.safeParse(r)).filter((p) => p.success).map((p) => p.data as unknown as PermitCase);
        const at = clock.now().toISOString();
        db.transaction(() => found.forEach((f) => mergeUpstreamCase(db, f, at)))();
        return found;
      } catch {
        return [];
      }
    },
  };
}

export type SyncService = ReturnType<typeof createSyncService>;
