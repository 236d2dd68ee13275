import { prepared } from '../store/prepared';
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { PermitCase } from '../../../shared/cases';
import type { Settings } from '../../../shared/settings';
import type { DecisionView, DocumentType, PrintJobView, ServiceRecipient, SignatureStrokes, VerificationRecord } from '../../../shared/verification';
import { ApiFailure } from '../api/failure';
import { appendAudit } from '../audit/audit';
import { decisionBinding } from './decision-hash';
import { getCase, saveCase } from '../cases/cases';
import { chinaDate } from '../dates/calendar';
import { getSettings } from '../settings/settings';
import { enqueueDecisionEvent, enqueueDocumentEvent as enqueueUpstreamDocument } from '../sync/outbox';
import type { UpstreamDecisionEvent } from '../../../shared/upstream-contract';
import { getRecord, isCorrected, listRecords } from '../verification/records';
import { formatDecisionNumber, peekNumber, takeNumber } from './numbers';
import { DOCUMENT_TITLES, renderDocumentPdf, typeOf, type DocumentContent, type ServiceContent } from './render-document';
import { grantContent, refusalContent, serviceContent, supplementContent } from './contents';

export type { DocumentContent };

/**
 * Issuing and voiding the documents the window issues (the grant, the refusal, the supplement notice,
 * the proof of service), and their views. The exact PDF is archived with its SHA-256 when issued, and
 * every step is audited; printing is printing.ts.
 */
export interface DecisionRow {
  id: number;
  type: DocumentType;
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

/** The word an audit entry names a document by: the grant keeps the decision's. */
export const auditNoun = (t: DocumentType) => (t === 'grant' ? 'decision' : t === 'refusal' ? 'refusal' : t === 'supplement' ? 'supplement-notice' : 'service-proof');

/** The settings' number pattern of a document type. */
export function numberPattern(s: Settings, t: DocumentType): string {
  return t === 'grant' ? s.decisionNumberPattern : t === 'refusal' ? s.refusalNumberPattern : t === 'supplement' ? s.supplementNumberPattern : s.serviceNumberPattern;
}

/**
 * A document's event for the upstream system: a grant's goes to `POST /v1/decisions` as before, any
 * other to `POST /v1/documents` with its type, and a proof of service's names what it served, to whom
 * and how (upstream-api.md).
 */
export function enqueueDocumentEvent(db: Database, content: DocumentContent, e: UpstreamDecisionEvent, now: Date): void {
  const type = typeOf(content);
  if (type === 'grant') return enqueueDecisionEvent(db, e, now);
  const service = content.type === 'service' ? { served: content.served.map((x) => x.number), recipient: content.recipient.name, method: content.method } : {};
  enqueueUpstreamDocument(db, { type, ...e, ...service }, now);
}

export function printsOf(db: Database, decisionId: number): PrintRow[] {
  return db
    .prepare('SELECT id, decision_id, copy_no, printer, job_id, state, message, reason_code, at, by, confirmed_by, confirmed_at FROM decision_prints WHERE decision_id = ? ORDER BY id')
    .all(decisionId) as PrintRow[];
}

/** What a view shows: every column but the archived PDF and its content (a proof of service's excepted), read on every verification view. */
const VIEW_COLUMNS = "id, type, number, notice_no, verification_id, issued_at, issued_by, sha256, voided_at, voided_by, void_reason, CASE WHEN type = 'service' THEN content END AS service_content";
/** A proof of service's content comes with its row: the view lists what it serves. */
type ViewRow = Omit<DecisionRow, 'pdf' | 'content'> & { service_content: string | null };

export function viewOf(db: Database, id: number): DecisionView {
  const r = db.prepare(`SELECT ${VIEW_COLUMNS} FROM decisions WHERE id = ?`).get(id) as ViewRow;
  return toView(db, r, servedNumbers(db, r.notice_no));
}


function toView(db: Database, r: ViewRow, served: Map<string, string>): DecisionView {
  const prints = printsOf(db, r.id);
  return {
    id: r.id,
    type: r.type,
    serves: r.service_content ? (JSON.parse(r.service_content) as ServiceContent).served.map((x) => x.number) : [],
    servedOn: served.get(r.number) ?? null,
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
  const served = servedNumbers(db, noticeNo);
  return (db.prepare(`SELECT ${VIEW_COLUMNS} FROM decisions WHERE notice_no = ? ORDER BY id`).all(noticeNo) as ViewRow[]).map((r) => toView(db, r, served));
}

export function decisionPdf(db: Database, id: number): { pdf: Buffer; sha256: string; number: string } {
  const r = decisionRow(db, id);
  return { pdf: r.pdf, sha256: r.sha256, number: r.number };
}

// Issuing renders outside the transaction (rendering is asynchronous), so issues are taken one at a
// time: the number peeked before rendering is the number the transaction then takes.
let issuing: Promise<unknown> = Promise.resolve();

/** What issuing one document needs: its type, its case and record, its content given its number, and what it changes. */
export interface DocumentIssue {
  type: DocumentType;
  noticeNo: string;
  verificationId: string;
  /** The document's content, given the number and the Beijing date it is issued under. */
  content: (number: string, issuedOn: string) => DocumentContent;
  /** Checked again inside the issuing transaction, so two windows of one process cannot both issue. */
  check: () => void;
  /** What else changes in the same transaction (the grant moves its case on). */
  effects?: (at: string) => void;
}

/** Issues a document: the next number of its type, the PDF rendered and archived with its SHA-256, audited and queued for upstream. */
export function issueDocument(db: Database, issue: DocumentIssue, actor: string, now: Date): Promise<DecisionView> {
  const next = issuing.then(() => issueNow(db, issue, actor, now));
  issuing = next.catch(() => undefined);
  return next;
}

async function issueNow(db: Database, issue: DocumentIssue, actor: string, now: Date): Promise<DecisionView> {
  issue.check();
  const settings = getSettings(db);
  // The document's date and year: Beijing's, whatever the PC's zone.
  const issuedOn = chinaDate(now);
  const year = Number(issuedOn.slice(0, 4));
  const peek = peekNumber(db, year, issue.type);
  const content = issue.content(formatDecisionNumber(numberPattern(settings, issue.type), peek), issuedOn);
  const { pdf } = await renderDocumentPdf(content);
  const hash = sha256(pdf);
  const id = db.transaction(() => {
    issue.check();
    const n = takeNumber(db, year, issue.type);
    if (n.serial !== peek.serial || n.prefix !== peek.prefix) throw new ApiFailure('conflict', 'The document number moved while rendering; try again.');
    if (db.prepare('SELECT 1 FROM decisions WHERE number = ?').get(content.number)) {
      throw new ApiFailure('conflict', `The number ${content.number} was issued already: the number patterns of two document types write the same number.`);
    }
    const at = now.toISOString();
    const json = JSON.stringify(content);
    const rowId = Number(
      db
        .prepare('INSERT INTO decisions (type, number, notice_no, verification_id, issued_at, issued_by, content, pdf, sha256) VALUES (?,?,?,?,?,?,?,?,?)')
        .run(issue.type, content.number, issue.noticeNo, issue.verificationId, at, actor, json, pdf, hash).lastInsertRowid,
    );
    issue.effects?.(at);
    // Which numbers a live proof of service covers, as rows the worklists look up by number.
    if (content.type === 'service') {
      const served = db.prepare('INSERT INTO decision_services (service_id, number) VALUES (?, ?)');
      for (const s of content.served) served.run(rowId, s.number);
    }
    const binding = decisionBinding({ type: issue.type, number: content.number, notice_no: issue.noticeNo, verification_id: issue.verificationId, issued_at: at, issued_by: actor, content: json, pdf });
    appendAudit(db, { at, actor, action: `${auditNoun(issue.type)}.issued`, target: `${content.number} ${issue.noticeNo} sha256:${hash}`, binds: [binding] });
    enqueueDocumentEvent(db, content, { number: content.number, caseNo: issue.noticeNo, kind: 'issued', pdfSha256: hash, at, clerk: actor }, now);
    return rowId;
  })();
  return viewOf(db, id);
}

/** The record a document is issued on: it must exist, be of this case's newest standing records, and have the outcome. */
function recordFor(db: Database, verificationId: string, outcome: VerificationRecord['outcome'], what: string): { record: VerificationRecord; c: PermitCase } {
  const record = getRecord(db, verificationId);
  if (!record) throw new ApiFailure('not-found', 'No verification record has that id.');
  const c = getCase(db, record.noticeNo);
  if (!c) throw new ApiFailure('not-found', 'The case of that record is not in the store.');
  if (record.outcome !== outcome) throw new ApiFailure('conflict', `${what} is issued only on a record that ${outcome === 'approved' ? 'approves' : outcome === 'rejected' ? 'rejects' : 'asks for supplements'}.`);
  if (isCorrected(db, record.id)) throw new ApiFailure('conflict', 'That record was corrected: issue on the newest record.');
  const newest = listRecords(db, c.noticeNo).at(-1);
  if (newest?.id !== record.id) throw new ApiFailure('conflict', 'A later record of the case stands: issue on the newest record.');
  return { record, c };
}

/** Whether a live document of the type stands on the case (on one record, if named): a refusal to issue, a grant to void first. */
export const liveOfType = (db: Database, noticeNo: string, type: DocumentType, verificationId?: string) =>
  !!prepared(db, `SELECT 1 FROM decisions WHERE notice_no = ? AND type = ? AND voided_at IS NULL${verificationId ? ' AND verification_id = ?' : ''}`).get(
    ...[noticeNo, type, ...(verificationId ? [verificationId] : [])],
  );

/** Issues the decision on an approved record: a new number, the PDF rendered and archived, the case moved on. */
export async function issueDecision(db: Database, verificationId: string, actor: string, now: Date): Promise<DecisionView> {
  const { record, c } = recordFor(db, verificationId, 'approved', 'A decision');
  return issueDocument(
    db,
    {
      type: 'grant',
      noticeNo: c.noticeNo,
      verificationId: record.id,
      check: () => {
        const fresh = getCase(db, c.noticeNo)!;
        if (fresh.status !== 'verified') throw new ApiFailure('conflict', `The case is ${fresh.status}: a decision needs a verified case.`);
        if (liveOfType(db, c.noticeNo, 'grant')) throw new ApiFailure('conflict', 'The case already has a decision: void it before issuing another.');
      },
      content: (number, issuedOn) => grantContent(c, getSettings(db), { number, issuedOn }, record.qrText),
      effects: (at) => {
        const fresh = getCase(db, c.noticeNo)!;
        saveCase(db, { ...fresh, status: 'decision_issued', history: [...(fresh.history ?? []), { status: 'decision_issued', at }] });
      },
    },
    actor,
    now,
  );
}

/** Issues the refusal decision on a rejected record: the reasons as the clerk wrote them, the basis, the rights and where to use them. */
export async function issueRefusal(db: Database, verificationId: string, actor: string, now: Date): Promise<DecisionView> {
  const { record, c } = recordFor(db, verificationId, 'rejected', 'A refusal decision');
  return issueDocument(
    db,
    {
      type: 'refusal',
      noticeNo: c.noticeNo,
      verificationId: record.id,
      check: () => {
        if (liveOfType(db, c.noticeNo, 'refusal')) throw new ApiFailure('conflict', 'The case already has a refusal decision: void it before issuing another.');
      },
      content: (number, issuedOn) => refusalContent(c, getSettings(db), { number, issuedOn }, record.reasons),
    },
    actor,
    now,
  );
}

/**
 * Issues the supplement notice on a record that asks for supplements: each material and what is wrong
 * with it as the clerk listed them, the last day to bring them (`bringBy`), the window and its hours.
 */
export async function issueSupplementNotice(db: Database, verificationId: string, bringBy: (c: PermitCase, today: string) => string | null, actor: string, now: Date): Promise<DecisionView> {
  const { record, c } = recordFor(db, verificationId, 'supplement', 'A supplement notice');
  return issueDocument(
    db,
    {
      type: 'supplement',
      noticeNo: c.noticeNo,
      verificationId: record.id,
      check: () => {
        if (liveOfType(db, c.noticeNo, 'supplement', record.id)) throw new ApiFailure('conflict', 'This request already has its supplement notice: void it before issuing another.');
      },
      content: (number, issuedOn) => supplementContent(c, getSettings(db), { number, issuedOn }, record.supplements, bringBy(c, issuedOn)),
    },
    actor,
    now,
  );
}

/** What the proof of service records: the documents handed over, who took them, how, and the signature drawn (or none: signed on paper). */
export interface ServiceInput {
  documentIds: number[];
  recipient: ServiceRecipient;
  method: 'window';
  signature: SignatureStrokes | null;
  /** The server's name as printed (the clerk's). */
  server: string;
}

/** Issues the proof of service of live documents of one case, none of them served already. */
export async function recordService(db: Database, input: ServiceInput, actor: string, now: Date): Promise<DecisionView> {
  const rows = [...new Set(input.documentIds)].map((id) => decisionRow(db, id));
  const noticeNo = rows[0]?.notice_no;
  if (!noticeNo) throw new ApiFailure('invalid-request', 'Name the documents served.', ['documentIds']);
  if (rows.some((r) => r.notice_no !== noticeNo)) throw new ApiFailure('invalid-request', 'A proof of service covers the documents of one case.', ['documentIds']);
  if (rows.some((r) => r.type === 'service')) throw new ApiFailure('invalid-request', 'A proof of service is not itself served.', ['documentIds']);
  const c = getCase(db, noticeNo);
  if (!c) throw new ApiFailure('not-found', 'The case of those documents is not in the store.');
  if (input.recipient.kind === 'agent' && !(input.recipient.agentIdNo?.trim() && input.recipient.powerOfAttorney?.trim())) {
    throw new ApiFailure('invalid-request', 'An agent receives documents with their identity document and a power of attorney: enter both.', ['recipient']);
  }
  return issueDocument(
    db,
    {
      type: 'service',
      noticeNo,
      verificationId: rows[0].verification_id,
      check: () => {
        const served = servedNumbers(db, noticeNo);
        for (const r of rows) {
          const current = decisionRow(db, r.id);
          if (current.voided_at) throw new ApiFailure('conflict', `${current.number} is void: it is not served.`);
          if (served.has(current.number)) throw new ApiFailure('conflict', `${current.number} was served already.`);
        }
      },
      content: (number, issuedOn) =>
        serviceContent(c, getSettings(db), { number, issuedOn }, {
          served: rows.map((r) => ({ number: r.number, title: DOCUMENT_TITLES[r.type] })),
          recipient: input.recipient,
          server: input.server,
          signature: input.signature,
        }),
    },
    actor,
    now,
  );
}

/** The numbers a live proof of service of the case covers, with the day each was served. */
export function servedNumbers(db: Database, noticeNo: string): Map<string, string> {
  const rows = db.prepare("SELECT content FROM decisions WHERE notice_no = ? AND type = 'service' AND voided_at IS NULL ORDER BY id").all(noticeNo) as { content: string }[];
  const served = new Map<string, string>();
  for (const r of rows) {
    const c = JSON.parse(r.content) as ServiceContent;
    for (const s of c.served) if (!served.has(s.number)) served.set(s.number, c.issuedOn);
  }
  return served;
}

/**
 * Voids a document (a supervisor's, with a reason): its number stays used, and the case can have
 * another. A void grant puts its case back to verified; a void proof of service leaves what it served unserved.
 */
export function voidDecision(db: Database, id: number, by: string, reason: string, now: Date): DecisionView {
  return db.transaction(() => {
    const r = decisionRow(db, id);
    if (r.voided_at) throw new ApiFailure('conflict', 'The document is already void.');
    const at = now.toISOString();
    db.prepare('UPDATE decisions SET voided_at = ?, voided_by = ?, void_reason = ? WHERE id = ?').run(at, by, reason, id);
    db.prepare('DELETE FROM decision_services WHERE service_id = ?').run(id);
    const c = getCase(db, r.notice_no);
    if (r.type === 'grant' && c && c.status === 'decision_issued') saveCase(db, { ...c, status: 'verified', history: [...(c.history ?? []), { status: 'verified', at }] });
    appendAudit(db, { at, actor: by, action: `${auditNoun(r.type)}.voided`, target: `${r.number} ${r.notice_no}` });
    enqueueDocumentEvent(db, JSON.parse(r.content) as DocumentContent, { number: r.number, caseNo: r.notice_no, kind: 'void', reason, pdfSha256: r.sha256, at, clerk: by }, now);
    return viewOf(db, id);
  })();
}

/** A grant or refusal standing (not void) that no live proof of service covers yet. */
export interface UnservedDecision {
  noticeNo: string;
  number: string;
  type: 'grant' | 'refusal';
  issuedAt: string;
}

/** Every grant and refusal standing and not yet served (the indexes answer; no content or PDF is read). */
export function unservedDecisions(db: Database): UnservedDecision[] {
  return prepared(
    db,
    `SELECT notice_no AS noticeNo, number, type, issued_at AS issuedAt FROM decisions d
     WHERE voided_at IS NULL AND type IN ('grant', 'refusal')
       AND NOT EXISTS (SELECT 1 FROM decision_services s WHERE s.number = d.number)`,
  ).all() as UnservedDecision[];
}
