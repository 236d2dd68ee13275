import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { OfficeEvaluation } from '../../../shared/upstream-contract';
import { appendAudit } from '../audit/audit';
import { openFollowUp } from './follow-ups';

/**
 * The office's dissatisfied evaluations as the authority holds them, merged into this window's store:
 * one given at another window is kept (its grade, reasons and time; it counts in that window's register,
 * not this one's) with its follow-up opened here too, so that this window's supervisors hear of it; a
 * follow-up another window closed is closed here as it was closed there. Nothing of it is sent back.
 * Returns the follow-ups opened now, for the supervisors' alert.
 */
export function mergeOfficeEvaluations(db: Database, list: OfficeEvaluation[], mine: string, workingDays: number): { evaluationId: string; noticeNo: string; grade: 1 | 2; workstation: string; dueDay: string }[] {
  const opened: { evaluationId: string; noticeNo: string; grade: 1 | 2; workstation: string; dueDay: string }[] = [];
  db.transaction(() => {
    for (const e of list) {
      const known = db.prepare('SELECT 1 FROM evaluations WHERE id = ?').get(e.id);
      if (!known && e.workstation !== mine) {
        // The clerk's name is not in the authority's evaluation: the window stands for it.
        db.prepare('INSERT INTO evaluations (id, notice_no, grade, reasons, at, clerk, workstation, queue_no) VALUES (?,?,?,?,?,?,?,NULL)').run(e.id, e.caseNo, e.grade, JSON.stringify(e.reasons.length ? e.reasons : ['(none given)']), e.at, e.workstation, e.workstation);
        const { dueDay } = openFollowUp(db, { id: e.id, noticeNo: e.caseNo, grade: e.grade as 1 | 2, at: e.at }, workingDays);
        opened.push({ evaluationId: e.id, noticeNo: e.caseNo, grade: e.grade as 1 | 2, workstation: e.workstation, dueDay });
      }
      const f = e.followUp;
      if (!f) continue;
      const open = db.prepare('SELECT 1 FROM evaluation_follow_ups WHERE evaluation_id = ? AND closed_at IS NULL').get(e.id);
      if (!open) continue;
      db.prepare(
        'UPDATE evaluation_follow_ups SET checked = ?, put_right = ?, callback_on = ?, callback_how = ?, callback_said = ?, updated_at = ?, updated_by = ?, closed_at = ?, closed_by = ? WHERE evaluation_id = ?',
      ).run(f.checked, f.putRight, f.callback.on, f.callback.how, f.callback.said, f.closedAt, `${f.closedBy} (${f.workstation})`, f.closedAt, `${f.closedBy} (${f.workstation})`, e.id);
      appendAudit(db, { at: f.closedAt, actor: 'system', action: 'follow-up.closed', target: `${e.caseNo} grade ${e.grade}, closed at ${f.workstation}` });
    }
  })();
  return opened;
}
