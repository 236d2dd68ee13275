/**
 * A dissatisfied evaluation followed up (issue 28): given on the applicant's display, it opens a
 * follow-up due in working days (the office's calendar, the setting), tells the supervisors at once and
 * no one else, is recorded as the supervisor goes, closes only with what was checked, what was put right
 * and the callback, is audited, counted in the register (open, overdue, closed, late) and reaches the
 * reference server once with the evaluation's id.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ApplicantView } from '../../../shared/applicant';
import type { ApiResult } from '../../../shared/errors';
import type { FollowUpView } from '../../../shared/follow-ups';
import type { CoreEvent } from '../../../shared/permit-qr';
import type { Register } from '../../../shared/register';
import { createCore } from '../api/core';
import { addDays, chinaDate } from '../dates/calendar';
import { demoCases } from '../demo/demo-cases';
import { pushOutbox } from '../sync/push';
import { client, runCleanups, upstream, windowStore } from '../sync/test-sync';
import { workdayCalendar } from '../workdays/schedules';

afterEach(runCleanups);

const ok = async <T>(p: Promise<ApiResult<unknown>>): Promise<T> => {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
};

async function office(now: { t: Date }) {
  const u = await upstream();
  const { db } = await windowStore(u);
  const core = createCore({ db, version: 't', now: () => now.t });
  const as = async (username: string) => {
    const s = core.openSession();
    await ok(core.call(s, 'session.signIn', { username, password: `${username}-demo` }));
    return s;
  };
  const clerk = await as('clerk');
  const supervisor = await as('supervisor');
  const police = await as('police');
  const display = core.openSession();
  const heard: { who: string; e: CoreEvent }[] = [];
  core.events.subscribe((e) => {
    for (const [who, s] of [['clerk', clerk], ['supervisor', supervisor], ['police', police], ['display', display]] as const) {
      const out = core.eventFor(s, e);
      if (out?.type === 'follow-up.opened') heard.push({ who, e: out });
    }
  });
  const { code } = await ok<{ code: string }>(core.call(clerk, 'applicant.pair', {}));
  await ok(core.call(display, 'applicant.join', { code }));
  /** A visit of this case evaluated with this grade on the display. */
  const evaluate = async (noticeNo: string, grade: number, reasons: string[]) => {
    await ok(core.call(clerk, 'applicant.show', { noticeNo }));
    await ok(core.call(clerk, 'applicant.askEvaluation', {}));
    const view = await ok<Extract<ApplicantView, { state: 'visit' }>>(core.call(display, 'applicant.view', {}));
    await ok(core.call(display, 'applicant.evaluate', { visitId: view.visitId, grade, reasons }));
    await ok(core.call(clerk, 'applicant.show', { noticeNo: null }));
    return view.visitId;
  };
  return { u, db, core, as, clerk, supervisor, police, heard, evaluate };
}

describe('dissatisfied evaluations followed up', () => {
  it('a grade 2 opens a follow-up due in 15 working days, tells the supervisors at once, and closes with the callback; it is audited, counted and sent', async () => {
    const now = { t: new Date() };
    const w = await office(now);
    const cases = demoCases(chinaDate(now.t)).filter((c) => c.status === 'awaiting_verification');
    const bad = await w.evaluate(cases[0].noticeNo, 2, ['waited-long']);
    await w.evaluate(cases[1].noticeNo, 5, []);
    const today = chinaDate(now.t);
    const due = workdayCalendar(w.db).add(today, 15).date;
    // Fifteen working days are three weeks or more: never fewer calendar days.
    expect(due >= addDays(today, 21)).toBe(true);

    // The supervisor hears of it at once; the clerk whose service it was, the police and the display do not.
    expect(w.heard.map((h) => h.who)).toEqual(['supervisor']);
    expect(w.heard[0].e).toMatchObject({ type: 'follow-up.opened', evaluationId: bad, noticeNo: cases[0].noticeNo, grade: 2, dueDay: due });
    // Only the dissatisfied one is followed up; only a supervisor sees them.
    const list = await ok<FollowUpView[]>(w.core.call(w.supervisor, 'followUps.list', {}));
    expect(list).toMatchObject([{ evaluationId: bad, grade: 2, reasons: ['waited-long'], state: 'open', dueDay: due, clerk: 'clerk' }]);
    expect(await w.core.call(w.clerk, 'followUps.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    // Recorded as the supervisor goes; closing without the callback is refused, naming what is missing.
    const partial = { evaluationId: bad, checked: 'CCTV and the queue log: 40 minutes waiting at 10:00.', putRight: '', callback: { on: null, how: null, said: '' } };
    expect(await ok<FollowUpView>(w.core.call(w.supervisor, 'followUps.save', partial))).toMatchObject({ checked: partial.checked, state: 'open' });
    const refused = await w.core.call(w.supervisor, 'followUps.close', partial);
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-request', fields: ['putRight', 'callback.on', 'callback.how', 'callback.said'] } });
    const tomorrow = addDays(today, 1);
    expect(await w.core.call(w.supervisor, 'followUps.save', { ...partial, callback: { on: tomorrow, how: 'phone', said: '' } })).toMatchObject({ ok: false, error: { code: 'invalid-request', fields: ['callback.on'] } });

    // The register counts it open, then overdue once its due day has passed.
    const range = { from: today, to: today, by: 'day' };
    expect((await ok<Register>(w.core.call(w.supervisor, 'register.report', range))).followUps).toMatchObject({ open: 1, overdue: 0, closed: 0 });
    now.t = new Date(`${addDays(due, 1)}T10:00:00+08:00`);
    // Weeks later the screen has locked: the supervisor signs in again.
    const later = await w.as('supervisor');
    expect((await ok<FollowUpView[]>(w.core.call(later, 'followUps.list', {})))[0].state).toBe('overdue');
    expect((await ok<Register>(w.core.call(later, 'register.report', range))).followUps).toMatchObject({ open: 0, overdue: 1 });

    // Closed (late) with the callback; kept as closed; sent once with the evaluation's id.
    const closing = { ...partial, putRight: 'A second clerk at the window from 9:30 to 11:30.', callback: { on: chinaDate(now.t), how: 'phone', said: 'Thanked us; satisfied with the change.' } };
    const closed = await ok<FollowUpView>(w.core.call(later, 'followUps.close', closing));
    expect(closed).toMatchObject({ state: 'closed', closedBy: 'supervisor', late: true, callback: closing.callback });
    expect(await w.core.call(later, 'followUps.save', closing)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((await ok<Register>(w.core.call(later, 'register.report', range))).followUps).toMatchObject({ open: 0, overdue: 0, closed: 1, closedLate: 1 });
    const actions = w.db.prepare("SELECT action FROM audit_log WHERE action LIKE 'follow-up.%' ORDER BY seq").pluck().all();
    expect(actions).toEqual(['follow-up.opened', 'follow-up.updated', 'follow-up.updated', 'follow-up.closed']);

    expect(await pushOutbox(w.db, client(w.u), () => now.t)).toMatchObject({ refused: 0, failed: null });
    expect(await pushOutbox(w.db, client(w.u), () => now.t)).toMatchObject({ sent: 0 });
    expect(await w.u.stats()).toMatchObject({ evaluationsCreated: 2, followUpsCreated: 1 });
  }, 60_000);
});
