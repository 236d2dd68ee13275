import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_ROOTS } from '../../../../test/support/trust-roots';
import { createCore } from '../api/core';
import { openDemoTestStore } from '../store/test-store';
import { runCleanups, upstream, windowStore } from '../sync/test-sync';
import { scheduleStatus, workdayCalendar } from './schedules';

afterEach(runCleanups);

const Y2027 = { year: 2027, holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: [] };

describe("next year's schedule, without a new release", () => {
  it('comes from upstream once published (GET /v1/calendar); before that, and for a year not published, the year stays unknown', async () => {
    const u = await upstream();
    const { db } = await windowStore(u);
    const core = createCore({ db, version: 't', trustRoots: DEMO_ROOTS });
    await core.sync.runNow();
    expect(core.sync.state().problems).toEqual([]);
    expect(workdayCalendar(db).add('2026-12-31', 1)).toEqual({ date: '2027-01-01', scheduleKnown: false });
    await u.control('/_test/calendar', Y2027);
    await core.sync.runNow();
    expect(scheduleStatus(db).at(-1)).toEqual({ year: 2027, source: 'upstream' });
    expect(workdayCalendar(db).add('2026-12-31', 1)).toEqual({ date: '2027-01-04', scheduleKnown: true });
  });

  it('a schedule from upstream that does not hold is the step’s problem, and nothing of it is taken', async () => {
    const u = await upstream();
    await u.control('/_test/calendar', { year: 2027, holidays: [], workdays: ['2027-03-03'] });
    const { db } = await windowStore(u);
    const core = createCore({ db, version: 't', trustRoots: DEMO_ROOTS });
    await core.sync.runNow();
    expect(core.sync.state()).toMatchObject({ online: true, problems: [{ step: 'calendar', code: 'malformed', message: expect.stringContaining('a weekday') }] });
    expect(scheduleStatus(db).some((s) => s.year === 2027)).toBe(false);
  });

  it("or from an admin's import, audited; a clerk may read the years known but not import", async () => {
    const db = await openDemoTestStore();
    const core = createCore({ db, version: 't' });
    const admin = core.openSession();
    await core.call(admin, 'session.signIn', { username: 'admin', password: 'admin-demo' });
    expect(await core.call(admin, 'workdays.importSchedule', { schedule: '{"year": 2027, "holidays": ["2027-02-30"], "workdays": []}' })).toMatchObject({ ok: false, error: { code: 'invalid-request', fields: ['schedule'] } });
    const ok = await core.call(admin, 'workdays.importSchedule', { schedule: JSON.stringify(Y2027) });
    expect(ok).toMatchObject({ ok: true, value: expect.arrayContaining([{ year: 2027, source: 'import' }, { year: 2026, source: 'shipped' }]) });
    expect(db.prepare("SELECT target FROM audit_log WHERE action = 'workdays.schedule-imported'").pluck().all()).toEqual(['2027']);
    const clerk = core.openSession();
    await core.call(clerk, 'session.signIn', { username: 'clerk', password: 'clerk-demo' });
    expect(await core.call(clerk, 'workdays.status', {})).toMatchObject({ ok: true });
    expect(await core.call(clerk, 'workdays.importSchedule', { schedule: JSON.stringify(Y2027) })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
