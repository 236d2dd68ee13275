import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Grade } from '../../../shared/applicant';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { appendAudit } from '../audit/audit';
import { enqueueEvaluation } from '../outbox/outbox';
import { FOLLOWED_UP, openFollowUp } from './follow-ups';

export interface Evaluation {
  id: string;
  noticeNo: string;
  grade: Grade;
  reasons: string[];
  at: string;
  clerk: string;
  workstation: string;
  queueNo: string | null;
}

/**
 * An applicant's evaluation, kept, audited and queued for the authority in one transaction: nothing
 * of it is lost between the three, and a second one of the same visit is refused by its id. The
 * audit names the case and the grade, not the reasons (the applicant's own words). A dissatisfied one
 * (grades 1–2) opens its follow-up in the same transaction.
 */
export function recordEvaluation(db: Database, e: Evaluation, followUpWorkingDays = DEFAULT_SETTINGS.followUpWorkingDays): { followUp: { dueDay: string } | null } {
  return db.transaction(() => {
    db.prepare('INSERT INTO evaluations (id, notice_no, grade, reasons, at, clerk, workstation, queue_no) VALUES (?,?,?,?,?,?,?,?)').run(
      e.id,
      e.noticeNo,
      e.grade,
      JSON.stringify(e.reasons),
      e.at,
      e.clerk,
      e.workstation,
      e.queueNo,
    );
    appendAudit(db, { at: e.at, actor: 'applicant', action: 'evaluation.recorded', target: `${e.noticeNo} grade ${e.grade} (service of ${e.clerk})` });
    enqueueEvaluation(db, { id: e.id, caseNo: e.noticeNo, grade: e.grade, reasons: e.reasons, at: e.at, workstation: e.workstation }, new Date(e.at));
    // A dissatisfied one opens its follow-up with it: it cannot be recorded and forgotten.
    return { followUp: FOLLOWED_UP(e.grade) ? openFollowUp(db, e, followUpWorkingDays) : null };
  })();
}

export function hasEvaluation(db: Database, id: string): boolean {
  return !!db.prepare('SELECT 1 FROM evaluations WHERE id = ?').get(id);
}

/**
 * This window's evaluations of [from, to) counted by Beijing day, the clerk whose service it was, and
 * grade (those of other windows, kept here for their follow-ups, count in their own windows' registers).
 */
export function evaluationCounts(db: Database, from: string, to: string, workstation: string): { day: string; clerk: string; grade: Grade; n: number }[] {
  return db
    .prepare("SELECT date(at, '+8 hours') AS day, clerk, grade, count(*) AS n FROM evaluations WHERE at >= ? AND at < ? AND workstation = ? GROUP BY day, clerk, grade")
    .all(from, to, workstation) as { day: string; clerk: string; grade: Grade; n: number }[];
}
