import { prepared } from '../store/prepared';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { PermitCase } from '../../../shared/cases';
import type { DecisionView, DocumentType, ServiceRecipient, SignatureStrokes, VerificationRecord } from '../../../shared/verification';
import { ApiFailure } from '../failures/failure';
import { appendAudit } from '../audit/audit';
import { auditNoun, enqueueDocumentEvent, issueDocument, type DocumentIssue } from './issuer';
import type { DecisionRow, PrintRow } from './rows';
import { getCase, saveCase } from '../cases/cases';
import { getSettings } from '../settings/settings';
import { getRecord, isCorrected, listRecords } from '../verification/records';
import { DOCUMENT_TITLES, type DocumentContent, type ServiceContent } from './render-document';
import { grantContent, refusalContent, serviceContent, supplementContent } from './contents';
import { regionTableOf } from '../regions/stored-tables';

export type { DocumentContent };

/**
 * Issuing and voiding the documents the window issues (the grant, the refusal, the supplement notice,
 * the proof of service), and their views. The issuing step itself (number, PDF, archive, audit, outbox)
 * is issuer.ts; printing is printing.ts.
 */
export function printsOf(db: Database, decisionId: number): PrintRow[] {
  return db
    .prepare('SELECT id, decision_id, copy_no, printer, job_id, state, message, reason_code, at, by, confirmed_by, confirmed_at FROM decision_prints WHERE decision_id = ? ORDER BY id')
    .all(decisionId) as PrintRow[];
}

/** What a view shows: every column but the archived PDF and its content (a proof of service's excepted), read on every verification view. */
const VIEW_COLUMNS = "id, type, number, notice_no, verification_id, issued_at, issued_by, workstation, sha256, voided_at, voided_by, void_reason, CASE WHEN type = 'service' THEN content END AS service_content";
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
    workstation: r.workstation,
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
/** Issues (issuer.ts) and answers the document as the screens see it. */
const issueAndView = async (db: Database, issue: DocumentIssue, actor: string, now: Date): Promise<DecisionView> => viewOf(db, await issueDocument(db, issue, actor, now));

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

type Issued = { number: string; issuedOn: string };
/** The last day a supplement can be brought, for a case on the day the notice is issued. */
type BringBy = (c: PermitCase, today: string) => string | null;

/**
 * The documents issued on a record, one row each: the record's outcome they answer, how many may stand
 * (one per case, or one per record), what the case must be, what they say, and what else they change.
 */
const ON_RECORD = {
  grant: {
    outcome: 'approved',
    what: 'A decision',
    standing: 'case',
    caseMust: (c: PermitCase) => (c.status === 'verified' ? null : `The case is ${c.status}: a decision needs a verified case.`),
    already: 'The case already has a decision: void it before issuing another.',
    content: (db: Database, c: PermitCase, r: VerificationRecord, at: Issued) => grantContent(c, getSettings(db), at, r.qrText, regionTableOf(db)),
    // The grant moves the case on, in the same transaction.
    effects: (db: Database, c: PermitCase, at: string) => {
      const fresh = getCase(db, c.noticeNo)!;
      saveCase(db, { ...fresh, status: 'decision_issued', history: [...(fresh.history ?? []), { status: 'decision_issued', at }] });
    },
  },
  refusal: {
    outcome: 'rejected',
    what: 'A refusal decision',
    standing: 'case',
    caseMust: () => null,
    already: 'The case already has a refusal decision: void it before issuing another.',
    content: (db: Database, c: PermitCase, r: VerificationRecord, at: Issued) => refusalContent(c, getSettings(db), at, r.reasons),
    effects: null,
  },
  supplement: {
    outcome: 'supplement',
    what: 'A supplement notice',
    standing: 'record',
    caseMust: () => null,
    already: 'This request already has its supplement notice: void it before issuing another.',
    // What to bring and by when: the last day is the caller's to say (the window's limits).
    content: (db: Database, c: PermitCase, r: VerificationRecord, at: Issued, bringBy?: BringBy) => supplementContent(c, getSettings(db), at, r.supplements, bringBy!(c, at.issuedOn)),
    effects: null,
  },
} as const;

/** Issues the document `type` on its record, by its row of ON_RECORD (`bringBy`: the supplement notice's last day). */
async function issueOnRecord(db: Database, type: keyof typeof ON_RECORD, verificationId: string, actor: string, now: Date, bringBy?: BringBy): Promise<DecisionView> {
  const row = ON_RECORD[type];
  const { record, c } = recordFor(db, verificationId, row.outcome, row.what);
  return issueAndView(
    db,
    {
      type,
      noticeNo: c.noticeNo,
      verificationId: record.id,
      check: () => {
        const problem = row.caseMust(getCase(db, c.noticeNo)!);
        if (problem) throw new ApiFailure('conflict', problem);
        if (liveOfType(db, c.noticeNo, type, row.standing === 'record' ? record.id : undefined)) throw new ApiFailure('conflict', row.already);
      },
      content: (number, issuedOn) => row.content(db, c, record, { number, issuedOn }, bringBy),
      ...(row.effects ? { effects: (at: string) => row.effects(db, c, at) } : {}),
    },
    actor,
    now,
  );
}

/** Issues the decision on an approved record: a new number, the PDF rendered and archived, the case moved on. */
export const issueDecision = (db: Database, verificationId: string, actor: string, now: Date) => issueOnRecord(db, 'grant', verificationId, actor, now);

/** Issues the refusal decision on a rejected record: the reasons as the clerk wrote them, the basis, the rights and where to use them. */
export const issueRefusal = (db: Database, verificationId: string, actor: string, now: Date) => issueOnRecord(db, 'refusal', verificationId, actor, now);

/**
 * Issues the supplement notice on a record that asks for supplements: each material and what is wrong
 * with it as the clerk listed them, the last day to bring them (`bringBy`), the window and its hours.
 */
export function issueSupplementNotice(db: Database, verificationId: string, bringBy: BringBy, actor: string, now: Date): Promise<DecisionView> {
  return issueOnRecord(db, 'supplement', verificationId, actor, now, bringBy);
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
  return issueAndView(
    db,
    {
      type: 'service',
      noticeNo,
      // A proof of service of documents taken from another window alone stands on no record of this one.
      verificationId: rows.find((r) => r.verification_id)?.verification_id ?? null,
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
    if (r.workstation) throw new ApiFailure('conflict', `${r.number} was issued at window ${r.workstation}: it is voided there.`);
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
     WHERE voided_at IS NULL AND type IN ('grant', 'refusal') AND workstation IS NULL
       AND NOT EXISTS (SELECT 1 FROM decision_services s WHERE s.number = d.number)`,
  ).all() as UnservedDecision[];
}
