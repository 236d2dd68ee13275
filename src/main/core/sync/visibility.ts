import type { Role } from '../../../shared/accounts';
import type { SyncState } from '../../../shared/sync';

/**
 * What each role sees of the link's state. The police check permits: the window's work (records
 * waiting to be sent, records the authority refused, decision numbers, a server reset's resend counts)
 * is not theirs to see, so those parts are left out for them, in the call's answer and in every pushed event.
 */
export function syncStateFor(role: Role, s: SyncState): SyncState {
  if (role !== 'police') return s;
  return { ...s, outbox: null, numbersLeft: null, reset: null, problems: s.problems.filter((p) => p.step !== 'push' && p.step !== 'numbers' && p.step !== 'reconcile') };
}
