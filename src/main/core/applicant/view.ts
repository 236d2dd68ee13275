import type { Database } from 'better-sqlite3-multiple-ciphers';
import { evidenceState, type ApplicantView } from '../../../shared/applicant';
import { getCase } from '../cases/cases';
import { getSettings } from '../settings/settings';
import { checklistFor } from '../verification/materials';
import { listRecords } from '../verification/records';
import { getDraft } from '../verification/drafts';
import type { Visit } from './displays';

/**
 * What the applicant's display shows of a visit: whose case, what is being checked and how far, and
 * after a request for supplements, what to bring back. Only the case of the visit the clerk has open,
 * and of it only what the applicant brought or must bring: no rule results, no notes, no other case.
 * The newest signed-off record after the visit opened counts; before it, the draft as the clerk goes.
 */
export function applicantView(db: Database, visit: Visit | null): ApplicantView {
  const s = getSettings(db);
  const idle: ApplicantView = { state: 'idle', office: s.officeName, windowNo: s.windowNo };
  const c = visit && getCase(db, visit.noticeNo);
  if (!visit || !c) return idle;
  const openedAt = new Date(visit.openedAt).toISOString();
  const record = listRecords(db, c.noticeNo).filter((r) => r.at >= openedAt).at(-1) ?? null;
  const draft = getDraft(db, c.noticeNo);
  const entries = record?.materials ?? draft?.materials ?? [];
  const evidence = new Map(entries.map((m) => [m.code, m.evidence]));
  const materials = checklistFor(c).map((item) => ({ code: item.code, state: evidenceState(evidence.get(item.code), item.required) }));
  const supplement = record?.outcome === 'supplement';
  return {
    state: 'visit',
    office: s.officeName,
    windowNo: s.windowNo,
    visitId: visit.id,
    // The number the clerk typed or the queue system sent, kept with the draft or the record.
    queueNo: visit.queueNo ?? record?.queueNo ?? draft?.queueNo ?? null,
    holder: c.applicant.name,
    holderZh: c.applicant.nameZh,
    nationality: c.applicant.nationality,
    noticeNo: c.noticeNo,
    category: c.category,
    materials,
    outcome: record?.outcome ?? null,
    bringBack: supplement ? materials.filter((m) => m.state === 'missing').map((m) => m.code) : [],
    supplementNotes: supplement ? record.supplements : [],
    evaluation: visit.evaluation,
  };
}
