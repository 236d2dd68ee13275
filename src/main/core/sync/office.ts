import type { Database } from 'better-sqlite3-multiple-ciphers';
import { addDays, chinaDate } from '../dates/calendar';
import { mergeOfficeEvaluations } from '../evaluations/office';
import type { CoreEvents } from '../events/events';
import { getSettings, workstationOf } from '../settings/settings';
import { UpstreamError, type UpstreamClient } from './upstream-client';

/** How long the window waits to hear what other windows did on a case before it goes on without. */
const CASE_AT_OFFICE_MS = 3000;

/** The case at the authority and its history across the office's windows; a slow server is not waited for beyond a few seconds. */
export async function caseAtOffice(c: UpstreamClient, noticeNo: string) {
  const ask = Promise.all([c.caseByNotice(noticeNo), c.caseHistory(noticeNo)]).then(([found, history]) => {
    const status = (found as { status?: unknown } | null)?.status;
    return { status: typeof status === 'string' ? status : 'unknown', verifications: history.verifications };
  });
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'unreachable'>((resolve) => (timer = setTimeout(() => resolve('unreachable'), CASE_AT_OFFICE_MS)));
  try {
    return await Promise.race([ask.catch(() => 'unreachable' as const), late]);
  } finally {
    clearTimeout(timer);
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
