import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { z } from 'zod';
import type { Displays, Guesser } from '../applicant/displays';
import type { Account, Role } from '../../../shared/accounts';
import type { Handlers, Method, Params, Result } from '../../../shared/handlers';
import type { CoreEvents } from './events';
import type { CardReaderState, PermitScanResult, ScannerState } from '../../../shared/permit-qr';
import type { SscCardData } from '../../../shared/ssc-card';
import type { TrustRoot } from '../permit-qr/signed-list';
import type { SecretPort } from '../secrets/secret-port';
import type { AuditHeadPort } from '../audit/sealed-head';
import type { PrinterPort } from '../printing/spooler';
import type { SyncService } from '../sync/service';

/** One signed-in user at one window (a WebSocket connection or an Electron window). */
export interface Session {
  account: Account | null;
  locked: boolean;
  /** The password was reset by someone else: until the user sets their own, only session calls are taken. */
  mustChangePassword?: boolean;
  /** Milliseconds since the epoch of the user's last call or `session.touch`. */
  lastActiveAt: number;
  /** A paired applicant's display: the clerk whose visits it shows. It has no account and no role. */
  display?: { clerk: string };
  /** The officer's last scan at this window, for its slip (in memory only; gone with the sign-out). */
  lastScan?: PermitScanResult;
  /** The connection's peer and its wrong pairing codes: what a guesser is slowed and refused by. */
  pairing: Guesser;
}

export interface CoreContext {
  db: Database;
  now: () => Date;
  version: string;
  events: CoreEvents;
  /** The last state the scanner service reported. */
  scanner: () => ScannerState;
  /** The card watcher's last reported state. */
  cardReader: () => CardReaderState;
  /** A card read the core announced, by its id: the UI names a read, it never sends card data back. */
  cardRead: (readId: number) => SscCardData | null;
  /** The system's print spooler, the same path in both hosts (CUPS, or the Windows spooler). */
  printers: PrinterPort;
  /** The trust roots pinned in this installation (permit-qr.md §3a), which every received list must be signed by. */
  trustRoots: readonly TrustRoot[];
  /** The audit chain's head file apart from the store (the host's); null in the tests. */
  auditHead: AuditHeadPort | null;
  /** The host's secrets: the OS key store or the fallback files; null in the tests (the token in the store). */
  secrets: SecretPort | null;
  /** The link to the upstream system (started by the hosts; idle in tests). */
  sync: SyncService;
  /** The applicant's displays: pairing codes and each clerk's open visit. */
  displays: Displays;
  /** Where a tablet opens the applicant's screen, when the host serves it on the network (none by default). */
  displayUrls: () => string[];
}

export interface CallContext extends CoreContext {
  session: Session;
}

/**
 * Who may make a call: anyone (`public`), anyone signed in even while the screen is locked
 * (`session`), a paired applicant's display (`display`), or the listed roles on an unlocked screen.
 */
export type Access = 'public' | 'session' | 'display' | readonly Role[];

export interface HandlerSpec<M extends Method> {
  access: Access;
  input: z.ZodType<Params<M>>;
  run: (ctx: CallContext, params: Params<M>) => Result<M> | Promise<Result<M>>;
}

/** The handlers of one capability, typed against its part of the contract. */
export type HandlerTable<H extends Partial<Handlers>> = { [M in keyof H & Method]: HandlerSpec<M> };
