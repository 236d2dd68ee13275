import type { PermitCase } from '../../../shared/cases';
import type { SyncState } from '../../../shared/sync';
import type { UpstreamRegisterDay } from '../../../shared/upstream-contract';

/**
 * The link to the permit authority's system as calls see it. Declared here, below every capability,
 * so that a handler can ask for it without importing the sync service that implements it (which sits
 * above the records it sends).
 */
/** A record of the case as the authority holds it, from any window of the office (its history). */
export interface OfficeVerification {
  id: string;
  outcome: string;
  clerk: string;
  at: string;
  workstation: string;
  materials?: unknown;
}

export interface Upstream {
  state(): SyncState;
  /** One round now (or right after the running one); resolves when done. */
  runNow(): Promise<void>;
  /** Something waits to be sent (or the settings changed): a round soon, not at the next tick. */
  kick(): void;
  /** The head the authority holds for this workstation: null when none, or why it cannot be asked. */
  latestAuditHead(): Promise<{ seq: number; hash: string; at: string } | null | 'not-linked' | 'unreachable'>;
  /** An admin takes the server's time that was refused; null when none waits. */
  acceptServerClock(): number | null;
  /**
   * The case as the authority holds it now and what every window of the office did on it (its
   * verifications), asked online within a few seconds; why not, when it cannot be asked.
   */
  caseAtOffice(noticeNo: string): Promise<{ status: string; verifications: OfficeVerification[]; documents: unknown[]; decisions: unknown[] } | 'not-linked' | 'unreachable'>;
  /** A document another window issued on the case, with its PDF and content, as the authority holds it (as sent: the caller checks it). */
  officeDocument(noticeNo: string, number: string): Promise<unknown>;
  /** Every window's latest signed day of the office in [from, to], as the authority holds them; why not, when it cannot be asked. */
  officeRegisterDays(from: string, to: string): Promise<UpstreamRegisterDay[] | 'not-linked' | 'unreachable'>;
  /** A case not in the cache, asked for online; found ones are cached. Offline or none: empty. */
  lookup(query: Record<string, string> | { noticeNo: string }): Promise<PermitCase[]>;
}
