import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Settings } from '../../../shared/settings';
import type { DocumentType } from '../../../shared/verification';
import type { UpstreamDecisionEvent } from '../../../shared/upstream-contract';
import { ApiFailure } from '../failures/failure';
import { appendAudit } from '../audit/audit';
import { chinaDate } from '../dates/calendar';
import { getSettings } from '../settings/settings';
import { enqueueDecisionEvent, enqueueDocumentEvent as enqueueUpstreamDocument } from '../outbox/outbox';
import { decisionBinding } from './decision-hash';
import { formatDecisionNumber, peekNumber, takeNumber } from './numbers';
import { renderDocumentPdf, typeOf, type DocumentContent } from './render-document';

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
  // The notice's last day travels with it, so every window of the office knows it (the window's addition: docs/upstream.md).
  const supplement = content.type === 'supplement' && content.bringBy ? { lastDay: content.bringBy } : {};
  enqueueUpstreamDocument(db, { type, ...e, ...service, ...supplement }, now);
}

/** What issuing one document needs: its type, its case and record, its content given its number, and what it changes. */
export interface DocumentIssue {
  type: DocumentType;
  noticeNo: string;
  /** The record it stands on (a proof of service of other windows' documents alone: none). */
  verificationId: string | null;
  /** The document's content, given the number and the Beijing date it is issued under. */
  content: (number: string, issuedOn: string) => DocumentContent;
  /** Checked again inside the issuing transaction, so two windows of one process cannot both issue. */
  check: () => void;
  /** What else changes in the same transaction (the grant moves its case on). */
  effects?: (at: string) => void;
}

/** How often an issue starts again when another took its number while its PDF was rendered. */
const ATTEMPTS = 8;

class NumberMoved extends Error {}

/**
 * Issues a document: the next number of its type, the PDF rendered and archived with its SHA-256,
 * audited and queued for upstream. The PDF is drawn outside the transaction (it is async), under the
 * number the next issue would take; if another issue took that number meanwhile, this one draws again
 * under the next. No queue is kept between calls, so two stores in one process never wait on each other.
 */
export async function issueDocument(db: Database, issue: DocumentIssue, actor: string, now: Date): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await issueOnce(db, issue, actor, now);
    } catch (err) {
      if (!(err instanceof NumberMoved)) throw err;
      if (attempt >= ATTEMPTS) throw new ApiFailure('conflict', 'The document number moved while rendering; try again.');
    }
  }
}

async function issueOnce(db: Database, issue: DocumentIssue, actor: string, now: Date): Promise<number> {
  issue.check();
  const settings = getSettings(db);
  // The document's date and year: Beijing's, whatever the PC's zone.
  const issuedOn = chinaDate(now);
  const year = Number(issuedOn.slice(0, 4));
  const peek = peekNumber(db, year, issue.type);
  const content = issue.content(formatDecisionNumber(numberPattern(settings, issue.type), peek), issuedOn);
  const { pdf } = await renderDocumentPdf(content);
  const hash = sha256(pdf);
  return db.transaction(() => {
    issue.check();
    const n = takeNumber(db, year, issue.type);
    if (n.serial !== peek.serial || n.prefix !== peek.prefix) throw new NumberMoved();
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
}
