import type { Database as Db } from 'better-sqlite3-multiple-ciphers';
import type { Workstation } from './demo-data';
import { json, type Reply } from './reply';
import { getCaseRow } from './store';

type EventRow = { document: string; workstation: string | null };

/**
 * What every window of an office did on one of its cases (upstream-api.md), and an issued document as
 * the server holds it. The history names each record and event with the window that sent it; it leaves
 * out the documents' PDFs and contents, which a window asks for one at a time when it takes a document
 * to print and serve it (the window's addition, docs/upstream.md).
 */
export function createHistoryRoutes(db: Db) {
  const withWorkstation = (rows: EventRow[]) =>
    rows.map((r) => {
      const event = JSON.parse(r.document) as Record<string, unknown>;
      const pdf = event.pdf;
      delete event.pdf;
      delete event.content;
      return { ...event, ...(r.workstation ? { workstation: r.workstation } : {}), ...(pdf ? { pdfHeld: true } : {}) };
    });

  function caseHistory(w: Workstation, noticeNo: string): Reply {
    const row = getCaseRow(db, noticeNo);
    if (!row || row.office !== w.office) return json(404, { error: 'no such case' });
    return json(200, {
      verifications: (db.prepare('SELECT document, workstation FROM verifications WHERE notice_no = ? ORDER BY rowid').all(noticeNo) as EventRow[]).map((r) => ({
        ...(JSON.parse(r.document) as Record<string, unknown>),
        workstation: r.workstation,
      })),
      documents: withWorkstation(db.prepare('SELECT document, workstation FROM document_events WHERE case_no = ? ORDER BY rowid').all(noticeNo) as EventRow[]),
      decisions: withWorkstation(db.prepare('SELECT document, workstation FROM decision_events WHERE case_no = ? ORDER BY rowid').all(noticeNo) as EventRow[]),
      images: db.prepare('SELECT id, material, sha256, workstation, captured_at AS at FROM evidence WHERE notice_no = ? ORDER BY rowid').all(noticeNo),
    });
  }

  /** The issued document of that number on the case, with its PDF and content, when the issuing window sent them. */
  function caseDocument(w: Workstation, noticeNo: string, number: string): Reply {
    const row = getCaseRow(db, noticeNo);
    if (!row || row.office !== w.office) return json(404, { error: 'no such case' });
    const event = (db
      .prepare("SELECT document, workstation FROM decision_events WHERE case_no = ? AND number = ? AND kind = 'issued' UNION ALL SELECT document, workstation FROM document_events WHERE case_no = ? AND number = ? AND kind = 'issued'")
      .get(noticeNo, number, noticeNo, number) as EventRow | undefined);
    if (!event) return json(404, { error: 'no such document' });
    const d = JSON.parse(event.document) as Record<string, unknown>;
    if (!d.pdf || !d.content) return json(404, { error: 'the issuing window did not send this document' });
    return json(200, { ...d, ...(event.workstation ? { workstation: event.workstation } : {}) });
  }

  return { caseHistory, caseDocument };
}
