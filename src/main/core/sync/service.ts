import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { PermitCase } from '../../../shared/cases';
import type { SyncProblem, SyncState, SyncStep } from '../../../shared/sync';
import type { CoreEvents } from '../events/events';
import { chinaDate } from '../dates/calendar';
import { numbersLeft } from '../documents/numbers';
import { setAsideDemoNumbers } from './reserve';
import { followOfficeServices, officeCalls, pullOfficeEvaluations } from './office';
import { createLogger } from '../log/logger';
import type { TrustRoot } from '../trust/signed-list';
import { trustStatus } from '../trust/trust-store';
import { getSettings } from '../settings/settings';
import { deleteStoreMeta, getStoreMeta, setStoreMeta } from '../store/meta';
import { outboxCounts, whenQueued } from '../outbox/outbox';
import { CURSOR, SKIPPED, lookupCases, pullCases } from './pull';
import { checkNewestSent, reconcileSent, resetUnfinished, serverReset, startReset } from './reconcile';
import { pushOutbox } from './push';
import { topUpNumbers } from './reserve';
import { DOCUMENT_TYPES } from '../../../shared/verification';
import { refreshCscaList, refreshTrust } from './trust-refresh';
import { upstreamToken } from '../upstream-link/token';
import { CLOCK_WARNING_MS, type TrustedClock } from '../clock/trusted-clock';
import { UpstreamError, createUpstreamClient, type UpstreamClient } from './upstream-client';
import { upstreamAddressProblem } from '../upstream-link/upstream-tls';
import type { SecretPort } from '../secrets/secret-port';
import { auditHead } from '../audit/audit';
import { refreshSchedules } from './calendar-refresh';
import { LINK, linkConfig, linkOf } from './link-config';
import { ClockDisagrees, RoundOver, problemOf } from './round-problem';

/** The last audit head the authority took, so an unchanged head is not sent again each round. */
const AUDIT_SENT = 'sync.audit.sent';

const log = createLogger('sync');
const LAST_SUCCESS = 'sync.last-success';

/** Ends a round whose every step would be refused alike (the token). */

/**
 * Keeps the window in step with the authority's system in the background. Each round measures the
 * clock, pulls changed cases, checks what was sent when the server was found reset, sends the outbox,
 * tops up decision numbers and refreshes the trust data. A round never holds up work at the window (it
 * runs beside the calls, and every request has a timeout). A transient failure (the network, a
 * timeout, 429, 5xx) ends the round as offline and the next one tries again; any other failure of a
 * step is kept as that step's problem, shown on the readiness line with its cause, and the other
 * steps still run, so one refused request never stops the rest.
 */
export function createSyncService(opts: {
  db: Database;
  events: CoreEvents;
  clock: TrustedClock;
  trustRoots?: readonly TrustRoot[];
  /** The roots the system trusts, which the host found (platform/tls); Node's own without. */
  systemCa?: string[];
  /** Where the token lives (the host's secrets); in the store without. */
  secrets?: SecretPort | null;
}) {
  const { db, events, clock } = opts;
  let timer: NodeJS.Timeout | undefined;
  let started = false;
  let round: Promise<void> | null = null;
  let again = false;
  let online: boolean | null = null;
  let lastAttemptAt: string | null = null;
  let lastError: string | null = null;
  let problems: SyncProblem[] = [];

  function link(): { url: string; token: string } | null {
    const s = getSettings(db);
    const token = upstreamToken(db, opts.secrets ?? null);
    return s.upstreamUrl && token ? { url: s.upstreamUrl, token } : null;
  }

  let cached: { key: string; client: UpstreamClient } | null = null;
  /**
   * The client for the link in force (one, so its connections are kept between rounds), or null with
   * no link, or with an address that would send the token in clear beyond this computer.
   */
  function client(): UpstreamClient | null {
    const cfg = linkConfig(db, opts.secrets ?? null, opts.systemCa);
    if (!cfg) return null;
    // The system's roots are the same list for the service's life: named, not serialised each time.
    const key = JSON.stringify({ ...cfg, tls: { pins: cfg.tls?.pins, ca: cfg.tls?.ca === opts.systemCa ? 'system' : cfg.tls?.ca } });
    if (cached?.key !== key) {
      void cached?.client.close();
      cached = { key, client: createUpstreamClient(cfg) };
    }
    return cached.client;
  }

  /**
   * Another address or token than the last round's: another server, or the same one replaced (a new
   * token set). What was sent to the old one is checked against the new; a cursor is another server's.
   */
  function noticeLinkChange(l: { url: string; token: string }): void {
    const now = linkOf(l.url, l.token);
    const before = getStoreMeta(db, LINK);
    if (before === now) return;
    db.transaction(() => {
      if (before !== null) {
        if (before.split('\n')[0] !== l.url) deleteStoreMeta(db, CURSOR);
        startReset(db, 'server-changed', clock.now());
      }
      setStoreMeta(db, LINK, now);
    })();
  }

  function state(): SyncState {
    const s = getSettings(db);
    const now = clock.now();
    const configured = link() !== null;
    const lastSyncAt = getStoreMeta(db, LAST_SUCCESS);
    const trust = trustStatus(db, now, s.trustListStaleDays, opts.trustRoots ?? []);
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
      clockRefused: clock.refused(),
      clockHeldBackMs: clock.heldBackMs(),
      stale: configured && (!lastSyncAt || now.getTime() - Date.parse(lastSyncAt) > s.syncStaleMinutes * 60_000),
      skippedCases: Number(getStoreMeta(db, SKIPPED) ?? 0),
      problems: configured ? problems : [],
      reset: serverReset(db),
    };
  }

  const publish = () => events.emit({ type: 'sync.state', sync: state() });

  async function runRound(): Promise<void> {
    const l = link();
    if (l && upstreamAddressProblem(l.url)) {
      // Stored before addresses were checked, or by hand: nothing goes out, and the line says why.
      online = false;
      problems = [{ step: 'link', code: 'insecure-address', status: null, message: `the upstream address ${l.url} is not https:// and not on this computer: nothing is sent` }];
      lastError = problems[0].message;
      return;
    }
    const c = client();
    if (!l || !c) {
      online = null;
      problems = [];
      return;
    }
    lastAttemptAt = new Date().toISOString();
    noticeLinkChange(l);
    // Linked: the demo office's seeded numbers are every demo store's, so none is taken from them any
    // more (at once, before the authority is reached: a window offline from its first link numbers
    // nothing rather than what another window numbers too).
    setAsideDemoNumbers(db, clock.now());
    const found: SyncProblem[] = [];
    /** Runs a step; a transient failure ends the round (thrown on), any other is that step's problem. */
    const step = async (name: SyncStep, run: () => Promise<unknown>): Promise<void> => {
      try {
        await run();
      } catch (err) {
        if (err instanceof UpstreamError && err.transient) throw err;
        found.push(problemOf(name, err));
        // A refused token refuses every step alike: one problem says it.
        if (err instanceof UpstreamError && (err.status === 401 || err.status === 403)) throw new RoundOver(true);
        // So does a certificate refused, and the server counts as not reached: nothing was sent to it.
        if (err instanceof UpstreamError && err.kind === 'tls') throw new RoundOver(false);
      }
    };
    try {
      await step('clock', async () => {
        const m = await clock.measure(c, getSettings(db).clockMaxOffsetMinutes * 60_000);
        if (!m.applied) throw new ClockDisagrees(m.refused.offsetMs);
      });
      // Cases first: a cursor the server did not issue is how a restored server shows itself, and what
      // it lacks must be known before anything newer is sent after it.
      let touched = new Set<string>();
      await step('pull', async () => {
        const pulled = await pullCases(db, c, events, clock.now);
        touched = pulled.touched;
        if (pulled.restarted) startReset(db, 'cursor-unknown', clock.now());
      });
      await step('reconcile', async () => {
        await checkNewestSent(db, c, clock.now());
        await reconcileSent(db, c, clock.now);
      });
      if (!resetUnfinished(db)) {
        await step('push', async () => {
          const pushed = await pushOutbox(db, c, clock.now);
          if (pushed.failed) throw pushed.failed;
        });
      }
      const s = getSettings(db);
      const year = Number(chinaDate(clock.now()).slice(0, 4));
      // Each document type numbers from its own blocks: the grant's first, then the others'.
      await step('numbers', async () => {
        for (const type of DOCUMENT_TYPES) await topUpNumbers(db, c, year, s.decisionNumbersLow, s.decisionNumbersBatch, clock.now(), type);
      });
      await step('trust', () => refreshTrust(db, c, opts.trustRoots ?? [], clock.now()));
      await step('csca', () => refreshCscaList(db, c, opts.trustRoots ?? [], clock.now()));
      // This year's and next year's holiday schedules, while the app does not know them (published each November).
      await step('calendar', () => refreshSchedules(db, c, Number(chinaDate(clock.now()).slice(0, 4)), clock.now()));
      // The office's dissatisfied evaluations, so that this window's supervisors hear of other windows' too.
      await step('evaluations', () => pullOfficeEvaluations(db, c, events, clock.now()));
      // This window's documents another window served (the holder collected them there).
      await step('services', () => followOfficeServices(db, c, touched, events, clock.now()));
      // The audit chain's head goes to the authority, so a chain cut or rewritten here shows against it.
      await step('audit', async () => {
        const head = auditHead(db);
        if (head && getStoreMeta(db, AUDIT_SENT) !== `${head.seq}:${head.hash}`) {
          await c.postAuditHead(head);
          setStoreMeta(db, AUDIT_SENT, `${head.seq}:${head.hash}`);
        }
      });
      online = true;
      if (found.length === 0) setStoreMeta(db, LAST_SUCCESS, clock.now().toISOString());
    } catch (err) {
      if (err instanceof RoundOver) online = err.reached;
      else {
        online = false;
        log.warn('sync round failed', { error: err instanceof UpstreamError ? err.kind : (err as Error).name, status: err instanceof UpstreamError ? err.status : null });
      }
      if (!(err instanceof RoundOver)) lastError = err instanceof UpstreamError ? err.message : (err as Error).name;
    }
    if (online) lastError = found[0]?.message ?? null;
    problems = found;
    for (const p of found) log.warn('sync step failed', { step: p.step, code: p.code, status: p.status, ...(p.reason ? { reason: p.reason, list: p.list } : {}) });
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

  /** Something waits to be sent (or the settings changed): a round soon, not at the next tick. */
  function kick() {
    publish();
    if (started) setTimeout(() => void runNow(), 50);
  }
  // The outbox says when it has work (a record, a document, an evaluation), whoever wrote it.
  whenQueued(db, kick);

  return {
    state,
    runNow,
    kick,
    start() {
      started = true;
      void runNow();
    },
    async stop() {
      started = false;
      clearTimeout(timer);
      await round;
      await cached?.client.close();
      cached = null;
    },
    /** The head the authority holds for this workstation: null when none, or why it cannot be asked. */
    async latestAuditHead(): Promise<{ seq: number; hash: string; at: string } | null | 'not-linked' | 'unreachable'> {
      const c = client();
      if (!c) return 'not-linked';
      try {
        return await c.latestAuditHead();
      } catch {
        return 'unreachable';
      }
    },
    /** An admin takes the server's time that was refused; null when none waits. */
    acceptServerClock(): number | null {
      const accepted = clock.acceptRefused();
      if (accepted !== null) problems = problems.filter((p) => p.code !== 'clock-disagrees');
      publish();
      return accepted;
    },
    ...officeCalls(client),
    /** A case not in the cache, asked for online; found ones are cached. Offline or none: empty. */
    async lookup(query: Record<string, string> | { noticeNo: string }): Promise<PermitCase[]> {
      const c = client();
      if (!c) return [];
      return lookupCases(db, c, query, clock.now()).catch(() => []);
    },
  };
}

export type SyncService = ReturnType<typeof createSyncService>;
