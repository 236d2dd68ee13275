import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { DecisionView } from '../../../shared/verification';
import { ApiFailure } from '../failures/failure';
import { appendAudit } from '../audit/audit';
import { PrintError, type PrinterPort, type PrintErrorCode } from '../printing/spooler';
import type { DocumentType } from '../../../shared/verification';
import { decisionRow, printsOf, viewOf, type DocumentContent } from './decisions';
import { auditNoun, enqueueDocumentEvent, sha256 } from './issuer';
import { renderDocumentPdf } from './render-document';

/**
 * Printing, reprinting and the outcome of each print, read back from the spooler. The print is
 * recorded before it is sent and its outcome is stored, so a restart settles a job from the spooler,
 * never from memory; a job whose outcome the spooler cannot give is `unknown`, and the clerk says
 * whether it came out (a reprint is never guessed into an original, or the reverse).
 */
interface PrintOutcomeRow {
  rowId: number;
  type: DocumentType;
  /** The document's archived content (its upstream event names what a proof of service served). */
  content: string;
  number: string;
  noticeNo: string;
  copyNo: number;
  sha256: string;
  jobId: string | null;
  /** Who asked for the print (the decision event names them). */
  clerk: string;
}

type Outcome = { state: 'completed' } | { state: 'failed'; code: PrintErrorCode; reason: string } | { state: 'unknown'; reason: string };

/**
 * The spooler's last word on a print, recorded once whoever learnt it (the waiting call, or a later
 * look after a restart): the row's state, the audit entry and, for a completed reprint, its decision event.
 */
function recordPrintOutcome(db: Database, p: PrintOutcomeRow, o: Outcome, actor: string, at: Date): void {
  db.transaction(() => {
    const message = o.state === 'completed' ? null : o.reason;
    const code = o.state === 'failed' ? o.code : null;
    db.prepare('UPDATE decision_prints SET state = ?, message = ?, reason_code = ?, job_id = coalesce(?, job_id) WHERE id = ?').run(o.state, message, code, p.jobId, p.rowId);
    const action = o.state === 'completed' ? (p.copyNo ? 'reprinted' : 'printed') : o.state === 'unknown' ? 'print-unknown' : 'print-failed';
    appendAudit(db, { at: at.toISOString(), actor, action: `${auditNoun(p.type)}.${action}`, target: `${p.number}${p.copyNo ? ` copy ${p.copyNo}` : ''} ${p.jobId ?? ''}`.trim() });
    if (o.state === 'completed' && p.copyNo) {
      enqueueDocumentEvent(db, JSON.parse(p.content) as DocumentContent, { number: p.number, caseNo: p.noticeNo, kind: 'reprint', pdfSha256: p.sha256, at: at.toISOString(), clerk: p.clerk }, at);
    }
  })();
}

/**
 * Per open store (ids are a store's own): the print rows a `printDecision` call is still waiting on
 * (not for `settleSubmittedPrints`), and the decisions being printed now (a second print of one, a
 * double click, waits its turn by failing).
 */
const inFlight = new WeakMap<Database, { awaited: Set<number>; printing: Set<number> }>();
function flightOf(db: Database) {
  let f = inFlight.get(db);
  if (!f) inFlight.set(db, (f = { awaited: new Set(), printing: new Set() }));
  return f;
}

export interface PrintOptions {
  printer: string;
  timeoutMs: number;
  pollMs?: number;
}

/**
 * Prints a decision and waits for the spooler's word. The first print that completes is the original;
 * any later one is a reprint marked 副本 / COPY with its count, rendered from the stored content and
 * archived. The job is recorded before it is sent, so a crash while waiting leaves a `submitted` row
 * that `settleSubmittedPrints` finishes; a job the spooler does not finish in time is cancelled, so
 * it cannot come out later, and recorded as failed.
 */
export async function printDecision(db: Database, printers: PrinterPort, id: number, actor: string, now: () => Date, opts: PrintOptions): Promise<DecisionView> {
  const { printing } = flightOf(db);
  if (printing.has(id)) throw new ApiFailure('conflict', 'This decision is being printed already.');
  printing.add(id);
  try {
    return await printOnce(db, printers, id, actor, now, opts);
  } finally {
    printing.delete(id);
  }
}

async function printOnce(db: Database, printers: PrinterPort, id: number, actor: string, now: () => Date, opts: PrintOptions): Promise<DecisionView> {
  const r = decisionRow(db, id);
  if (r.voided_at) throw new ApiFailure('conflict', 'A void document is not printed.');
  const prints = printsOf(db, id);
  if (prints.some((p) => p.state === 'submitted')) throw new ApiFailure('conflict', 'A print of this decision is still with the printer.');
  if (prints.some((p) => p.state === 'unknown')) throw new ApiFailure('conflict', 'Whether the last print came out is not known: say so first.');
  const originalDone = prints.some((p) => p.copy_no === 0 && p.state === 'completed');
  const copyNo = originalDone ? Math.max(0, ...prints.filter((p) => p.state === 'completed').map((p) => p.copy_no)) + 1 : 0;
  const pdf = copyNo === 0 ? r.pdf : (await renderDocumentPdf({ ...(JSON.parse(r.content) as DocumentContent), copyNo })).pdf;
  const hash = copyNo === 0 ? r.sha256 : sha256(pdf);
  const at = now().toISOString();
  const printer = opts.printer;
  const rowId = Number(
    db
      .prepare('INSERT INTO decision_prints (decision_id, copy_no, printer, state, at, by, pdf, sha256) VALUES (?,?,?,?,?,?,?,?)')
      .run(id, copyNo, printer, 'submitted', at, actor, copyNo === 0 ? null : pdf, hash).lastInsertRowid,
  );
  const finish = (o: Outcome, jobId: string | null) => recordPrintOutcome(db, { rowId, type: r.type, content: r.content, number: r.number, noticeNo: r.notice_no, copyNo, sha256: hash, jobId, clerk: actor }, o, actor, now());
  let jobId: string;
  try {
    // The print's own id in the title: cups-pdf and the Windows spooler name the job after it.
    jobId = await printers.submit(pdf, printer, `${r.number}${copyNo ? ` COPY ${copyNo}` : ''} #${rowId}`);
  } catch (err) {
    finish({ state: 'failed', code: err instanceof PrintError ? err.code : 'refused', reason: (err as Error).message }, null);
    return viewOf(db, id);
  }
  db.prepare('UPDATE decision_prints SET job_id = ? WHERE id = ?').run(jobId, rowId);
  const deadline = Date.now() + opts.timeoutMs;
  const { awaited } = flightOf(db);
  awaited.add(rowId);
  try {
    await waitForJob();
  } finally {
    awaited.delete(rowId);
  }
  return viewOf(db, id);

  async function waitForJob(): Promise<void> {
    for (;;) {
      const s = await printers.jobState(jobId).catch((err: Error) => ({ state: 'failed' as const, code: err instanceof PrintError ? err.code : ('spooler-unavailable' as const), reason: err.message }));
      if (s.state === 'completed' || s.state === 'unknown') return finish(s, jobId);
      if (s.state === 'failed' || Date.now() >= deadline) {
        await printers.cancel(jobId);
        return finish(s.state === 'failed' ? s : { state: 'failed', code: 'timeout', reason: `the printer did not finish the job within ${Math.round(opts.timeoutMs / 1000)} s` }, jobId);
      }
      await new Promise((resolve) => setTimeout(resolve, opts.pollMs ?? 400));
    }
  }
}

/**
 * Finishes jobs left `submitted` by a crash or a closed window (of one decision, or all): asks the
 * spooler once for each. Returns how many are still with the spooler.
 */
export async function settleSubmittedPrints(db: Database, printers: PrinterPort, now: Date, decisionId?: number): Promise<number> {
  const rows = db
    .prepare(
      `SELECT p.id AS rowId, p.job_id AS jobId, p.copy_no AS copyNo, p.sha256, p.by AS clerk, d.type, d.content, d.number, d.notice_no AS noticeNo
       FROM decision_prints p JOIN decisions d ON d.id = p.decision_id
       WHERE p.state = 'submitted' AND (? IS NULL OR d.id = ?)`,
    )
    .all(decisionId ?? null, decisionId ?? null) as PrintOutcomeRow[];
  let left = 0;
  for (const row of rows) {
    if (flightOf(db).awaited.has(row.rowId)) continue;
    const s: Outcome | { state: 'pending' } | null = row.jobId ? await printers.jobState(row.jobId).catch(() => null) : { state: 'failed', code: 'refused', reason: 'the job never reached the spooler' };
    if (!s || s.state === 'pending') {
      left++;
      continue;
    }
    recordPrintOutcome(db, row, s, 'system', now);
  }
  return left;
}

/**
 * The clerk says whether a print whose outcome the spooler could not give came out. Printed: it counts
 * as that print (the original, or its copy) and is audited as the clerk's word; not printed: it counts
 * as failed, and the decision can be printed again.
 */
export function confirmPrint(db: Database, printId: number, printed: boolean, actor: string, now: Date): DecisionView {
  const row = db
    .prepare(
      `SELECT p.id AS rowId, p.job_id AS jobId, p.copy_no AS copyNo, p.sha256, p.by AS clerk, p.state, p.decision_id AS decisionId, d.type, d.content, d.number, d.notice_no AS noticeNo
       FROM decision_prints p JOIN decisions d ON d.id = p.decision_id WHERE p.id = ?`,
    )
    .get(printId) as (PrintOutcomeRow & { state: string; decisionId: number }) | undefined;
  if (!row) throw new ApiFailure('not-found', 'No print has that id.');
  if (row.state !== 'unknown') throw new ApiFailure('conflict', 'Only a print whose outcome is unknown is confirmed by hand.');
  db.transaction(() => {
    recordPrintOutcome(db, row, printed ? { state: 'completed' } : { state: 'failed', code: 'refused', reason: 'the clerk says it did not come out' }, actor, now);
    db.prepare('UPDATE decision_prints SET confirmed_by = ?, confirmed_at = ? WHERE id = ?').run(actor, now.toISOString(), printId);
    appendAudit(db, { at: now.toISOString(), actor, action: `${auditNoun(row.type)}.${printed ? 'print-confirmed' : 'print-denied'}`, target: `${row.number}${row.copyNo ? ` copy ${row.copyNo}` : ''}` });
  })();
  return viewOf(db, row.decisionId);
}
