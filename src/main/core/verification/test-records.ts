import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { PermitCase } from '../../../shared/cases';
import type { VerificationDraft, VerificationRecord } from '../../../shared/verification';
import { chinaDate } from '../dates/calendar';
import { demoCases } from '../demo/demo-cases';
import { checklistFor } from './materials';
import { signOff } from './records';
import { emptyDraft } from './drafts';
import { hasLiveDecision } from '../documents/decisions';

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
    { actor: opts.actor ?? 'clerk', now, today: chinaDate(now), cardRead: () => null, liveDecisionOn: (id: string) => hasLiveDecision(db, id) },
  );
}

/** For tests: a Category B case at the window as of `today` (2026-11-23 in most), entered on 2026-11-10, its materials all in order. */
export function windowCase(today: string): PermitCase {
  return {
    ...demoCases(today)[0],
    category: 'B',
    status: 'awaiting_verification',
    entryDate: '2026-11-10',
    notice: { issuedOn: '2026-09-01', validMonths: 6, approvedMonths: 24, family: [] },
    contract: { start: '2026-10-01', end: '2028-09-30', signed: '2026-08-20' },
    medical: { kind: 'domestic', issuedOn: '2026-10-01', issuer: '北京国际旅行卫生保健中心' },
    employer: { name: '示范科技有限公司', uscc: '91110108MA01TPQX65', address: '北京' },
  };
}
