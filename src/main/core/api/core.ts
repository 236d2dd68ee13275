import type { Database } from 'better-sqlite3-multiple-ciphers';
import { z } from 'zod';
import type { ApiResult, FieldProblem } from '../../../shared/errors';
import { illFormedTextAt } from '../../../shared/unicode';
import type { Handlers, Method } from '../../../shared/handlers';
import type { CardReaderState, CoreEvent, ScannerState } from '../../../shared/permit-qr';
import type { InternalEvent } from '../events/events';
import { devicesHandlers } from '../devices/handlers';
import type { SscCardData } from '../../../shared/ssc-card';
import { cardsHandlers } from '../ssc-card/handlers';
import { sessionHandlers } from '../accounts/session-handlers';
import { accountsHandlers } from '../accounts/handlers';
import { appendAudit } from '../audit/audit';
import { auditHandlers } from '../audit/handlers';
import { auditCheckHandlers } from '../audit-check/handlers';
import { casesHandlers } from '../case-view/handlers';
import { worklistsHandlers } from '../worklists/handlers';
import { decisionsHandlers } from '../documents/handlers';
import { NO_PRINTERS, type PrinterPort } from '../printing/spooler';
import { verificationHandlers } from '../visit/handlers';
import { captureHandlers } from '../visit/capture';
import { evidenceHandlers } from '../evidence/handlers';
import { cscaHandlers } from '../trust/csca-handlers';
import { passportHandlers } from '../passport/handlers';
import { followUpHandlers } from '../evaluations/handlers';
import { createChipDesk } from '../passport/chip-desk';
import type { DocumentCameraFactory } from '../evidence/camera-port';
import { createSyncService, type SyncService } from '../sync/service';
import { createTrustedClock } from '../clock/trusted-clock';
import { syncHandlers } from '../sync/handlers';
import { workdaysHandlers } from '../workdays/handlers';
import { syncStateFor } from '../sync/visibility';
import { regionsHandlers } from '../regions/handlers';
import { permitQrHandlers } from '../permit-qr/handlers';
import type { TrustRoot } from '../trust/signed-list';
import type { SecretPort } from '../secrets/secret-port';
import { moveTokenToSecrets } from '../upstream-link/token';
import { sealHeadIfMoved } from '../audit/head-seal';
import { auditHead } from '../audit/audit';
import type { AuditHeadPort } from '../audit/sealed-head';
import { appHandlers } from '../demo/handlers';
import { applicantHandlers, showOnDisplay } from '../applicant/handlers';
import { registerHandlers } from '../register/handlers';
import { createDisplays } from '../applicant/displays';
import { createLogger } from '../log/logger';
import { getSettings } from '../settings/settings';
import { settingsHandlers } from '../settings/handlers';
import { ApiFailure } from '../failures/failure';
import { fieldProblems } from '../failures/field-problems';
import { createCoreEvents, type CoreEvents } from '../events/events';
import type { HandlerSpec, HandlerTable, Session } from '../calls/handler-spec';
import type { CorePorts, CoreContext, FullCallContext } from './context';
import { coreServices, type DevicePorts } from './lifecycle';

const log = createLogger('api');

const HANDLERS: HandlerTable<Handlers, CorePorts> = {
  ...appHandlers,
  ...applicantHandlers,
  ...registerHandlers,
  ...sessionHandlers,
  ...casesHandlers,
  ...worklistsHandlers,
  ...accountsHandlers,
  ...auditHandlers,
  ...auditCheckHandlers,
  ...settingsHandlers,
  ...permitQrHandlers,
  ...cardsHandlers,
  ...devicesHandlers,
  ...verificationHandlers,
  ...captureHandlers,
  ...evidenceHandlers,
  ...cscaHandlers,
  ...passportHandlers,
  ...followUpHandlers,
  ...decisionsHandlers,
  ...syncHandlers,
  ...workdaysHandlers,
  ...regionsHandlers,
};

export interface Core {
  /** Events for the UI (scanner scans and states) and inside the core. */
  events: CoreEvents;
  /** The background sync with the upstream system (started with the core's services). */
  sync: SyncService;
  /** Starts what runs beside the calls (the printer kept, prints settled, the sync, the devices); the hosts call it once. */
  start(): Promise<void>;
  /** Stops all of it, waiting for each. */
  stop(): Promise<void>;
  /** The event as this session may see it (its role's part of it), or null when it receives none (signed out or locked). */
  eventFor(session: Session, event: InternalEvent): CoreEvent | null;
  /** A new, signed-out session: one per window or connection (`peer`: its network address, when it has one). */
  openSession(peer?: string | null): Session;
  /** The window or connection is gone (a display's pairing ends with it). */
  closeSession(session: Session): void;
  /** The one entry to the core: validates, checks the session and role, and answers with data. */
  call(session: Session, method: string, params: unknown): Promise<ApiResult<unknown>>;
}

/**
 * The core, with the ports the host hands it: the system's print spooler (the platform layer picks
 * CUPS or the Windows spooler; none by default, for the command line and tests that do not print).
 */
export function createCore(opts: { db: Database; version: string; now?: () => Date; printers?: PrinterPort; trustRoots?: readonly TrustRoot[]; systemCa?: string[]; secrets?: SecretPort; auditHead?: AuditHeadPort; displayUrls?: () => string[]; documentCameras?: DocumentCameraFactory } & DevicePorts): Core {
  const events = createCoreEvents();
  // Verdicts, deadlines and records use the server's time once known (a test passes its own clock).
  const clock = createTrustedClock(opts.db);
  // The roots every received trust list is checked against: the installation's, never the network's.
  // With none, every list is refused and the one in force stays.
  const trustRoots = opts.trustRoots ?? [];
  // The host's secrets (the OS key store or the fallback files); the tests run without, the token in the store.
  const secrets = opts.secrets ?? null;
  if (secrets) moveTokenToSecrets(opts.db, secrets);
  const sync = createSyncService({ db: opts.db, events, clock, trustRoots, systemCa: opts.systemCa, secrets });
  events.subscribe((e) => {
    if (e.type === 'settings.changed') sync.kick();
  });
  let scannerState: ScannerState = { kind: 'none', state: 'off', device: null, lastError: null };
  const cardReads = new Map<number, SscCardData>();
  let cardReaderState: CardReaderState = { enabled: false, transport: null, device: null, state: 'off', cardReader: null, psamReader: null, lastError: null };
  events.subscribe((e) => {
    if (e.type === 'scanner.state') scannerState = e.scanner;
    if (e.type === 'card.state') cardReaderState = e.reader;
    if (e.type === 'card.read') {
      cardReads.set(e.readId, e.card);
      // Only the last few reads are kept: card data is personal, and only the latest is matched.
      for (const id of cardReads.keys()) if (cardReads.size > 5) cardReads.delete(id);
    }
  });
  // The passport's chip at this window: the card watcher hands it what is not a social security card.
  const chipDesk = createChipDesk(opts.db, events, opts.now ?? clock.now);
  const displays = createDisplays(opts.now ?? clock.now);
  const base: CoreContext = {
    db: opts.db,
    version: opts.version,
    now: opts.now ?? clock.now,
    events,
    scanner: () => scannerState,
    cardRead: (id: number) => cardReads.get(id) ?? null,
    cardReader: () => cardReaderState,
    chipDesk,
    printers: opts.printers ?? NO_PRINTERS,
    trustRoots,
    secrets,
    auditHead: opts.auditHead ?? null,
    sync,
    displays,
    endVisit: (clerk) => showOnDisplay({ events, displays }, clerk, null, null),
    displayUrls: opts.displayUrls ?? (() => []),
    documentCameras: opts.documentCameras ?? null,
  };
  // The head file follows the chain: written at start, and after each call that moved it.
  let headWarned = false;
  // The head last written: a call that appended nothing (most reads) costs one indexed query, not a
  // read of the head file and its HMAC.
  let sealedHead: string | null = null;
  // The sessions open now (connections and windows), so that a clerk's last one closing ends their visit.
  const open = new Set<Session>();
  const sealHead = () => {
    if (!opts.auditHead) return;
    try {
      const head = auditHead(opts.db);
      const now = head && `${head.seq}:${head.hash}`;
      if (now === sealedHead) return;
      const result = sealHeadIfMoved(opts.db, opts.auditHead);
      if (result !== 'kept-as-evidence') sealedHead = now;
      else if (!headWarned) {
        headWarned = true;
        log.error('the audit chain no longer reaches its sealed head: the head file is kept for audit verify');
      }
    } catch (err) {
      log.error('audit head not written', { error: (err as Error)?.name ?? 'unknown' });
    }
  };
  sealHead();
  const failure = (code: ApiFailure['code'], message: string, fields?: string[], params?: Record<string, string | number>, problems?: FieldProblem[]): ApiResult<never> => ({
    ok: false,
    error: { code, message, ...(fields ? { fields } : {}), ...(problems ? { problems } : {}), ...(params ? { params } : {}) },
  });

  async function call(session: Session, method: string, params: unknown): Promise<ApiResult<unknown>> {
    try {
      const result = await dispatch(session, method, params);
      // The applicant's screen follows the clerk's work on the visit: the calls that say they change it.
      const clerk = session.account?.username;
      const changes = typeof method === 'string' && Object.hasOwn(HANDLERS, method) && HANDLERS[method as Method].changesVisit;
      if (result.ok && clerk && changes && base.displays.visit(clerk)) events.emit({ type: 'applicant.changed.of', clerk });
      return result;
    } finally {
      sealHead();
    }
  }

  async function dispatch(session: Session, method: string, params: unknown): Promise<ApiResult<unknown>> {
    if (typeof method !== 'string' || !Object.hasOwn(HANDLERS, method)) {
      return failure('unknown-method', `There is no call named ${JSON.stringify(String(method).slice(0, 60))}.`);
    }
    const spec = HANDLERS[method as Method] as unknown as HandlerSpec<Method, CorePorts>;
    const ctx: FullCallContext = { ...base, session };
    const denied = checkAccess(ctx, spec, method);
    if (denied) return denied;
    // Every text that enters is well-formed Unicode: a lone surrogate is stored by SQLite as another
    // character, so a hash made of it (the audit chain's, a record's) would not hold when read back.
    const illFormed = illFormedTextAt(params);
    if (illFormed !== null) {
      return failure('invalid-request', `${method}: ${illFormed} holds a broken character (a lone UTF-16 surrogate); nothing was changed.`, [illFormed], undefined, [{ field: illFormed, kind: 'not-text' }]);
    }
    const parsed = spec.input.safeParse(params ?? {});
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(payload)'))];
      return failure('invalid-request', `${method}: ${z.prettifyError(parsed.error)}`, fields, undefined, fieldProblems(parsed.error.issues));
    }
    try {
      const value = await spec.run(ctx, parsed.data);
      if (session.account) session.lastActiveAt = ctx.now().getTime();
      return { ok: true, value };
    } catch (err) {
      if (err instanceof ApiFailure) return failure(err.code, err.message, err.fields, err.params);
      // Only the method and the error's class go to the log: messages may quote personal data.
      log.error('call failed', { method, error: (err as Error)?.name ?? 'unknown' });
      return failure('internal', 'The call failed inside the app; nothing was changed.');
    }
  }

  function checkAccess(ctx: FullCallContext, spec: HandlerSpec<Method, CorePorts>, method: string): ApiResult<never> | null {
    if (spec.access === 'public') return null;
    const { session, db } = ctx;
    // A display has no account: it may make the display's calls, and nothing else.
    if (spec.access === 'display') return session.display && !session.account ? null : failure('forbidden', `${method} is for a paired applicant's display.`);
    if (!session.account) return failure('signed-out', 'Sign in first.');
    // The core locks an idle session itself, so a screen left open cannot be used from a second tab
    // or a stale connection even if the UI's own idle timer did not fire.
    const idleMs = getSettings(db).idleLockMinutes * 60_000;
    if (!session.locked && ctx.now().getTime() - session.lastActiveAt > idleMs) {
      session.locked = true;
      appendAudit(db, { at: ctx.now().toISOString(), actor: session.account.username, action: 'session.locked-idle' });
    }
    if (spec.access === 'session') return null;
    if (session.locked) return failure('session-locked', 'The screen is locked: unlock it first.');
    if (session.mustChangePassword) return failure('password-change-required', 'The password was reset: set a new one first.');
    if (!spec.access.includes(session.account.role)) {
      appendAudit(db, { at: ctx.now().toISOString(), actor: session.account.username, action: 'access.denied', target: method });
      return failure('forbidden', `The role ${session.account.role} may not call ${method}.`);
    }
    return null;
  }

  const services = coreServices({ db: opts.db, events, sync, printers: base.printers, now: base.now, scannerDrivers: opts.scannerDrivers, cardReaders: opts.cardReaders, otherCard: chipDesk.readLaid });
  return {
    events,
    sync,
    start: services.start,
    stop: services.stop,
    eventFor: (session, event) => {
      // A display hears of its own clerk's visits only, and a clerk of their own display.
      if (event.type === 'applicant.changed.of') return session.display?.clerk === event.clerk || (session.account?.username === event.clerk && !session.locked) ? { type: 'applicant.changed' } : null;
      if (!session.account || session.locked || event.type === 'settings.changed' || event.type === 'passport.retry') return null;
      // A chip's data and face image go to those who check passports, not to an administrator's screen.
      if (event.type === 'passport.read' && session.account.role === 'admin') return null;
      // A dissatisfied evaluation is the supervisors' to follow up; the clerk whose service it was is not told here.
      if (event.type === 'follow-up.opened' && session.account.role !== 'supervisor') return null;
      return event.type === 'sync.state' ? { ...event, sync: syncStateFor(session.account.role, event.sync) } : event;
    },
    openSession: (peer) => {
      const session: Session = { account: null, locked: false, lastActiveAt: base.now().getTime(), pairing: { wrong: 0, address: peer ?? null } };
      open.add(session);
      return session;
    },
    closeSession: (session) => {
      open.delete(session);
      // The clerk's window went away (a reload, a closed tab, a crash): the display stops showing the
      // holder now, unless the clerk is still at the window in another connection.
      const clerk = session.account?.username;
      if (clerk && ![...open].some((s) => s.account?.username === clerk)) base.endVisit(clerk);
      if (!session.display) return;
      base.displays.unpaired(session.display.clerk);
      events.emit({ type: 'applicant.changed.of', clerk: session.display.clerk });
      delete session.display;
    },
    call,
  };
}
