import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Grade } from '../../../shared/applicant';
import type { CallbackWay, FollowUpCounts, FollowUpView } from '../../../shared/follow-ups';
import { appendAudit } from '../audit/audit';
import { chinaDate } from '../dates/calendar';
import { ApiFailure } from '../failures/failure';
import { enqueueFollowUp } from '../outbox/outbox';
import { workdayCalendar } from '../workdays/schedules';
import { getSettings, workstationOf } from '../settings/settings';

/** The grades that are dissatisfied (不满意): each is followed up. */
export const FOLLOWED_UP = (grade: Grade) => grade <= 2;

interface Row {
  evaluation_id: string;
  notice_no: string;
  grade: Grade;
  reasons: string;
  at: string;
  clerk: string;
  workstation: string;
  due_day: string;
  due_known: number;
  checked: string;
  put_right: string;
  callback_on: string | null;
  callback_how: CallbackWay | null;
  callback_said: string;
  updated_at: string;
  updated_by: string | null;
  closed_at: string | null;
  closed_by: string | null;
}

const SELECT = `SELECT f.*, e.notice_no, e.grade, e.reasons, e.at, e.clerk, e.workstation
  FROM evaluation_follow_ups f JOIN evaluations e ON e.id = f.evaluation_id`;

function view(r: Row, today: string): FollowUpView {
  const closedDay = r.closed_at ? chinaDate(new Date(r.closed_at)) : null;
  return {
    evaluationId: r.evaluation_id,
    noticeNo: r.notice_no,
    grade: r.grade,
    reasons: JSON.parse(r.reasons) as string[],
    evaluatedAt: r.at,
    clerk: r.clerk,
    workstation: r.workstation,
    dueDay: r.due_day,
    dueKnown: r.due_known === 1,
    state: r.closed_at ? 'closed' : today > r.due_day ? 'overdue' : 'open',
    checked: r.checked,
    putRight: r.put_right,
    callback: { on: r.callback_on, how: r.callback_how, said: r.callback_said },
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
    closedAt: r.closed_at,
    closedBy: r.closed_by,
    late: !!closedDay && closedDay > r.due_day,
  };
}

/**
 * Opens the follow-up of a dissatisfied evaluation, in the evaluation's transaction: due `workingDays`
 * working days after the day it was given (that day not counted), as the office's calendar counts them.
 */
export function openFollowUp(db: Database, evaluation: { id: string; noticeNo: string; grade: Grade; at: string }, workingDays: number): { dueDay: string } {
  const due = workdayCalendar(db).add(chinaDate(new Date(evaluation.at)), workingDays);
  db.prepare('INSERT INTO evaluation_follow_ups (evaluation_id, opened_at, due_day, due_known, updated_at) VALUES (?,?,?,?,?)').run(evaluation.id, evaluation.at, due.date, due.scheduleKnown ? 1 : 0, evaluation.at);
  appendAudit(db, { at: evaluation.at, actor: 'system', action: 'follow-up.opened', target: `${evaluation.noticeNo} grade ${evaluation.grade}, due ${due.date}` });
  return { dueDay: due.date };
}

/** Every follow-up, the open and overdue first (soonest due first), then the closed (latest first). */
export function listFollowUps(db: Database, today: string): FollowUpView[] {
  const rows = db.prepare(`${SELECT} ORDER BY f.closed_at IS NOT NULL, CASE WHEN f.closed_at IS NULL THEN f.due_day END, f.closed_at DESC`).all() as Row[];
  return rows.map((r) => view(r, today));
}

export function getFollowUp(db: Database, evaluationId: string, today: string): FollowUpView | null {
  const row = db.prepare(`${SELECT} WHERE f.evaluation_id = ?`).get(evaluationId) as Row | undefined;
  return row ? view(row, today) : null;
}

export interface FollowUpEntry {
  checked: string;
  putRight: string;
  callback: { on: string | null; how: CallbackWay | null; said: string };
}

/** What a supervisor recorded so far, kept as they go (audited); a closed follow-up is not changed. */
export function saveFollowUp(db: Database, evaluationId: string, entry: FollowUpEntry, actor: string, now: Date): FollowUpView {
  return db.transaction(() => {
    const current = getFollowUp(db, evaluationId, chinaDate(now));
    if (!current) throw new ApiFailure('not-found', 'No follow-up has that evaluation id.');
    if (current.closedAt) throw new ApiFailure('conflict', `The follow-up was closed by ${current.closedBy} at ${current.closedAt}: it is kept as it was closed.`);
    if (entry.callback.on && entry.callback.on > chinaDate(now)) throw new ApiFailure('invalid-request', 'The callback cannot be on a day still to come.', ['callback.on']);
    db.prepare('UPDATE evaluation_follow_ups SET checked = ?, put_right = ?, callback_on = ?, callback_how = ?, callback_said = ?, updated_at = ?, updated_by = ? WHERE evaluation_id = ?').run(
      entry.checked,
      entry.putRight,
      entry.callback.on,
      entry.callback.how,
      entry.callback.said,
      now.toISOString(),
      actor,
      evaluationId,
    );
    appendAudit(db, { at: now.toISOString(), actor, action: 'follow-up.updated', target: current.noticeNo });
    return getFollowUp(db, evaluationId, chinaDate(now))!;
  })();
}

/**
 * Closes a follow-up with what was checked, what was put right and the callback (its day, the way, what
 * the applicant said), all required; audited, and queued for the authority with the evaluation's id.
 */
export function closeFollowUp(db: Database, evaluationId: string, entry: FollowUpEntry, actor: string, now: Date): FollowUpView {
  const missing = [
    ...(!entry.checked.trim() ? ['checked'] : []),
    ...(!entry.putRight.trim() ? ['putRight'] : []),
    ...(!entry.callback.on ? ['callback.on'] : []),
    ...(!entry.callback.how ? ['callback.how'] : []),
    ...(!entry.callback.said.trim() ? ['callback.said'] : []),
  ];
  if (missing.length) throw new ApiFailure('invalid-request', 'A follow-up is closed with what was checked, what was put right, and the callback: its day, how, and what the applicant said.', missing);
  return db.transaction(() => {
    const saved = saveFollowUp(db, evaluationId, entry, actor, now);
    db.prepare('UPDATE evaluation_follow_ups SET closed_at = ?, closed_by = ? WHERE evaluation_id = ?').run(now.toISOString(), actor, evaluationId);
    const closed = getFollowUp(db, evaluationId, chinaDate(now))!;
    appendAudit(db, { at: now.toISOString(), actor, action: 'follow-up.closed', target: `${saved.noticeNo} grade ${saved.grade}, due ${saved.dueDay}${closed.late ? ', late' : ''}` });
    enqueueFollowUp(
      db,
      {
        evaluationId,
        caseNo: saved.noticeNo,
        dueDay: saved.dueDay,
        checked: entry.checked.trim(),
        putRight: entry.putRight.trim(),
        callback: { on: entry.callback.on!, how: entry.callback.how!, said: entry.callback.said.trim() },
        closedAt: now.toISOString(),
        closedBy: actor,
        // The window that closed it (any of the office's), not the one the evaluation was given at.
        workstation: workstationOf(getSettings(db)),
      },
      now,
    );
    return closed;
  })();
}

/** Open, overdue and closed follow-ups of this window's evaluations given in [from, to), as of `today`. */
export function followUpCounts(db: Database, from: string, to: string, today: string, workstation: string): FollowUpCounts {
  const rows = db.prepare(`${SELECT} WHERE e.at >= ? AND e.at < ? AND e.workstation = ?`).all(from, to, workstation) as Row[];
  const views = rows.map((r) => view(r, today));
  return {
    asOf: today,
    open: views.filter((v) => v.state === 'open').length,
    overdue: views.filter((v) => v.state === 'overdue').length,
    closed: views.filter((v) => v.state === 'closed').length,
    closedLate: views.filter((v) => v.late).length,
  };
}
