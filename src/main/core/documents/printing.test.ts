import { readFileSync } from 'node:fs';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TEST_PRINTER, newPdfOutputs, queuedJobs, setPrinterRunning, startCups, stopCups } from '../../../../test/support/cups';
import { pdfText } from '../../../../test/support/pdf-text';
import { saveCase } from '../cases/cases';
import { demoCases } from '../demo/demo-cases';
import { addNumberBlock } from './numbers';
import { decisionPdf, hasLiveDecision, issueDecision, issueRefusal } from './decisions';
import { printDecision, settleSubmittedPrints } from './printing';
import { openTestStore } from '../store/test-store';
import { allOriginalsDraft, approveWithAllOriginals, windowCase } from '../verification/test-records';
import { signOff } from '../verification/records';
import { dueEntries } from '../outbox/outbox';
import { createCupsPrinters } from '../../platform/printers/cups';

const spooler = createCupsPrinters();
const now = () => new Date('2026-11-23T02:00:00Z');
let db: Database;
let decisionId: number;

beforeAll(startCups, 30_000);
afterAll(stopCups);

beforeEach(async () => {
  setPrinterRunning(true);
  db = openTestStore();
  const c = { ...demoCases('2026-11-23')[0], category: 'B' as const, status: 'awaiting_verification' as const, entryDate: '2026-11-10', notice: { issuedOn: '2026-09-01', validMonths: 6, approvedMonths: 24, family: [] }, contract: { start: '2026-10-01', end: '2028-09-30', signed: '2026-08-20' }, medical: { kind: 'domestic' as const, issuedOn: '2026-10-01', issuer: 'X' }, employer: { name: '示范科技有限公司', uscc: '91110108MA01TPQX65', address: '北京' } };
  saveCase(db, c);
  addNumberBlock(db, { prefix: '京人社外许字', year: 2026, from: 1, to: 10 });
  const r = approveWithAllOriginals(db, c, { now: now() });
  decisionId = (await issueDecision(db, r.id, 'clerk', now())).id;
});

describe('printing through CUPS', () => {
  it('a decision counts as printed when the spooler says the job completed; the next print is a COPY with its count', async () => {
    const before = Date.now();
    const d = await printDecision(db, spooler, decisionId, 'clerk', now, { printer: TEST_PRINTER, timeoutMs: 20_000 });
    expect(d.printed).toBe(true);
    expect(d.prints).toEqual([expect.objectContaining({ copyNo: 0, state: 'completed', printer: TEST_PRINTER, jobId: expect.stringMatching(/^CounterPDF-\d+$/) })]);
    const [original] = await newPdfOutputs(before);
    expect(pdfText(original)).toContain(d.number);

    const before2 = Date.now();
    const again = await printDecision(db, spooler, decisionId, 'clerk', now, { printer: TEST_PRINTER, timeoutMs: 20_000 });
    expect(again.prints[1]).toMatchObject({ copyNo: 1, state: 'completed' });
    const [copy] = await newPdfOutputs(before2);
    const text = pdfText(copy);
    expect(text).toContain('副本 COPY');
    expect(text).toContain('No. 1');
    expect(readFileSync(copy).length).toBeGreaterThan(1000);
  }, 60_000);

  it('a refusal decision prints through the same spooler, and its reprint is a COPY with its count, sent upstream as a document reprint', async () => {
    const c = windowCase('2026-11-23');
    const other = { ...c, noticeNo: 'WPN-REFUSED-1', permitNo: 'P-REFUSED-1' };
    saveCase(db, other);
    addNumberBlock(db, { type: 'refusal', prefix: '京人社外不许字', year: 2026, from: 1, to: 10 });
    const r = signOff(db, { noticeNo: other.noticeNo, caseVersion: other.version, outcome: 'rejected', draft: allOriginalsDraft(other), reasons: ['Forged contract'], supplements: [], override: null, correctionOf: null }, { actor: 'clerk', now: now(), today: '2026-11-23', cardRead: () => null, liveDecisionOn: (id: string) => hasLiveDecision(db, id) });
    const refusal = await issueRefusal(db, r.id, 'clerk', now());
    const before = Date.now();
    expect((await printDecision(db, spooler, refusal.id, 'clerk', now, { printer: TEST_PRINTER, timeoutMs: 20_000 })).printed).toBe(true);
    const [original] = await newPdfOutputs(before);
    expect(pdfText(original).replace(/\s+/g, '')).toContain('不予行政许可决定书');
    const before2 = Date.now();
    const again = await printDecision(db, spooler, refusal.id, 'clerk', now, { printer: TEST_PRINTER, timeoutMs: 20_000 });
    expect(again.prints[1]).toMatchObject({ copyNo: 1, state: 'completed' });
    const [copy] = await newPdfOutputs(before2);
    expect(pdfText(copy)).toContain('副本 COPY');
    expect(dueEntries(db, new Date(Date.now() + 1000)).filter((e) => e.kind === 'document').map((e) => (e.body as { kind: string }).kind)).toEqual(['issued', 'reprint']);
  }, 60_000);

  it('a stopped printer leaves the decision unprinted, the job cancelled and the reason recorded', async () => {
    setPrinterRunning(false);
    const d = await printDecision(db, spooler, decisionId, 'clerk', now, { printer: TEST_PRINTER, timeoutMs: 20_000 });
    expect(d.printed).toBe(false);
    expect(d.prints[0]).toMatchObject({ copyNo: 0, state: 'failed', message: expect.stringContaining('stopped') });
    const jobs = queuedJobs(TEST_PRINTER);
    expect(jobs).not.toContain(d.prints[0].jobId!);
    // Once the printer runs again, printing again is the original, not a copy.
    setPrinterRunning(true);
    const retry = await printDecision(db, spooler, decisionId, 'clerk', now, { printer: TEST_PRINTER, timeoutMs: 20_000 });
    expect(retry.printed).toBe(true);
    expect(retry.prints[1]).toMatchObject({ copyNo: 0, state: 'completed' });
  }, 60_000);

  it('a printer the spooler does not know fails at once with its reason', async () => {
    const d = await printDecision(db, spooler, decisionId, 'clerk', now, { printer: 'NoSuchPrinter', timeoutMs: 5_000 });
    expect(d.prints[0]).toMatchObject({ state: 'failed', jobId: null, message: expect.stringMatching(/does not exist/) });
  });
});

describe('printing the same decision twice at once', () => {
  it('the second call is refused while the first waits for the printer, and only one job is sent', async () => {
    const first = printDecision(db, spooler, decisionId, 'clerk', now, { printer: TEST_PRINTER, timeoutMs: 20_000 });
    await expect(printDecision(db, spooler, decisionId, 'clerk', now, { printer: TEST_PRINTER, timeoutMs: 20_000 })).rejects.toMatchObject({ code: 'conflict' });
    const d = await first;
    expect(d.prints).toHaveLength(1);
    expect(d.printed).toBe(true);
  }, 30_000);
});

describe('a print left with the spooler by a crash', () => {
  it('is settled from the spooler on the next look: state, audit entry and, for a reprint, its decision event', async () => {
    const jobId = await spooler.submit(decisionPdf(db, decisionId).pdf, TEST_PRINTER, 'left behind');
    for (let i = 0; i < 100 && (await spooler.jobState(jobId)).state !== 'completed'; i++) await new Promise((r) => setTimeout(r, 100));
    // As the waiting call would have left it: a copy sent, never finished.
    db.prepare("INSERT INTO decision_prints (decision_id, copy_no, printer, job_id, state, at, by, sha256) VALUES (?, 1, ?, ?, 'submitted', ?, 'clerk', ?)").run(
      decisionId,
      TEST_PRINTER,
      jobId,
      now().toISOString(),
      'b'.repeat(64),
    );
    await settleSubmittedPrints(db, spooler, now());
    expect(db.prepare('SELECT state FROM decision_prints WHERE job_id = ?').pluck().get(jobId)).toBe('completed');
    expect(db.prepare("SELECT actor FROM audit_log WHERE action = 'decision.reprinted'").pluck().all()).toEqual(['system']);
    const event = db.prepare("SELECT body FROM outbox WHERE kind = 'decision' AND body LIKE '%reprint%'").pluck().get() as string;
    expect(JSON.parse(event)).toMatchObject({ kind: 'reprint', clerk: 'clerk', pdfSha256: 'b'.repeat(64) });
  }, 30_000);
});
