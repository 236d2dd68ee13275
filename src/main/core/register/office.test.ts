/**
 * The office's register (issue 28): each window sends its signed day to the authority
 * (`POST /v1/register-days`); a supervisor's office view adds up every window's signed days with the
 * same figures, names the windows not yet signed for a day, and exports the same workbook. Two windows
 * of the demo office on one reference server.
 */
import { afterEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { ApiResult } from '../../../shared/errors';
import type { Register } from '../../../shared/register';
import { createCore } from '../api/core';
import { addDays } from '../dates/calendar';
import { demoCases } from '../demo/demo-cases';
import { getCase } from '../cases/cases';
import { pushOutbox } from '../sync/push';
import { client, NOW, runCleanups, TODAY, upstream, windowStore } from '../sync/test-sync';
import { approveWithAllOriginals } from '../verification/test-records';
import { updateSettings } from '../settings/settings';

afterEach(runCleanups);

const ok = <T>(r: ApiResult<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};

describe("the office's register", () => {
  it('adds up the signed days of both windows, names a window not signed for a day, and is refused offline or unlinked with its reason', async () => {
    const u = await upstream();
    const open = demoCases(TODAY).filter((c) => c.status === 'awaiting_verification' && c.category !== 'A');
    const windows = [];
    for (const [i, n] of [['1', 2], ['2', 1]] as const) {
      const w = await windowStore(u, undefined, undefined, undefined, i);
      // The office's windows, as its IT set them: the office register names those not signed for a day.
      updateSettings(w.db, { officeWindows: '1,2' }, 'admin', NOW);
      // Window 1 approves two cases today, window 2 one.
      for (const c of open.slice(i === '1' ? 0 : 2, i === '1' ? 2 : 3)) approveWithAllOriginals(w.db, getCase(w.db, c.noticeNo)!, { actor: `clerk${i}`, now: NOW });
      const core = createCore({ db: w.db, version: 't', now: () => NOW });
      const s = core.openSession();
      ok(await core.call(s, 'session.signIn', { username: 'supervisor', password: 'supervisor-demo' }));
      const call = <T>(m: string, p: unknown) => core.call(s, m, p) as Promise<ApiResult<T>>;
      windows.push({ ...w, call, n });
    }
    const [one, two] = windows;
    // Only window 1 has signed today so far: the office view names window 2.
    ok(await one.call('register.signDay', { day: TODAY, note: 'Counted with the paper log.' }));
    expect(await pushOutbox(one.db, client(u, 2000, 'DEMO/1'), () => NOW)).toMatchObject({ refused: 0, failed: null });
    let office = ok(await one.call<Register>('register.report', { from: TODAY, to: TODAY, by: 'day', scope: 'office' }));
    expect(office).toMatchObject({ scope: 'office', total: { verifications: { approved: 2 } }, unsigned: [{ day: TODAY, windows: ['DEMO/2'] }] });

    ok(await two.call('register.signDay', { day: TODAY, note: '' }));
    expect(await pushOutbox(two.db, client(u, 2000, 'DEMO/2'), () => NOW)).toMatchObject({ refused: 0, failed: null });
    office = ok(await one.call<Register>('register.report', { from: addDays(TODAY, -1), to: TODAY, by: 'day', scope: 'office' }));
    expect(office.total.verifications.approved).toBe(3);
    expect(office.byClerk).toEqual([expect.objectContaining({ clerk: 'DEMO/1', figures: expect.objectContaining({ verifications: expect.objectContaining({ approved: 2 }) }) }), expect.objectContaining({ clerk: 'DEMO/2', figures: expect.objectContaining({ verifications: expect.objectContaining({ approved: 1 }) }) })]);
    // Yesterday neither window signed; today both did.
    expect(office.unsigned).toEqual([{ day: addDays(TODAY, -1), windows: ['DEMO/1', 'DEMO/2'] }]);
    // The same workbook as a window's register, with the office's figures.
    const x = ok(await one.call<{ filename: string; base64: string }>('register.xlsx', { from: TODAY, to: TODAY, by: 'day', scope: 'office' }));
    expect(x.filename).toBe(`register-office-${TODAY}-${TODAY}-day.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(x.base64, 'base64') as unknown as ArrayBuffer);
    expect(book.worksheets.length).toBeGreaterThan(0);
    // Its own register is still its own.
    expect(ok(await one.call<Register>('register.report', { from: TODAY, to: TODAY, by: 'day' })).total.verifications.approved).toBe(2);

    // The authority out of reach: the office view says why; a window never linked, likewise.
    await u.stop();
    expect(await one.call('register.report', { from: TODAY, to: TODAY, by: 'day', scope: 'office' })).toMatchObject({ ok: false, error: { code: 'upstream-unreachable' } });
  }, 60_000);
});
