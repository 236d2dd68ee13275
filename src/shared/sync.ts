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
  outbox: { pending: number; review: number; invalid: number };
  /** Decision numbers left in this window's blocks for the current year. */
  numbersLeft: number;
  trustListIssuedAt: string | null;
  trustListAgeDays: number | null;
  /** Server time minus this PC's time, when known. */
  clockOffsetMs: number | null;
  /** The PC's clock is more than two minutes off the server's. */
  clockWarning: boolean;
  /** The last successful sync is older than the configured limit (or there has been none). */
  stale: boolean;
  /** Cases the server sent that failed validation and were skipped. */
  skippedCases: number;
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
