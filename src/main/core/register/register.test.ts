import ExcelJS from 'exceljs';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { beforeEach, describe, expect, it } from 'vitest';
import type { PermitCase } from '../../../shared/cases';
import { createCore } from '../api/core';
import { getCase, saveCase } from '../cases/cases';
import { hasLiveDecision, issueDecision, voidDecision } from '../documents/decisions';
import { addNumberBlock } from '../documents/numbers';
import { recordEvaluation } from '../evaluations/evaluations';
import { openDemoTestStore, openTestStore } from '../store/test-store';
import { signOff } from '../verification/records';
import { allOriginalsDraft, windowCase } from '../verification/test-records';
import { buildRegister, periodOf, signDay } from './register';
import { registerWorkbook } from './xlsx';
import { registerPdf } from './pdf';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pdfText } from '../../../../test/support/pdf-text';

const NOW = new Date('2026-12-03T09:00:00Z');
let db: Database;
let n = 0;
function stored(): PermitCase {
  const c: PermitCase = { ...windowCase('2026-11-23'), noticeNo: `RG${String(++n).padStart(12, '0')}`, permitNo: String(320000000000000000 + n) };
  saveCase(db, c);
  return c;
}
const sign = (c: PermitCase, outcome: 'approved' | 'supplement' | 'rejected', actor: string, at: string) =>
  signOff(
    db,
    { noticeNo: c.noticeNo, caseVersion: getCase(db, c.noticeNo)!.version, outcome, draft: allOriginalsDraft(c), reasons: outcome === 'approved' ? [] : ['Contract missing'], supplements: outcome === 'supplement' ? ['Contract'] : [], override: null, correctionOf: null },
    { actor, now: new Date(at), today: at.slice(0, 10), cardRead: () => null, liveDecisionOn: (id: string) => hasLiveDecision(db, id) },
  );

beforeEach(() => {
  db = openTestStore();
  addNumberBlock(db, { type: 'grant', prefix: 'G', year: 2026, from: 1, to: 50 });
});

describe("the office's register", () => {
  // 2026-11-30T15:59:59.999Z is 23:59:59.999 on Monday 30 November in Beijing; a millisecond later it is 1 December.
  const LAST_OF_NOV = '2026-11-30T15:59:59.999Z';
  const FIRST_OF_DEC = '2026-11-30T16:00:00.000Z';

  it('counts each sign-off, document and evaluation on its Beijing day, by the clerk who did it', async () => {
    const a = sign(stored(), 'approved', 'clerk', LAST_OF_NOV);
    const b = sign(stored(), 'approved', 'clerk', FIRST_OF_DEC);
    sign(stored(), 'supplement', 'clerk2', FIRST_OF_DEC);
    sign(stored(), 'rejected', 'clerk2', '2026-12-02T03:00:00.000Z');
    const g1 = await issueDecision(db, a.id, 'clerk', new Date(LAST_OF_NOV));
    await issueDecision(db, b.id, 'clerk2', new Date(FIRST_OF_DEC));
    voidDecision(db, g1.id, 'supervisor', 'misprinted name', new Date('2026-12-01T02:00:00.000Z'));
    recordEvaluation(db, { id: crypto.randomUUID(), noticeNo: a.noticeNo, grade: 5, reasons: [], at: FIRST_OF_DEC, clerk: 'clerk', workstation: 'DEMO/1', queueNo: null });
    recordEvaluation(db, { id: crypto.randomUUID(), noticeNo: b.noticeNo, grade: 1, reasons: ['waited-long'], at: '2026-12-02T03:00:00.000Z', clerk: 'clerk', workstation: 'DEMO/1', queueNo: null });

    const r = buildRegister(db, NOW, { from: '2026-11-30', to: '2026-12-02', by: 'day' });
    expect(r.periods).toEqual(['2026-11-30', '2026-12-01', '2026-12-02']);
    const row = (period: string, clerk: string) => r.rows.find((x) => x.period === period && x.clerk === clerk)?.figures;
    expect(row('2026-11-30', 'clerk')).toMatchObject({ verifications: { approved: 1, supplement: 0, rejected: 0 }, issued: { grant: 1 } });
    expect(row('2026-12-01', 'clerk')).toMatchObject({ verifications: { approved: 1 }, evaluations: { '5': 1 } });
    expect(row('2026-12-01', 'clerk2')).toMatchObject({ verifications: { supplement: 1 }, issued: { grant: 1 } });
    expect(row('2026-12-01', 'supervisor')).toMatchObject({ voided: 1 });
    expect(row('2026-12-02', 'clerk2')).toMatchObject({ verifications: { rejected: 1 } });
    expect(row('2026-12-02', 'clerk')).toMatchObject({ evaluations: { '1': 1 } });
    expect(r.total).toMatchObject({ verifications: { approved: 2, supplement: 1, rejected: 1 }, issued: { grant: 2 }, voided: 1, evaluations: { '1': 1, '5': 1 } });
    // The grant block: two numbers used of fifty.
    expect(r.blocks).toEqual([{ type: 'grant', prefix: 'G', year: 2026, from: 1, to: 50, used: 2, left: 48 }]);

    // A day outside the range counts nothing of it; the week (Monday 30 November) takes all three days.
    expect(buildRegister(db, NOW, { from: '2026-12-01', to: '2026-12-01', by: 'day' }).total.issued.grant).toBe(1);
    const week = buildRegister(db, NOW, { from: '2026-11-30', to: '2026-12-06', by: 'week' });
    expect(week.periods).toEqual(['2026-11-30']);
    expect(week.total).toEqual(r.total);
    const months = buildRegister(db, NOW, { from: '2026-11-01', to: '2026-12-31', by: 'month' });
    expect(months.totals.map((t) => [t.period, t.figures.verifications.approved])).toEqual([['2026-11', 1], ['2026-12', 1]]);

    // The workbook reads back with the same figures.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await registerWorkbook(r)) as unknown as ExcelJS.Buffer);
    const totals = wb.getWorksheet('Totals 合计')!;
    const header = (totals.getRow(1).values as string[]).slice(1);
    const col = (h: string) => header.findIndex((x) => x.includes(h)) + 1;
    expect(totals.getRow(2).getCell(1).value).toBe('2026-11-30');
    expect(totals.getRow(3).getCell(col('Verified: supplements')).value).toBe(1);
    expect(totals.getRow(5).getCell(col('Grants issued')).value).toBe(2);
    expect(totals.getRow(5).getCell(col('Voided')).value).toBe(1);
    expect(wb.getWorksheet('By clerk 按人员')!.rowCount).toBe(1 + r.rows.length);
    // A block's document by its name in both languages, not its code.
    expect(wb.getWorksheet('Numbers 文号')!.getRow(2).getCell(1).value).toBe('准予行政许可决定书 Decision to Grant Administrative Licence');

    // The PDF, read back by poppler: the scope, each clerk over the range, the total's figures.
    expect(r.byClerk.map((c) => [c.clerk, c.figures.verifications.approved, c.figures.issued.grant])).toEqual([['clerk', 2, 1], ['clerk2', 0, 1], ['supervisor', 0, 0]]);
    const dir = mkdtempSync(join(tmpdir(), 'acw-register-pdf-'));
    writeFileSync(join(dir, 'r.pdf'), await registerPdf(r, 'Demo Office'));
    const text = pdfText(join(dir, 'r.pdf'), { layout: true });
    expect(text).toContain('2026-11-30 至 to 2026-12-02');
    expect(text).toMatch(/合计 Total\s+2\s+1\s+1\s+2\s+0\s+0\s+0\s+0\s+1\s+2\s+1/);
    expect(text).toMatch(/clerk2\s+0\s+1\s+1\s+1/);
  });

  it('weeks start on Monday', () => {
    expect(periodOf('2026-11-30', 'week')).toBe('2026-11-30');
    expect(periodOf('2026-12-06', 'week')).toBe('2026-11-30');
    expect(periodOf('2026-12-07', 'week')).toBe('2026-12-07');
    expect(periodOf('2027-01-01', 'week')).toBe('2026-12-28');
  });

  it('the end-of-day review is signed once, audited, and says when the day changed after it', async () => {
    const c = sign(stored(), 'approved', 'clerk', '2026-12-03T01:00:00.000Z');
    const review = signDay(db, NOW, '2026-12-03', 'All counted; one late arrival.', 'supervisor');
    expect(review).toMatchObject({ day: '2026-12-03', signedBy: 'supervisor', unchanged: true });
    expect(() => signDay(db, NOW, '2026-12-03', 'again', 'supervisor')).toThrow(/signed already/);
    expect(() => signDay(db, NOW, '2026-12-04', 'tomorrow', 'supervisor')).toThrow(/has not come/);
    expect(db.prepare("SELECT actor FROM audit_log WHERE action = 'register.day-signed'").pluck().all()).toEqual(['supervisor']);
    await issueDecision(db, c.id, 'clerk', new Date('2026-12-03T08:00:00.000Z'));
    expect(buildRegister(db, NOW, { from: '2026-12-03', to: '2026-12-03', by: 'day' }).reviews).toEqual([{ ...review, unchanged: false }]);
  });

  it("a register over many days checks each signed day from its own counts: the neighbours' work changes nothing, the day's own does", async () => {
    // Three clerks on the day, work on the days either side, a void and an evaluation on the day.
    const onDay = ['2026-12-01T01:00:00.000Z', '2026-12-01T02:00:00.000Z', '2026-12-01T03:00:00.000Z'];
    const records = [sign(stored(), 'approved', 'clerk3', onDay[0]), sign(stored(), 'rejected', 'clerk', onDay[1]), sign(stored(), 'approved', 'clerk2', onDay[2])];
    const g = await issueDecision(db, records[0].id, 'clerk3', new Date(onDay[0]));
    voidDecision(db, g.id, 'supervisor', 'wrong name', new Date(onDay[2]));
    recordEvaluation(db, { id: crypto.randomUUID(), noticeNo: records[1].noticeNo, grade: 2, reasons: ['unclear'], at: onDay[1], clerk: 'clerk', workstation: 'DEMO/1', queueNo: null });
    sign(stored(), 'approved', 'clerk', '2026-11-30T03:00:00.000Z');
    const review = signDay(db, NOW, '2026-12-01', '', 'supervisor');
    // The hash is of the day's figures, written out here from the work above (not counted again by the
    // code under test): each clerk's sign-offs by outcome, the grant issued by clerk3 and voided by the
    // supervisor, the evaluation of grade 2; in the order and form earlier versions stored too.
    const figures = {
      records: [
        { day: '2026-12-01', clerk: 'clerk', outcome: 'rejected', corrections: 0, n: 1 },
        { day: '2026-12-01', clerk: 'clerk2', outcome: 'approved', corrections: 0, n: 1 },
        { day: '2026-12-01', clerk: 'clerk3', outcome: 'approved', corrections: 0, n: 1 },
      ],
      documents: { issued: [{ day: '2026-12-01', clerk: 'clerk3', type: 'grant', n: 1 }], voided: [{ day: '2026-12-01', clerk: 'supervisor', type: 'grant', n: 1 }], reprinted: [] },
      evaluations: [{ day: '2026-12-01', clerk: 'clerk', grade: 2, n: 1 }],
    };
    expect(db.prepare("SELECT figures_sha256 FROM day_reviews WHERE day = '2026-12-01'").pluck().get()).toBe(createHash('sha256').update(JSON.stringify(figures)).digest('hex'));

    const reviews = () => buildRegister(db, NOW, { from: '2026-11-01', to: '2026-12-03', by: 'week' }).reviews;
    expect(reviews()).toEqual([{ ...review, unchanged: true }]);
    sign(stored(), 'supplement', 'clerk2', '2026-12-02T01:00:00.000Z');
    sign(stored(), 'approved', 'clerk2', '2026-11-30T15:59:59.999Z');
    expect(reviews()).toEqual([{ ...review, unchanged: true }]);
    sign(stored(), 'approved', 'clerk2', '2026-11-30T16:00:00.000Z');
    expect(reviews()).toEqual([{ ...review, unchanged: false }]);
  });

  it('through the API: the supervisor only, a bad range refused with the field named', async () => {
    const core = createCore({ db: await openDemoTestStore(NOW), version: 't', now: () => NOW });
    const s = core.openSession();
    await core.call(s, 'session.signIn', { username: 'supervisor', password: 'supervisor-demo' });
    expect((await core.call(s, 'register.report', { from: '2026-12-01', to: '2026-12-03', by: 'day' })).ok).toBe(true);
    expect(await core.call(s, 'register.report', { from: '2026-12-03', to: '2026-12-01', by: 'day' })).toMatchObject({ ok: false, error: { code: 'invalid-request', fields: ['to'] } });
    expect(await core.call(s, 'register.report', { from: '2026-02-30', to: '2026-03-01', by: 'day' })).toMatchObject({ ok: false, error: { code: 'invalid-request', fields: ['from'] } });
    expect(await core.call(s, 'register.report', { from: '2025-01-01', to: '2026-12-31', by: 'month' })).toMatchObject({ ok: false, error: { code: 'invalid-request', fields: ['to'] } });
    const clerk = core.openSession();
    await core.call(clerk, 'session.signIn', { username: 'clerk', password: 'clerk-demo' });
    expect(await core.call(clerk, 'register.report', { from: '2026-12-01', to: '2026-12-03', by: 'day' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
