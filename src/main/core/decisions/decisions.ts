import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { DecisionView, PrintJobView } from '../../../shared/verification';
import { ApiFailure } from '../api/failure';
import { appendAudit } from '../audit/audit';
import { decisionBinding } from './decision-hash';
import { regionText } from '../regions/regions';
import { getCase, saveCase } from '../cases/cases';
import { chinaDate } from '../dates/calendar';
import { getSettings } from '../settings/settings';
import { enqueueDecisionEvent } from '../sync/outbox';
import { getRecord, isCorrected } from '../verification/records';
import { formatDecisionNumber, peekNumber, takeNumber } from './numbers';
import { type DecisionContent, renderDecisionPdf } from './render-pdf';

export type { DecisionContent };

/**
 * Issuing and voiding the Decision to Grant Administrative Licence, and its views. The exact PDF is
 * archived with its SHA-256 when issued, and every step is audited; printing is printing.ts.
 */
export interface DecisionRow {
  id: number;
  number: string;
  notice_no: string;
  verification_id: string;
  issued_at: string;
  issued_by: string;
  content: string;
  pdf: Buffer;
  sha256: string;
  voided_at: string | null;
  voided_by: string | null;
  void_reason: string | null;
}

export interface PrintRow {
  id: number;
  decision_id: number;
  copy_no: number;
  printer: string;
  job_id: string | null;
  state: PrintJobView['state'];
  message: string | null;
  reason_code: string | null;
  at: string;
  by: string;
  confirmed_by: string | null;
  confirmed_at: string | null;
}

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

export function printsOf(db: Database, decisionId: number): PrintRow[] {
  return db
    .prepare('SELECT id, decision_id, copy_no, printer, job_id, state, message, reason_code, at, by, confirmed_by, confirmed_at FROM decision_prints WHERE decision_id = ? ORDER BY id')
    .all(decisionId) as PrintRow[];
}

/** What a view shows: every column but the archived PDF and its content, read on every verification view. */
const VIEW_COLUMNS = 'id, number, notice_no, verification_id, issued_at, issued_by, sha256, voided_at, voided_by, void_reason';
type ViewRow = Omit<DecisionRow, 'pdf' | 'content'>;

export function viewOf(db: Database, id: number): DecisionView {
  return toView(db, db.prepare(`SELECT ${VIEW_COLUMNS} FROM decisions WHERE id = ?`).get(id) as ViewRow);
}

function toView(db: Database, r: ViewRow): DecisionView {
  const prints = printsOf(db, r.id);
  return {
    id: r.id,
    number: r.number,
    noticeNo: r.notice_no,
    verificationId: r.verification_id,
    issuedAt: r.issued_at,
    issuedBy: r.issued_by,
    sha256: r.sha256,
    printed: prints.some((p) => p.copy_no === 0 && p.state === 'completed'),
    voided: r.voided_at ? { at: r.voided_at, by: r.voided_by!, reason: r.void_reason! } : null,
    prints: prints.map((p) => ({
      id: p.id,
      copyNo: p.copy_no,
      printer: p.printer,
      jobId: p.job_id,
      state: p.state,
      message: p.message,
      reasonCode: p.reason_code,
      confirmed: p.confirmed_by ? { by: p.confirmed_by, at: p.confirmed_at! } : null,
      at: p.at,
      by: p.by,
    })),
  };
}

export function decisionRow(db: Database, id: number): DecisionRow {
  const row = db.prepare('SELECT * FROM decisions WHERE id = ?').get(id) as DecisionRow | undefined;
  if (!row) throw new ApiFailure('not-found', 'No decision has that id.');
  return row;
}

/** Whether a decision stands (not void) on this verification record. */
export function hasLiveDecision(db: Database, verificationId: string): boolean {
  return !!db.prepare('SELECT 1 FROM decisions WHERE verification_id = ? AND voided_at IS NULL').get(verificationId);
}

export function listDecisions(db: Database, noticeNo: string): DecisionView[] {
  return (db.prepare(`SELECT ${VIEW_COLUMNS} FROM decisions WHERE notice_no = ? ORDER BY id`).all(noticeNo) as ViewRow[]).map((r) => toView(db, r));
}

export function decisionPdf(db: Database, id: number): { pdf: Buffer; sha256: string; number: string } {
  const r = decisionRow(db, id);
  return { pdf: r.pdf, sha256: r.sha256, number: r.number };
}

// Issuing renders outside the transaction (rendering is asynchronous), so issues are taken one at a
// time: the number peeked before rendering is the number the transaction then takes.
let issuing: Promise<unknown> = Promise.resolve();

/** Issues the decision on an approved record: a new number, the PDF rendered and archived, the case moved on. */
export function issueDecision(db: Database, verificationId: string, actor: string, now: Date): Promise<DecisionView> {
  const next = issuing.then(() => issueNow(db, verificationId, actor, now));
  issuing = next.catch(() => undefined);
  return next;
}

async function issueNow(db: Database, verificationId: string, actor: string, now: Date): Promise<DecisionView> {
  const record = getRecord(db, verificationId);
  if (!record) throw new ApiFailure('not-found', 'No verification record has that id.');
  const c = getCase(db, record.noticeNo);
  if (!c) throw new ApiFailure('not-found', 'The case of that record is not in the store.');
  if (record.outcome !== 'approved') throw new ApiFailure('conflict', 'A decision is issued only on an approved record.');
  if (isCorrected(db, record.id)) {
    throw new ApiFailure('conflict', 'That record was corrected: issue on the newest record.');
  }
  if (c.status !== 'verified') throw new ApiFailure('conflict', `The case is ${c.status}: a decision needs a verified case.`);
  if (db.prepare('SELECT 1 FROM decisions WHERE notice_no = ? AND voided_at IS NULL').get(c.noticeNo)) {
    throw new ApiFailure('conflict', 'The case already has a decision: void it before issuing another.');
  }
  const settings = getSettings(db);
  // The decision's date and year: Beijing's, whatever the PC's zone.
  const issuedOn = chinaDate(now);
  const year = Number(issuedOn.slice(0, 4));
  const peek = peekNumber(db, year);
  const content: DecisionContent = {
    number: formatDecisionNumber(settings.decisionNumberPattern, peek),
    authorityName: settings.authorityName,
    authorityNameEn: settings.authorityNameEn,
    officeAddress: settings.officeAddress,
    officePhone: settings.officePhone,
    applicant: { name: c.applicant.name, nameZh: c.applicant.nameZh, nationality: c.applicant.nationality, passportNo: c.applicant.passportNo },
    employer: { name: c.employer.name, uscc: c.employer.uscc },
    permitNo: c.permitNo,
    category: c.category,
    position: c.position ?? '',
    // The work place by name, the GB/T 2260 code kept beside it.
    workPlace: regionText(c.workPlace),
    validFrom: c.validFrom ?? '',
    validTo: c.validTo ?? '',
    issuedOn,
    qrText: record.qrText,
    copyNo: 0,
  };
  const pdf = await renderDecisionPdf(content);
  const hash = sha256(pdf);
  const id = db.transaction(() => {
    const n = takeNumber(db, year);
    if (n.serial !== peek.serial || n.prefix !== peek.prefix) throw new ApiFailure('conflict', 'The decision number moved while rendering; try again.');
    const at = now.toISOString();
    const rowId = Number(
      db
        .prepare('INSERT INTO decisions (number, notice_no, verification_id, issued_at, issued_by, content, pdf, sha256) VALUES (?,?,?,?,?,?,?,?)')
        .run(content.number, c.noticeNo, record.id, at, actor, JSON.stringify(content), pdf, hash).lastInsertRowid,
    );
    const fresh = getCase(db, c.noticeNo)!;
    saveCase(db, { ...fresh, status: 'decision_issued', history: [...(fresh.history ?? []), { status: 'decision_issued', at }] });
    const binding = decisionBinding({ number: content.number, notice_no: c.noticeNo, verification_id: record.id, issued_at: at, issued_by: actor, content: JSON.stringify(content), pdf });
    appendAudit(db, { at, actor, action: 'decision.issued', target: `${content.number} ${c.noticeNo} sha256:${hash}`, binds: [binding] });
    enqueueDecisionEvent(db, { number: content.number, caseNo: c.noticeNo, kind: 'issued', pdfSha256: hash, at, clerk: actor }, now);
    return rowId;
  })();
  return viewOf(db, id);
}

/** Voids a decision (a supervisor's, with a reason): its number stays used, and the case can have another. */
export function voidDecision(db: Database, id: number, by: string, reason: string, now: Date): DecisionView {
  return db.transaction(() => {
    const r = decisionRow(db, id);
    if (r.voided_at) throw new ApiFailure('conflict', 'The decision is already void.');
    const at = now.toISOString();
    db.prepare('UPDATE decisions SET voided_at = ?, voided_by = ?, void_reason = ? WHERE id = ?').run(at, by, reason, id);
    const c = getCase(db, r.notice_no);
    if (c && c.status === 'decision_issued') saveCase(db, { ...c, status: 'verified', history: [...(c.history ?? []), { status: 'verified', at }] });
    appendAudit(db, { at, actor: by, action: 'decision.voided', target: `${r.number} ${r.notice_no}` });
    enqueueDecisionEvent(db, { number: r.number, caseNo: r.notice_no, kind: 'void', reason, pdfSha256: r.sha256, at, clerk: by }, now);
    return viewOf(db, id);
  })();
}
