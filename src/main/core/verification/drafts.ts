import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { ChipRead } from '../../../shared/passport';
import type { SscCardData } from '../../../shared/ssc-card';
import type { VerificationDraft } from '../../../shared/verification';

/** The verification a clerk is working on, one per case, saved as they go (records.ts signs it off). */
export function emptyDraft(): VerificationDraft {
  return { materials: [], qrText: null, cardReadId: null, mrz: null, photoCheckId: null, attendedBy: 'applicant', note: '' };
}

export function getDraft(db: Database, noticeNo: string): VerificationDraft | null {
  const row = db.prepare('SELECT document FROM verification_drafts WHERE notice_no = ?').get(noticeNo) as { document: string } | undefined;
  if (!row) return null;
  // A draft saved before photo checks were the core's carried the client's verdict: it is not taken.
  // The card kept with the draft stays in the core: the screen names a read, it is never sent card data back.
  const draft = JSON.parse(row.document) as VerificationDraft & { photo?: unknown; card?: unknown; chip?: unknown };
  delete draft.photo;
  delete draft.card;
  delete draft.chip;
  return { ...draft, photoCheckId: draft.photoCheckId ?? null };
}

/**
 * Saves the draft; `card` is the card its `cardReadId` names and `chip` the passport chip read its
 * `chipReadId` names, as they were read, kept with the draft in the encrypted store so that the evidence
 * outlives the core's memory of the read (a restart, later reads).
 */
export function saveDraft(db: Database, noticeNo: string, draft: VerificationDraft, actor: string, now: Date, card: SscCardData | null = null, chip: ChipRead | null = null): void {
  const document = { ...draft, ...(card ? { card } : {}), ...(chip ? { chip } : {}) };
  db.prepare(
    `INSERT INTO verification_drafts (notice_no, document, updated_at, updated_by) VALUES (?,?,?,?)
     ON CONFLICT(notice_no) DO UPDATE SET document = excluded.document, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  ).run(noticeNo, JSON.stringify(document), now.toISOString(), actor);
}

/** The card the stored draft keeps for the read `readId`, if that is the read it names. */
export function draftCard(db: Database, noticeNo: string, readId: number): SscCardData | null {
  const row = db.prepare('SELECT document FROM verification_drafts WHERE notice_no = ?').get(noticeNo) as { document: string } | undefined;
  const stored = row ? (JSON.parse(row.document) as { cardReadId?: number | null; card?: SscCardData }) : null;
  return stored?.cardReadId === readId && stored.card ? stored.card : null;
}

/** The chip read the stored draft keeps for the read `readId`, if that is the read it names. */
export function draftChip(db: Database, noticeNo: string, readId: number): ChipRead | null {
  const row = db.prepare('SELECT document FROM verification_drafts WHERE notice_no = ?').get(noticeNo) as { document: string } | undefined;
  const stored = row ? (JSON.parse(row.document) as { chipReadId?: number | null; chip?: ChipRead }) : null;
  return stored?.chipReadId === readId && stored.chip ? stored.chip : null;
}
