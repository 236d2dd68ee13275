import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { z } from 'zod';
import type { Account, Role } from '../../../shared/accounts';
import type { Handlers, Method, Params, Result } from '../../../shared/handlers';
import type { CoreEvents } from '../events/events';
import type { PermitScanResult } from '../../../shared/permit-qr';

/** Where a pairing code came from: the connection (its count of wrong codes) and its peer address. */
export interface Guesser {
  wrong: number;
  address: string | null;
}

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

/** What every call has: the store, the (trusted) clock, the app's version, the events, the caller's session. */
export interface CallBase {
  db: Database;
  now: () => Date;
  version: string;
  events: CoreEvents;
  session: Session;
}

/**
 * A call's context: the base and the ports its handler declares (`P`). A handler names what it uses, so
 * that it can be read, and tested, with those alone; the dispatcher hands every handler all of them.
 */
export type CallContext<P extends object = object> = CallBase & P;

/**
 * Who may make a call: anyone (`public`), anyone signed in even while the screen is locked
 * (`session`), a paired applicant's display (`display`), or the listed roles on an unlocked screen.
 */
export type Access = 'public' | 'session' | 'display' | readonly Role[];

export interface HandlerSpec<M extends Method, P extends object = object> {
  access: Access;
  /** A successful call changes the caller's open visit (a saved draft, a sign-off, a document): the applicant's display hears of it. */
  changesVisit?: true;
  input: z.ZodType<Params<M>>;
  run: (ctx: CallContext<P>, params: Params<M>) => Result<M> | Promise<Result<M>>;
}

/** The handlers of one capability, typed against its part of the contract. */
export type HandlerTable<H extends Partial<Handlers>, P extends object = object> = { [M in keyof H & Method]: HandlerSpec<M, P> };
