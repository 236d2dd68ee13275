/**
 * What a print's outcome is when the spooler does not simply say "completed": unknown (the clerk
 * says), and after a restart (settled from the spooler, never from memory), through the in-memory
 * spooler and the Windows adapter on PowerShell's recorded answers.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { beforeEach, describe, expect, it } from 'vitest';
import { saveCase } from '../cases/cases';
import { demoCases } from '../demo/demo-cases';
import { decisionPrinter, keepDecisionPrinter } from '../printing/choose-printer';
import { createCoreEvents } from '../events/events';
import { getSettings } from '../settings/settings';
import { openDemoTestStore, openTestStore } from '../store/test-store';
import { createCore } from '../api/core';
import { getCase } from '../cases/cases';
import { chinaDate } from '../dates/calendar';
import { approveWithAllOriginals } from '../verification/test-records';
import { createMemoryPrinters } from '../../platform/printers/memory';
import { createWindowsPrinters, type WindowsSpoolerHost } from '../../platform/printers/windows';
import { issueDecision, viewOf } from './decisions';
import { addNumberBlock } from './numbers';
import { confirmPrint, printDecision, settleSubmittedPrints } from './printing';

const now = () => new Date('2026-11-23T02:00:00Z');
let db: Database;
let decisionId: number;

beforeEach(async () => {
  db = openTestStore();
  const c = { ...demoCases('2026-11-23')[0], category: 'B' as const, status: 'awaiting_verification' as const, entryDate: '2026-11-10', notice: { issuedOn: '2026-09-01', validMonths: 6, approvedMonths: 24, family: [] }, contract: { start: '2026-10-01', end: '2028-09-30', signed: '2026-08-20' }, medical: { kind: 'domestic' as const, issuedOn: '2026-10-01', issuer: 'X' } };
  saveCase(db, c);
  addNumberBlock(db, { prefix: '京人社外许字', year: 2026, from: 1, to: 10 });
  decisionId = (await issueDecision(db, approveWithAllOriginals(db, c, { now: now() }).id, 'clerk', now())).id;
});

const opts = { printer: 'MemoryPDF', timeoutMs: 5000, pollMs: 5 };

describe('a print whose outcome the spooler cannot give', () => {
  it('is unknown, blocks another print until the clerk says, and counts as the original when it printed', async () => {
    const m = createMemoryPrinters([{ name: 'MemoryPDF' }], { pollsToFinish: 1000 });
    const printing = printDecision(db, m.port, decisionId, 'clerk', now, opts);
    await new Promise((r) => setTimeout(r, 30));
    m.forget(m.queued('MemoryPDF')[0]);
    const d = await printing;
    expect(d.printed).toBe(false);
    expect(d.prints[0]).toMatchObject({ state: 'unknown', copyNo: 0, message: expect.stringContaining('no longer knows') });
    await expect(printDecision(db, m.port, decisionId, 'clerk', now, opts)).rejects.toMatchObject({ code: 'conflict' });
    const confirmed = confirmPrint(db, d.prints[0].id, true, 'clerk', now());
    expect(confirmed).toMatchObject({ printed: true, prints: [{ state: 'completed', confirmed: { by: 'clerk' } }] });
    // The next print is a copy, as after any printed original.
    const m2 = createMemoryPrinters([{ name: 'MemoryPDF' }]);
    expect((await printDecision(db, m2.port, decisionId, 'clerk', now, opts)).prints[1]).toMatchObject({ copyNo: 1, state: 'completed' });
    const audit = db.prepare("SELECT action FROM audit_log WHERE action LIKE 'decision.print%' ORDER BY seq").pluck().all();
    expect(audit).toEqual(['decision.print-unknown', 'decision.printed', 'decision.print-confirmed']);
  });

  it('that did not print counts as failed, and printing again is the original', async () => {
    const m = createMemoryPrinters([{ name: 'MemoryPDF' }], { pollsToFinish: 1000 });
    const printing = printDecision(db, m.port, decisionId, 'clerk', now, opts);
    await new Promise((r) => setTimeout(r, 30));
    m.forget(m.queued('MemoryPDF')[0]);
    const d = await printing;
    expect(confirmPrint(db, d.prints[0].id, false, 'clerk', now())).toMatchObject({ printed: false, prints: [{ state: 'failed', confirmed: { by: 'clerk' } }] });
    expect(() => confirmPrint(db, d.prints[0].id, true, 'clerk', now())).toThrow(/unknown/);
    expect((await printDecision(db, createMemoryPrinters([{ name: 'MemoryPDF' }]).port, decisionId, 'clerk', now, opts)).prints[1]).toMatchObject({ copyNo: 0, state: 'completed' });
  });
});

describe('after a restart', () => {
  /** The row a crash leaves: the job recorded as sent to the Windows spooler, nobody waiting on it. */
  function leftSubmitted(jobId: string) {
    db.prepare("INSERT INTO decision_prints (decision_id, copy_no, printer, job_id, state, at, by, sha256) VALUES (?, 0, 'Counter HP', ?, 'submitted', ?, 'clerk', ?)").run(decisionId, jobId, now().toISOString(), viewOf(db, decisionId).sha256);
  }
  const windows = (answer: string): WindowsSpoolerHost => ({
    powershell: async (script) => (script.includes('Win32_Printer') ? JSON.stringify([{ Name: 'Counter HP', Default: true, PrinterStatus: 3, WorkOffline: false }]) : answer),
    printFile: async () => undefined,
  });

  it('a job the Windows spooler kept as printed settles as printed, from the spooler', async () => {
    leftSubmitted('win:Counter HP:31');
    await settleSubmittedPrints(db, createWindowsPrinters(windows(JSON.stringify({ Id: 31, DocumentName: 'x.pdf', JobStatus: 'Printed, Retained' }))), now());
    expect(viewOf(db, decisionId)).toMatchObject({ printed: true, prints: [{ state: 'completed' }] });
  });

  it('one still printing stays sent; one the spooler dropped is unknown, for the clerk to say; one out of paper failed', async () => {
    leftSubmitted('win:Counter HP:32');
    await settleSubmittedPrints(db, createWindowsPrinters(windows(JSON.stringify({ Id: 32, DocumentName: 'x.pdf', JobStatus: 'Printing' }))), now());
    expect(viewOf(db, decisionId).prints[0].state).toBe('submitted');
    await settleSubmittedPrints(db, createWindowsPrinters(windows('null')), now());
    expect(viewOf(db, decisionId).prints[0]).toMatchObject({ state: 'unknown' });
    leftSubmitted('win:Counter HP:33');
    await settleSubmittedPrints(db, createWindowsPrinters(windows(JSON.stringify({ Id: 33, DocumentName: 'x.pdf', JobStatus: 'PaperOut' }))), now());
    expect(viewOf(db, decisionId).prints[1]).toMatchObject({ state: 'failed', reasonCode: 'printer-stopped', message: 'the printer is out of paper' });
  });
});

describe('the printer decisions go to, out of the box', () => {
  it("the system's default, or its only printer, kept in settings and said how (and announced); none where there are several and no default", async () => {
    const single = openTestStore();
    const events = createCoreEvents();
    const heard: string[] = [];
    events.subscribe((e) => e.type === 'settings.changed' && heard.push(e.settings.printer));
    // A look only: the view says which printer, and nothing is kept.
    expect(await decisionPrinter(single, createMemoryPrinters([{ name: 'Only' }]).port)).toEqual({ name: 'Only', how: 'only' });
    expect(getSettings(single).printer).toBe('');
    expect(await keepDecisionPrinter(single, createMemoryPrinters([{ name: 'Only' }]).port, events, now())).toEqual({ name: 'Only', how: 'only' });
    expect(getSettings(single).printer).toBe('Only');
    expect(heard).toEqual(['Only']);
    // Kept: asked again, the same printer, still said to be the one picked, and nothing announced again.
    expect(await keepDecisionPrinter(single, createMemoryPrinters([{ name: 'Other', isDefault: true }]).port, events, now())).toEqual({ name: 'Only', how: 'only' });
    expect(heard).toEqual(['Only']);
    const withDefault = openTestStore();
    expect(await keepDecisionPrinter(withDefault, createMemoryPrinters([{ name: 'A' }, { name: 'B', isDefault: true }]).port, events, now())).toEqual({ name: 'B', how: 'default' });
    const several = openTestStore();
    expect(await keepDecisionPrinter(several, createMemoryPrinters([{ name: 'A' }, { name: 'B' }]).port, events, now())).toBeNull();
    expect(getSettings(several).printer).toBe('');
  });

  it('a view of the case writes nothing: no printer kept, no print settled, no audit entry', async () => {
    const store = await openDemoTestStore(now());
    const memory = createMemoryPrinters([{ name: 'Only' }]);
    const core = createCore({ db: store, version: 't', now, printers: memory.port });
    const clerk = core.openSession();
    await core.call(clerk, 'session.signIn', { username: 'clerk', password: 'clerk-demo' });
    const c = getCase(store, demoCases(chinaDate(now()))[0].noticeNo)!;
    const decision = await issueDecision(store, approveWithAllOriginals(store, c, { now: now() }).id, 'clerk', now());
    store.prepare("INSERT INTO decision_prints (decision_id, copy_no, printer, job_id, state, at, by, sha256) VALUES (?, 0, 'Only', 'gone-1', 'submitted', ?, 'clerk', ?)").run(decision.id, now().toISOString(), 'c'.repeat(64));
    const before = store.prepare('SELECT count(*) FROM audit_log').pluck().get();
    expect(await core.call(clerk, 'verification.get', { noticeNo: c.noticeNo })).toMatchObject({ ok: true, value: { printer: { name: 'Only', how: 'only' } } });
    expect(await core.call(clerk, 'verification.saveDraft', { noticeNo: c.noticeNo, draft: { materials: [], qrText: null, cardReadId: null, mrz: null, photoCheckId: null, attendedBy: 'applicant', note: 'x' } })).toMatchObject({ ok: true });
    expect(getSettings(store).printer).toBe('');
    expect(store.prepare("SELECT state FROM decision_prints WHERE job_id = 'gone-1'").pluck().get()).toBe('submitted');
    // Only the draft's own save is audited, if anything: no print settled and no setting changed.
    const actions = store.prepare('SELECT action FROM audit_log LIMIT -1 OFFSET ?').pluck().all(before) as string[];
    expect(actions.filter((a) => a !== 'verification.draft-saved')).toEqual([]);
    // The core's start keeps the printer and settles the print the spooler no longer knows.
    await core.start();
    await core.stop();
    expect(getSettings(store).printer).toBe('Only');
    expect(store.prepare("SELECT state FROM decision_prints WHERE job_id = 'gone-1'").pluck().get()).not.toBe('submitted');
  });

  it('with no printer to be had, a print is refused as no-printer, and the view says none is set up', async () => {
    const store = await openDemoTestStore(now());
    const core = createCore({ db: store, version: 't', now, printers: createMemoryPrinters([{ name: 'A' }, { name: 'B' }]).port });
    const clerk = core.openSession();
    await core.call(clerk, 'session.signIn', { username: 'clerk', password: 'clerk-demo' });
    const c = getCase(store, demoCases(chinaDate(now()))[0].noticeNo)!;
    const decision = await issueDecision(store, approveWithAllOriginals(store, c, { now: now() }).id, 'clerk', now());
    expect(await core.call(clerk, 'verification.get', { noticeNo: c.noticeNo })).toMatchObject({ ok: true, value: { printer: null } });
    expect(await core.call(clerk, 'decisions.print', { id: decision.id })).toMatchObject({ ok: false, error: { code: 'no-printer' } });
    expect(viewOf(store, decision.id).prints).toEqual([]);
  });
});
