import type { SyncProblem, SyncStep } from '../../../shared/sync';
import { NumbersHeldError } from './reserve';
import { UnusableTrustListError } from './trust-refresh';
import { UpstreamError } from './upstream-client';
import { UnusableScheduleError } from './calendar-refresh';

/** The server's time disagreed with this PC's past the limit, and was not taken. */
export class ClockDisagrees extends Error {
  constructor(readonly offsetMs: number) {
    super('clock disagrees');
  }
}

export class RoundOver extends Error {
  constructor(readonly reached: boolean) {
    super('round over');
  }
}

/** A failure that trying again will not mend, in the words readiness shows (upstream-api.md's faults aside). */
export function problemOf(step: SyncStep, err: unknown): SyncProblem {
  if (err instanceof ClockDisagrees) {
    return { step, code: 'clock-disagrees', status: null, detail: String(Math.round(err.offsetMs / 60_000)), message: `the server's clock is ${Math.round(err.offsetMs / 1000)} s off this PC's, past the limit: the last good offset stays until an admin decides` };
  }
  if (err instanceof UnusableScheduleError) return { step, code: 'malformed', status: null, message: err.message };
  if (err instanceof NumbersHeldError) return { step, code: 'numbers-held', status: null, message: err.message };
  if (err instanceof UnusableTrustListError) {
    return err.reason === 'unusable'
      ? { step, code: 'trust-list-unusable', status: null, message: err.message }
      : { step, code: 'trust-list-refused', status: null, reason: err.reason, list: err.list, message: err.message };
  }
  if (!(err instanceof UpstreamError)) return { step, code: 'internal', status: null, message: (err as Error)?.name ?? 'error' };
  if (err.kind === 'tls') return { step, code: 'certificate-refused', status: null, detail: err.message.split(':')[0], message: err.message };
  const code: SyncProblem['code'] =
    err.kind === 'malformed' ? 'malformed' : err.status === 401 || err.status === 403 ? 'token-refused' : err.status === 404 ? 'not-found' : 'refused';
  return { step, code, status: err.status, message: err.message };
}
