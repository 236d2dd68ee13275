import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { ElsewhereView, MaterialEntry } from '../../../shared/verification';
import type { PermitCase } from '../../../shared/cases';
import type { Upstream } from '../calls/ports';
import { ApiFailure } from '../failures/failure';
import { getSettings, workstationOf } from '../settings/settings';
import { documentsElsewhere, followOfficeVoids, officeDocumentEvents, takeOfficeDocuments } from '../documents/office-documents';

/** A record another window signed this recently is said to the clerk who opens the case. */
export const RECENT_MINUTES = 15;

/**
 * What the other windows of the office did on a case, as the authority says now: the last record
 * another window signed, whether the authority will refuse a new record from this window (the case is
 * verified or decided, and its last record is another window's: `verified-elsewhere`), and whether
 * another window signed one in the last minutes. Offline or unlinked it says so and refuses nothing:
 * a record the authority refuses later goes to review, as before. Documents other windows issued on
 * the case are named too (`takeFromOffice` takes them here on the clerk's word).
 */
export async function caseElsewhere(db: Database, sync: Pick<Upstream, 'caseAtOffice'>, noticeNo: string, now: Date): Promise<ElsewhereView> {
  const answer = await sync.caseAtOffice(noticeNo);
  if (answer === 'not-linked' || answer === 'unreachable') return { checked: answer, status: null, other: null, refused: false, recent: false, documents: [] };
  const s = getSettings(db);
  const mine = workstationOf(s);
  const last = answer.verifications.at(-1) ?? null;
  const others = answer.verifications.filter((v) => v.workstation !== mine);
  const other = others.at(-1) ?? null;
  const decided = answer.status === 'verified' || answer.status === 'decision_issued';
  // A document taken here that its window voided since is void here too.
  const events = officeDocumentEvents(answer);
  followOfficeVoids(db, events, now);
  return {
    checked: 'yes',
    status: answer.status,
    other: other ? { workstation: other.workstation, clerk: other.clerk, at: other.at, outcome: other.outcome as 'approved' | 'supplement' | 'rejected' } : null,
    refused: decided && !!last && last.workstation !== mine,
    recent: !!other && now.getTime() - Date.parse(other.at) < RECENT_MINUTES * 60_000,
    documents: documentsElsewhere(db, events, mine),
  };
}

const EVIDENCE_OF = new Set(['original_seen', 'copy_retained', 'missing', 'not_applicable']);

/**
 * The draft for a visit that continues here after another window asked for supplements: the materials
 * as that window's record left them (what it saw, what was missing), for the clerk to update with what
 * the applicant brought. Taken only from a well-formed record, material by material; null when the
 * authority cannot be asked or holds no such request.
 */
export async function draftFromOffice(sync: Pick<Upstream, 'caseAtOffice'>, noticeNo: string): Promise<{ recordId: string; workstation: string; materials: MaterialEntry[] } | null> {
  const answer = await sync.caseAtOffice(noticeNo);
  if (answer === 'not-linked' || answer === 'unreachable') return null;
  const last = answer.verifications.at(-1);
  if (!last || last.outcome !== 'supplement' || !Array.isArray(last.materials)) return null;
  const materials: MaterialEntry[] = [];
  for (const m of last.materials as unknown[]) {
    const x = m as { code?: unknown; evidence?: unknown; fields?: unknown; note?: unknown };
    if (typeof x.code !== 'string' || !/^[a-z0-9-]{1,64}$/.test(x.code) || typeof x.evidence !== 'string' || !EVIDENCE_OF.has(x.evidence)) continue;
    const fields: Record<string, string> = {};
    if (x.fields && typeof x.fields === 'object') for (const [k, v] of Object.entries(x.fields)) if (/^[A-Za-z]{1,32}$/.test(k) && typeof v === 'string' && v.length <= 200) fields[k] = v;
    materials.push({ code: x.code, evidence: x.evidence as MaterialEntry['evidence'], fields, note: typeof x.note === 'string' ? x.note.slice(0, 500) : '' });
  }
  return { recordId: last.id, workstation: last.workstation, materials };
}

/**
 * Takes here every document other windows issued on the case and did not void, that this window does
 * not hold: to print, reprint and serve as this window's own (office-documents.ts checks each).
 */
export async function takeFromOffice(db: Database, sync: Pick<Upstream, 'caseAtOffice' | 'officeDocument'>, c: PermitCase, actor: string, now: Date): Promise<string[]> {
  const answer = await sync.caseAtOffice(c.noticeNo);
  if (answer === 'not-linked') throw new ApiFailure('not-linked', 'This window is not linked to the authority.');
  if (answer === 'unreachable') throw new ApiFailure('upstream-unreachable', 'The authority cannot be reached now: try again.');
  const events = officeDocumentEvents(answer);
  const wanted = documentsElsewhere(db, events, workstationOf(getSettings(db))).filter((d) => !d.held);
  if (!wanted.length) throw new ApiFailure('not-found', 'No other window issued a document on this case that this window does not hold.');
  return takeOfficeDocuments(db, c, wanted, events, (noticeNo, number) => sync.officeDocument(noticeNo, number), actor, now);
}
