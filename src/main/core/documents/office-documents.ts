import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { z } from 'zod';
import type { PermitCase } from '../../../shared/cases';
import type { DocumentType, ElsewhereDocument } from '../../../shared/verification';
import { ApiFailure } from '../failures/failure';
import { appendAudit } from '../audit/audit';
import { decisionBinding } from './decision-hash';
import { renderDocumentPdf, typeOf, type DocumentContent } from './render-document';

/**
 * The documents the office's other windows issued on a case, as the authority's history of the case
 * names them, and taking them here so that this window prints, reprints and serves them as its own: a
 * holder whose decision was issued at window 1 collects it at whichever window calls next.
 *
 * A document taken here is the one issued there: its PDF must hash to the SHA-256 the issuing window
 * sent when it issued it, and its content must be of that number, type and case and render here (a
 * copy is drawn from it). Nothing of another window's document goes upstream again from here; this
 * window's prints and its proof of service of it do.
 */

/** The largest PDF of a document taken from the office (an issued document is about 100 KB). */
export const OFFICE_PDF_MAX_BYTES = 768 * 1024;
/** The largest content of one (an issued document's is under 2 KB; a drawn signature adds some). */
const CONTENT_MAX_CHARS = 256 * 1024;

const number = z.string().min(1).max(100);
const eventSchema = z.looseObject({
  number,
  kind: z.enum(['issued', 'reprint', 'void']),
  pdfSha256: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.string().max(64).refine((s) => /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)), 'an RFC 3339 time'),
  clerk: z.string().min(1).max(64),
  workstation: z.string().min(3).max(64),
  reason: z.string().max(2000).nullish(),
  served: z.array(number).max(20).nullish(),
});

/**
 * This window's issued document's event as it is sent: with its PDF and content, so that the office's
 * other windows can print and serve it (the window's addition, docs/upstream.md); any other event, and
 * a PDF too large to carry, as it is.
 */
export function withIssuedDocument(db: Database, body: unknown): unknown {
  const b = body as { kind?: unknown; number?: unknown };
  if (b.kind !== 'issued' || typeof b.number !== 'string') return body;
  const row = db.prepare('SELECT content, pdf FROM decisions WHERE number = ? AND workstation IS NULL').get(b.number) as { content: string; pdf: Buffer } | undefined;
  if (!row || row.pdf.length > OFFICE_PDF_MAX_BYTES) return body;
  return { ...b, pdf: row.pdf.toString('base64'), content: JSON.parse(row.content) as unknown };
}

/** A document event of the case's history, with the type it is of (a decision event's is the grant's). */
export interface OfficeDocumentEvent {
  number: string;
  type: DocumentType;
  kind: 'issued' | 'reprint' | 'void';
  pdfSha256: string;
  at: string;
  clerk: string;
  workstation: string;
  reason: string | null;
  served: string[];
}

/** The history's decision and document events that can be read, oldest first as given; the rest are left out. */
export function officeDocumentEvents(history: { documents: unknown[]; decisions: unknown[] }): OfficeDocumentEvent[] {
  const read = (raw: unknown, type: DocumentType | null): OfficeDocumentEvent[] => {
    const p = eventSchema.safeParse(raw);
    const t = type ?? (raw as { type?: unknown }).type;
    if (!p.success || (t !== 'grant' && t !== 'refusal' && t !== 'supplement' && t !== 'service')) return [];
    return [{ ...p.data, type: t, reason: p.data.reason ?? null, served: p.data.served ?? [] }];
  };
  return [...history.decisions.flatMap((d) => read(d, 'grant')), ...history.documents.flatMap((d) => read(d, null))];
}

/**
 * The documents other windows issued on the case and did not void, each said with whether this window
 * holds it already (taken, to print and serve here), and whether a proof of service covers it.
 */
export function documentsElsewhere(db: Database, events: OfficeDocumentEvent[], mine: string): ElsewhereDocument[] {
  const voided = new Set(events.filter((e) => e.kind === 'void').map((e) => e.number));
  const served = new Map<string, string>();
  for (const e of events) if (e.kind === 'issued' && e.type === 'service' && !voided.has(e.number)) for (const n of e.served) served.set(n, e.workstation);
  const held = db.prepare('SELECT 1 FROM decisions WHERE number = ?');
  return events
    .filter((e) => e.kind === 'issued' && e.workstation !== mine && !voided.has(e.number))
    .map((e) => ({ number: e.number, type: e.type, workstation: e.workstation, clerk: e.clerk, at: e.at, held: !!held.get(e.number), servedAt: served.get(e.number) ?? null }));
}

/** The cases where this window holds another window's document, not void: their voids there are followed. */
export function casesWithOfficeDocuments(db: Database): string[] {
  return db.prepare('SELECT DISTINCT notice_no FROM decisions WHERE workstation IS NOT NULL AND voided_at IS NULL').pluck().all() as string[];
}

/**
 * What the issuing window did since to a document taken here: voided there, it is void here too, with
 * who voided it and where. Returns the numbers voided now.
 */
export function followOfficeVoids(db: Database, events: OfficeDocumentEvent[], now: Date): string[] {
  const done: string[] = [];
  // Asked on every case opened: no transaction when the history holds no void.
  if (!events.some((e) => e.kind === 'void')) return done;
  db.transaction(() => {
    for (const e of events) {
      if (e.kind !== 'void') continue;
      const row = db.prepare('SELECT id, type, workstation FROM decisions WHERE number = ? AND workstation = ? AND voided_at IS NULL').get(e.number, e.workstation) as { id: number; type: DocumentType } | undefined;
      if (!row) continue;
      db.prepare('UPDATE decisions SET voided_at = ?, voided_by = ?, void_reason = ? WHERE id = ?').run(e.at, `${e.clerk} (${e.workstation})`, e.reason ?? 'voided at the issuing window', row.id);
      db.prepare('DELETE FROM decision_services WHERE service_id = ?').run(row.id);
      appendAudit(db, { at: now.toISOString(), actor: 'system', action: 'office-document.voided', target: `${e.number} at ${e.workstation}` });
      done.push(e.number);
    }
  })();
  return done;
}

/** The issuing window's document as the authority holds it (`GET /v1/cases/{noticeNo}/documents/{number}`). */
const heldSchema = z.looseObject({
  number,
  pdfSha256: z.string().regex(/^[0-9a-f]{64}$/),
  pdf: z.string().max(Math.ceil(OFFICE_PDF_MAX_BYTES / 3) * 4).regex(/^[A-Za-z0-9+/]*={0,2}$/),
  content: z.looseObject({ number, type: z.string().max(20).optional() }),
});

/**
 * Takes here the documents other windows issued on the case that this window does not hold, each
 * checked before anything is kept: the authority's copy must be of the number and case, its PDF a PDF
 * hashing to what the issuing window sent, its content of the same type and drawable here. All or
 * nothing: one that fails keeps none of them and says which and why. Returns the numbers taken.
 */
export async function takeOfficeDocuments(
  db: Database,
  c: Pick<PermitCase, 'noticeNo' | 'permitNo'>,
  wanted: ElsewhereDocument[],
  events: OfficeDocumentEvent[],
  fetchDocument: (noticeNo: string, number: string) => Promise<unknown>,
  actor: string,
  now: Date,
): Promise<string[]> {
  const rows: { e: OfficeDocumentEvent; content: DocumentContent; pdf: Buffer }[] = [];
  for (const w of wanted.filter((x) => !x.held)) {
    const e = events.find((x) => x.kind === 'issued' && x.number === w.number && x.workstation === w.workstation)!;
    const refuse = (why: string) => new ApiFailure('conflict', `${w.number} from window ${w.workstation} cannot be taken here: ${why}.`);
    const parsed = heldSchema.safeParse(await fetchDocument(c.noticeNo, w.number));
    if (!parsed.success) throw refuse('the authority does not hold its PDF and content');
    const held = parsed.data;
    const pdf = Buffer.from(held.pdf, 'base64');
    if (pdf.length > OFFICE_PDF_MAX_BYTES || pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw refuse('what the authority holds is not its PDF');
    const hash = createHash('sha256').update(pdf).digest('hex');
    if (held.number !== w.number || held.pdfSha256 !== e.pdfSha256 || hash !== e.pdfSha256) throw refuse('its PDF is not the one that window issued (SHA-256)');
    if (JSON.stringify(held.content).length > CONTENT_MAX_CHARS) throw refuse('its content is larger than a document');
    const content = held.content as unknown as DocumentContent;
    // Of this case: the grant names the permit, the other documents the notice.
    const ofCase = 'noticeNo' in content ? content.noticeNo === c.noticeNo : content.permitNo === c.permitNo;
    if (content.number !== w.number || typeOf(content) !== w.type || !ofCase) throw refuse('its content is of another document');
    // A copy is drawn here from the content: one that cannot be drawn is not taken.
    try {
      await renderDocumentPdf({ ...content, copyNo: 1 });
    } catch {
      throw refuse('its content cannot be drawn here');
    }
    rows.push({ e, content, pdf });
  }
  const noticeNo = c.noticeNo;
  return db.transaction(() => {
    const taken: string[] = [];
    for (const { e, content, pdf } of rows) {
      if (db.prepare('SELECT 1 FROM decisions WHERE number = ?').get(e.number)) continue;
      const json = JSON.stringify(content);
      const id = Number(
        db
          .prepare('INSERT INTO decisions (type, number, notice_no, verification_id, issued_at, issued_by, content, pdf, sha256, workstation) VALUES (?,?,?,NULL,?,?,?,?,?,?)')
          .run(e.type, e.number, noticeNo, e.at, e.clerk, json, pdf, e.pdfSha256, e.workstation).lastInsertRowid,
      );
      if (content.type === 'service') {
        const served = db.prepare('INSERT INTO decision_services (service_id, number) VALUES (?, ?)');
        for (const s of content.served) served.run(id, s.number);
      }
      const binding = decisionBinding({ type: e.type, number: e.number, notice_no: noticeNo, verification_id: null, issued_at: e.at, issued_by: e.clerk, content: json, pdf });
      appendAudit(db, { at: now.toISOString(), actor, action: 'office-document.taken', target: `${e.number} ${noticeNo} from ${e.workstation} sha256:${e.pdfSha256}`, binds: [binding] });
      taken.push(e.number);
    }
    return taken;
  })();
}
