import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { PermitCase } from '../../../shared/cases';
import type { VerificationDraft, VerificationRecord } from '../../../shared/verification';
import { chinaDate } from '../dates/calendar';
import { checklistFor } from './materials';
import { emptyDraft, signOff } from './records';

/** For tests and benchmarks: every checklist line recorded as the window expects it, fields as the case has them. */
export function allOriginalsDraft(c: PermitCase, extra: Partial<VerificationDraft> = {}): VerificationDraft {
  return {
    ...emptyDraft(),
    materials: checklistFor(c).map((i) => ({
      code: i.code,
      evidence: i.expected,
      fields: Object.fromEntries(i.fields.filter((f) => f.caseValue).map((f) => [f.key, f.caseValue!])),
      note: '',
    })),
    ...extra,
  };
}

/** For tests and benchmarks: a case approved at the window with all its originals, signed off as `actor`. */
export function approveWithAllOriginals(db: Database, c: PermitCase, opts: { actor?: string; now?: Date; draft?: Partial<VerificationDraft> } = {}): VerificationRecord {
  const now = opts.now ?? new Date();
  return signOff(
    db,
    { noticeNo: c.noticeNo, caseVersion: c.version, outcome: 'approved', draft: allOriginalsDraft(c, opts.draft), reasons: [], supplements: [], override: null, correctionOf: null },
    { actor: opts.actor ?? 'clerk', now, today: chinaDate(now), cardRead: () => null },
  );
}
