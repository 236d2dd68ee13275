/** The window's link to the permit authority's system, as the readiness panel shows it. */
export interface SyncState {
  /** An upstream URL and token are set; without them the app works on its own data alone. */
  configured: boolean;
  /** Whether the last attempt reached the server; null before the first attempt. */
  online: boolean | null;
  lastSyncAt: string | null;
  lastAttemptAt: string | null;
  /** Why the last attempt failed, in English, for the tooltip and support. */
  lastError: string | null;
  /** `held`: waiting entries held back behind a refused record of the same case. Null for a role that does not see the window's work (police). */
  outbox: { pending: number; review: number; invalid: number; held: number } | null;
  /** Decision numbers left in this window's blocks for the current year; null for police, as `outbox`. */
  numbersLeft: number | null;
  trustListIssuedAt: string | null;
  trustListAgeDays: number | null;
  /** Server time minus this PC's time, when known. */
  clockOffsetMs: number | null;
  /** The PC's clock is more than two minutes off the server's. */
  clockWarning: boolean;
  /** The server's time, measured but not taken: it disagreed with this PC's clock by more than the limit. An admin decides. */
  clockRefused: { offsetMs: number; measuredAt: string; limitMs: number } | null;
  /** This PC's clock went back: the app holds time at the latest it gave, this many ms ahead (0 when not). */
  clockHeldBackMs: number;
  /** The last successful sync is older than the configured limit (or there has been none). */
  stale: boolean;
  /** Cases the server sent that failed validation and were skipped. */
  skippedCases: number;
  /**
   * What the last round could not do for a reason that trying again will not mend (a refused token, an
   * answer the app cannot use, a block of numbers it already holds), one per step: shown with its cause.
   */
  problems: SyncProblem[];
  /** The server was found reset (restored or replaced): when, and what was checked and sent again. */
  reset: ServerReset | null;
}

export type SyncStep = 'link' | 'clock' | 'pull' | 'reconcile' | 'push' | 'numbers' | 'trust' | 'csca' | 'calendar' | 'evaluations' | 'services' | 'audit';

export interface SyncProblem {
  step: SyncStep;
  /** What went wrong, for the words on screen. */
  code: 'token-refused' | 'not-found' | 'refused' | 'malformed' | 'numbers-held' | 'trust-list-unusable' | 'trust-list-refused' | 'insecure-address' | 'certificate-refused' | 'clock-disagrees' | 'internal';
  /** The HTTP status, when there was one. */
  status: number | null;
  /** Why a signed list was refused (trust-list-refused): unsigned, unknown-root, bad-signature, older-version… */
  reason?: string;
  /** OpenSSL's word for a refused certificate (certificate-refused), e.g. UNABLE_TO_VERIFY_LEAF_SIGNATURE. */
  detail?: string;
  /** Which list was refused (trust-list-refused). */
  list?: 'trustList' | 'revocations' | 'csca';
  /** In English, for support (the tooltip and the diagnostics). */
  message: string;
}

export interface ServerReset {
  /** When the window noticed. */
  at: string;
  /**
   * The server did not know the window's cursor; it lacked the last record the window sent it; or the
   * address or token changed.
   */
  reason: 'cursor-unknown' | 'records-missing' | 'server-changed';
  /** Records this window had sent, to check against the server; how many are checked. */
  toCheck: number;
  checked: number;
  /** Those the server lacked, put back in the outbox. */
  resent: { verifications: number; decisions: number };
  /** The server could not say which it holds (no record lookup): every record was sent again, each with its idempotency key. */
  resentAll: boolean;
  /** When every record was checked; null while checking. */
  finishedAt: string | null;
}

/** An outbox entry the server refused (409) or found invalid (422), for a supervisor to resolve. */
export interface OutboxProblem {
  id: number;
  kind: 'verification' | 'decision';
  noticeNo: string;
  state: 'review' | 'invalid';
  createdAt: string;
  /** The server's reason (409) or errors (422). */
  detail: string;
}
