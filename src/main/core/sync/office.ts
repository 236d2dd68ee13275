import type { Database } from 'better-sqlite3-multiple-ciphers';
import { addDays, chinaDate } from '../dates/calendar';
import { mergeOfficeEvaluations } from '../evaluations/office';
import type { CoreEvents } from '../events/events';
import { getSettings, workstationOf } from '../settings/settings';
import { ApiFailure } from '../failures/failure';
import { getCase } from '../cases/cases';
import { unservedDecisions } from '../documents/decisions';
import { casesWithOfficeDocuments, documentsElsewhere, followOfficeVoids, officeDocumentEvents, takeOfficeDocuments } from '../documents/office-documents';
import { createLogger } from '../log/logger';
import { UpstreamError, type UpstreamClient } from './upstream-client';

/** How long the window waits to hear what other windows did on a case before it goes on without. */
const CASE_AT_OFFICE_MS = 3000;
const log = createLogger('sync');

/** The case at the authority and its history across the office's windows; a slow server is not waited for beyond a few seconds. */
export async function caseAtOffice(c: UpstreamClient, noticeNo: string) {
  const ask = Promise.all([c.caseByNotice(noticeNo), c.caseHistory(noticeNo)]).then(([found, history]) => {
    const status = (found as { status?: unknown } | null)?.status;
    return { status: typeof status === 'string' ? status : 'unknown', verifications: history.verifications, documents: history.documents, decisions: history.decisions };
  });
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'unreachable'>((resolve) => (timer = setTimeout(() => resolve('unreachable'), CASE_AT_OFFICE_MS)));
  try {
    return await Promise.race([ask.catch(() => 'unreachable' as const), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** What a window asks the authority of the office's other windows' work, as the Upstream port offers it; not linked or not reachable said, never thrown, but for a document taken. */
export function officeCalls(client: () => UpstreamClient | null) {
  return {
    /** The case at the authority and its history across the office's windows (a few seconds at most). */
    async caseAtOffice(noticeNo: string) {
      const c = client();
      return c ? caseAtOffice(c, noticeNo) : ('not-linked' as const);
    },
    /** A document another window issued, with its PDF and content: a clear error when it cannot be had. */
    async officeDocument(noticeNo: string, number: string): Promise<unknown> {
      const c = client();
      if (!c) throw new ApiFailure('not-linked', 'This window is not linked to the authority.');
      return c.caseDocument(noticeNo, number).catch((err: unknown) => {
        if (err instanceof UpstreamError && err.status === 404) return null;
        throw new ApiFailure('upstream-unreachable', 'The authority cannot be reached now: try again.');
      });
    },
    /** Every window's latest signed day of the office in the range. */
    async officeRegisterDays(from: string, to: string) {
      const c = client();
      if (!c) return 'not-linked' as const;
      return c.registerDays(from, to).catch(() => 'unreachable' as const);
    },
  };
}

/**
 * The round's step for this window's documents served at another window: of the cases the pull brought
 * changed, those with a grant or refusal of this window not yet served have their history read, and
 * another window's proof of service of them is taken here (checked as any document taken), so that the
 * worklist no longer asks for their service. A void at another window of a document taken here follows.
 */
export async function followOfficeServices(db: Database, c: UpstreamClient, touched: Set<string>, events: CoreEvents, now: Date): Promise<void> {
  const mine = workstationOf(getSettings(db));
  const waiting = new Map<string, Set<string>>();
  for (const d of unservedDecisions(db)) if (touched.has(d.noticeNo)) waiting.set(d.noticeNo, (waiting.get(d.noticeNo) ?? new Set()).add(d.number));
  const takenCases = casesWithOfficeDocuments(db);
  for (const noticeNo of new Set([...waiting.keys(), ...takenCases.filter((n) => touched.has(n))])) {
    const history = officeDocumentEvents(await c.caseHistory(noticeNo));
    const voided = followOfficeVoids(db, history, now);
    const numbers = waiting.get(noticeNo);
    const services = documentsElsewhere(db, history, mine).filter((d) => d.type === 'service' && !d.held && numbers && history.some((e) => e.number === d.number && e.served.some((n) => numbers.has(n))));
    const theCase = getCase(db, noticeNo);
    const taken = services.length && theCase
      ? await takeOfficeDocuments(db, theCase, services, history, (n, number) => c.caseDocument(n, number), 'system', now).catch((err: unknown) => {
          log.warn("another window's proof of service could not be taken", { error: err instanceof Error ? err.message : String(err) });
          return [];
        })
      : [];
    // An open case shows them at once.
    if (voided.length || taken.length) events.emit({ type: 'case.documents', noticeNo });
  }
}

/**
 * The round's step for the office's dissatisfied evaluations (the last 90 days): one given at another
 * window reaches this window's supervisors too. An authority that does not offer them (404: the contract
 * does not name this call) is left alone.
 */
export async function pullOfficeEvaluations(db: Database, c: UpstreamClient, events: CoreEvents, now: Date): Promise<void> {
  const list = await c.officeEvaluations(addDays(chinaDate(now), -90)).catch((err: unknown) => {
    if (err instanceof UpstreamError && err.status === 404) return [];
    throw err;
  });
  const s = getSettings(db);
  for (const o of mergeOfficeEvaluations(db, list, workstationOf(s), s.followUpWorkingDays)) {
    events.emit({ type: 'follow-up.opened', evaluationId: o.evaluationId, noticeNo: o.noticeNo, grade: o.grade, clerk: o.workstation, dueDay: o.dueDay });
  }
}
