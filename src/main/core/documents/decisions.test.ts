import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { beforeEach, describe, expect, it } from 'vitest';
import type { PermitCase } from '../../../shared/cases';
import { verifyAudit } from '../audit/audit';
import { getCase, saveCase } from '../cases/cases';
import { openTestStore } from '../store/test-store';
import { signOff } from '../verification/records';
import { allOriginalsDraft, windowCase } from '../verification/test-records';
import { decisionPdf, hasLiveDecision, issueDecision, voidDecision } from './decisions';
import { addNumberBlock, formatDecisionNumber, numbersLeft } from './numbers';
import { pdfText } from '../../../../test/support/pdf-text';

const NOW = new Date('2026-11-23T02:00:00Z');
const TODAY = '2026-11-23';

const theCase: PermitCase = windowCase(TODAY);

const ctx = { actor: 'clerk', now: NOW, today: TODAY, cardRead: () => null, liveDecisionOn: (id: string) => hasLiveDecision(db, id) };
const input = (over: Partial<Parameters<typeof signOff>[1]> = {}): Parameters<typeof signOff>[1] => ({
  noticeNo: theCase.noticeNo,
  caseVersion: theCase.version,
  outcome: 'approved',
  draft: allOriginalsDraft(theCase),
  reasons: [],
  supplements: [],
  override: null,
  correctionOf: null,
  ...over,
});

let db: Database;
beforeEach(() => {
  db = openTestStore();
  saveCase(db, theCase);
  addNumberBlock(db, { prefix: '京人社外许字', year: 2026, from: 123, to: 124 });
});

describe('verification records', () => {
  it('approving with all originals seen moves the case to verified; the record can be neither changed nor deleted', () => {
    const r = signOff(db, input(), ctx);
    expect(r).toMatchObject({ outcome: 'approved', override: null, seq: 1, workstation: 'DEMO/1', clerk: 'clerk' });
    expect(getCase(db, theCase.noticeNo)!.status).toBe('verified');
    expect(() => db.prepare("UPDATE verifications SET outcome = 'rejected'").run()).toThrow(/immutable/);
    expect(() => db.prepare('DELETE FROM verifications').run()).toThrow(/immutable/);
    // The same sign-off again (a double click) is the same record; another outcome is refused.
    expect(signOff(db, input(), ctx).id).toBe(r.id);
    expect(() => signOff(db, input({ outcome: 'rejected', reasons: ['Changed mind'] }), ctx)).toThrow(/only a correction/);
    expect(db.prepare('SELECT count(*) FROM verifications').pluck().get()).toBe(1);
  });

  it('an overdue case is not approved without an override; with one, the override and its reason are on the record', () => {
    const overdue = { ...theCase, entryDate: '2026-10-01' };
    saveCase(db, overdue);
    expect(() => signOff(db, input({ draft: allOriginalsDraft(overdue) }), ctx)).toThrow(expect.objectContaining({ code: 'approval-blocked' }));
    expect(getCase(db, theCase.noticeNo)!.status).toBe('awaiting_verification');
    const r = signOff(db, input({ draft: allOriginalsDraft(overdue), override: { by: 'supervisor', reason: 'Hospitalised on day 28; certificate seen.' } }), ctx);
    expect(r.override).toEqual({ by: 'supervisor', reason: 'Hospitalised on day 28; certificate seen.' });
    expect(r.rules.find((x) => x.rule === 'attend-within-30-days')!.status).toBe('fail');
  });

  it('a missing original blocks approval; supplements must be listed and a rejection must give reasons', () => {
    const draft = allOriginalsDraft(theCase);
    draft.materials[0] = { ...draft.materials[0], evidence: 'missing' };
    expect(() => signOff(db, input({ draft }), ctx)).toThrow(expect.objectContaining({ code: 'approval-blocked' }));
    expect(() => signOff(db, input({ draft, outcome: 'supplement' }), ctx)).toThrow(expect.objectContaining({ code: 'invalid-request' }));
    const s = signOff(db, input({ draft, outcome: 'supplement', supplements: ['护照原件 Original passport'] }), ctx);
    expect(s.problems.map((p) => p.problem)).toEqual(['missing-required']);
    expect(getCase(db, theCase.noticeNo)!.status).toBe('awaiting_verification');
    expect(() => signOff(db, input({ outcome: 'rejected' }), ctx)).toThrow(expect.objectContaining({ code: 'invalid-request' }));
    // Sent twice (a double click), or a hundred times at once: one record, one copy waiting to go upstream.
    expect(signOff(db, input({ draft, outcome: 'supplement', supplements: ['护照原件 Original passport'] }), ctx).id).toBe(s.id);
    // A visit opened before the supplements were asked for cannot be signed off on top of them.
    expect(() => signOff(db, input({ draft, outcome: 'supplement', supplements: ['Other'] }), ctx)).toThrow(/signed off meanwhile/);
    expect(db.prepare('SELECT count(*) FROM verifications').pluck().get()).toBe(1);
    expect(db.prepare("SELECT count(*) FROM outbox").pluck().get()).toBe(1);
    // The return with the supplements follows that record, and is taken.
    const back = signOff(db, input({ draft: { ...allOriginalsDraft(theCase), returningFrom: s.id } }), ctx);
    expect(back.outcome).toBe('approved');
  });

  it('a Category A case records what the office decided about attendance before any outcome; B and C keep none', () => {
    const a = { ...theCase, category: 'A' as const };
    saveCase(db, a);
    const draftA = allOriginalsDraft(a, { attendedBy: 'employer-manager', note: 'Talent programme; originals brought by HR.' });
    expect(() => signOff(db, input({ draft: draftA }), ctx)).toThrow(expect.objectContaining({ code: 'invalid-request', fields: ['categoryA'] }));
    const r = signOff(db, input({ draft: { ...draftA, categoryA: 'verified-without-attendance' } }), ctx);
    expect(r).toMatchObject({ outcome: 'approved', categoryA: 'verified-without-attendance', attendedBy: 'employer-manager' });
    saveCase(db, { ...theCase, noticeNo: 'WPN-B-0002', permitNo: 'P-B-0002' });
    const b = signOff(db, { ...input({ draft: { ...allOriginalsDraft(theCase), categoryA: 'attendance-required' } }), noticeNo: 'WPN-B-0002' }, ctx);
    expect(b.categoryA).toBeNull();
  });

  it('a correction is a new record pointing at the old one, and a record is corrected once', () => {
    const first = signOff(db, input({ outcome: 'rejected', reasons: ['Contract changed since the application'] }), ctx);
    expect(getCase(db, theCase.noticeNo)!.status).toBe('rejected');
    const second = signOff(db, input({ correctionOf: first.id }), ctx);
    expect(second.correctionOf).toBe(first.id);
    expect(getCase(db, theCase.noticeNo)!.status).toBe('verified');
    expect(signOff(db, input({ correctionOf: first.id }), ctx).id).toBe(second.id);
    expect(() => signOff(db, input({ correctionOf: first.id, outcome: 'rejected', reasons: ['Other'] }), ctx)).toThrow(/already corrected/);
    expect(verifyAudit(db)).toBeNull();
  });
});

describe('decisions', () => {
  it('issues with the next number of the block, archives the exact PDF with its SHA-256, and says the names, number and dates', async () => {
    const r = signOff(db, input(), ctx);
    const d = await issueDecision(db, r.id, 'clerk', NOW);
    expect(d.number).toBe('京人社外许字〔2026〕第000123号');
    const { pdf, sha256 } = decisionPdf(db, d.id);
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(sha256);
    expect(getCase(db, theCase.noticeNo)!.status).toBe('decision_issued');
    const file = join(mkdtempSync(join(tmpdir(), 'acw-decision-')), 'd.pdf');
    writeFileSync(file, pdf);
    const text = pdfText(file, { layout: true });
    for (const s of ['准予行政许可决定书', 'Decision to Grant Administrative Licence', d.number, theCase.applicant.name, theCase.applicant.passportNo, theCase.employer.uscc, '外国人来华工作许可', '第三十八条', '六十日', '六个月', '2026年11月23日']) {
      expect(text).toContain(s);
    }
    await expect(issueDecision(db, r.id, 'clerk', NOW)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('a voided number is never issued again, and an exhausted block says so', async () => {
    const r = signOff(db, input(), ctx);
    const first = await issueDecision(db, r.id, 'clerk', NOW);
    voidDecision(db, first.id, 'supervisor', 'Printed with the wrong employer address', NOW);
    expect(getCase(db, theCase.noticeNo)!.status).toBe('verified');
    expect(() => db.prepare("UPDATE decisions SET void_reason = 'x'").run()).toThrow(/voided, once/);
    expect(() => db.prepare('UPDATE decision_number_blocks SET next = 123').run()).toThrow(/never reused/);
    const second = await issueDecision(db, r.id, 'clerk', NOW);
    expect(second.number).toBe('京人社外许字〔2026〕第000124号');
    expect(numbersLeft(db, 2026)).toBe(0);
    voidDecision(db, second.id, 'supervisor', 'Second void for the test', NOW);
    await expect(issueDecision(db, r.id, 'clerk', NOW)).rejects.toMatchObject({ code: 'no-decision-numbers' });
  });

  it('formats numbers in the office pattern; overlapping blocks are refused', () => {
    expect(formatDecisionNumber('{prefix}〔{year}〕第{number:6}号', { prefix: '京人社外许字', year: 2026, serial: 123 })).toBe('京人社外许字〔2026〕第000123号');
    expect(formatDecisionNumber('SH-{year}-{number}', { prefix: '', year: 2027, serial: 5 })).toBe('SH-2027-5');
    expect(() => addNumberBlock(db, { prefix: '京人社外许字', year: 2026, from: 100, to: 123 })).toThrow(/overlap/);
    expect(addNumberBlock(db, { prefix: '京人社外许字', year: 2026, from: 125, to: 200 }).next).toBe(125);
  });

  it('issues grants asked for at once, each under its own number in order, without a queue between them', async () => {
    addNumberBlock(db, { prefix: '京人社外许字', year: 2026, from: 125, to: 200 });
    const cases = Array.from({ length: 5 }, (_, i) => ({ ...theCase, noticeNo: `WPN-B-10${i}`, permitNo: `11010820260000${i}100` }));
    const records = cases.map((c) => {
      saveCase(db, c);
      return signOff(db, { ...input(), noticeNo: c.noticeNo, caseVersion: getCase(db, c.noticeNo)!.version, draft: allOriginalsDraft(c) }, ctx);
    });
    const issued = await Promise.all(records.map((r) => issueDecision(db, r.id, 'clerk', NOW)));
    const serials = issued.map((d) => Number(/第(\d+)号/.exec(d.number)![1]));
    expect(new Set(issued.map((d) => d.number)).size).toBe(5);
    expect([...serials].sort((a, b) => a - b)).toEqual([123, 124, 125, 126, 127]);
    // Each PDF says its own number: none was drawn under a number another took.
    const dir = mkdtempSync(join(tmpdir(), 'acw-decisions-'));
    for (const d of issued) {
      writeFileSync(join(dir, `${d.id}.pdf`), decisionPdf(db, d.id).pdf);
      expect(pdfText(join(dir, `${d.id}.pdf`), { layout: true })).toContain(d.number);
    }
    expect(verifyAudit(db)).toBeNull();
  });
});
