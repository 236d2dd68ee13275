import { createHash, randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { BoundImage, EvidenceImageView, MrzRead } from '../../../shared/evidence';
import { appendAudit, auditTargets } from '../audit/audit';
import { prepared } from '../store/prepared';
import type { PreparedImage } from './prepare';

/**
 * The images of originals a case's visit took, in the encrypted store (`evidence_images`). Until a
 * record is signed off an image is the draft's: it can be retaken (the new one replaces it) or dropped,
 * and then it is gone. Signing off binds the draft's images to the record; from then they are never
 * changed, only their bytes let go, audited, a set number of days after the authority acknowledged them.
 */

interface Row {
  id: string;
  notice_no: string;
  material: string;
  verification_id: string | null;
  sha256: string;
  size: number;
  width: number;
  height: number;
  cropped: number;
  thumb: Buffer;
  mrz: string | null;
  device: string;
  captured_at: string;
  captured_by: string;
  acked_at: string | null;
  purged_at: string | null;
}

const COLUMNS = 'id, notice_no, material, verification_id, sha256, size, width, height, cropped, thumb, mrz, device, captured_at, captured_by, acked_at, purged_at';

const view = (r: Row): EvidenceImageView => ({
  id: r.id,
  material: r.material,
  sha256: r.sha256,
  bytes: r.size,
  width: r.width,
  height: r.height,
  cropped: r.cropped === 1,
  thumb: `data:image/jpeg;base64,${r.thumb.toString('base64')}`,
  mrz: r.mrz ? (JSON.parse(r.mrz) as MrzRead) : null,
  device: r.device,
  capturedAt: r.captured_at,
  capturedBy: r.captured_by,
  verificationId: r.verification_id,
  ackedAt: r.acked_at,
  purgedAt: r.purged_at,
});

/** The draft's images of a case, in the order they were taken. */
export function draftImages(db: Database, noticeNo: string): EvidenceImageView[] {
  const rows = prepared(db, `SELECT ${COLUMNS} FROM evidence_images WHERE notice_no = ? AND verification_id IS NULL ORDER BY captured_at, rowid`).all(noticeNo) as Row[];
  return rows.map(view);
}

/** Every image of a case, the draft's and each record's (a supervisor's case view). */
export function caseImages(db: Database, noticeNo: string): EvidenceImageView[] {
  const rows = prepared(db, `SELECT ${COLUMNS} FROM evidence_images WHERE notice_no = ? ORDER BY captured_at, rowid`).all(noticeNo) as Row[];
  return rows.map(view);
}

export function imageView(db: Database, id: string): (EvidenceImageView & { noticeNo: string }) | null {
  const row = prepared(db, `SELECT ${COLUMNS} FROM evidence_images WHERE id = ?`).get(id) as Row | undefined;
  return row ? { ...view(row), noticeNo: row.notice_no } : null;
}

/** The image's JPEG bytes, or null when there is none by that id or its bytes were let go. */
export function imageBytes(db: Database, id: string): Buffer | null {
  const row = prepared(db, 'SELECT data FROM evidence_images WHERE id = ?').get(id) as { data: Buffer | null } | undefined;
  return row?.data ?? null;
}

/**
 * Keeps a prepared image as the draft's image of a material: a retake replaces the one taken before
 * (one image per material and draft).
 */
export function keepDraftImage(
  db: Database,
  p: { noticeNo: string; material: string; image: PreparedImage; mrz: MrzRead | null; device: string; by: string; now: Date },
): EvidenceImageView {
  return db.transaction(() => {
    prepared(db, 'DELETE FROM evidence_images WHERE notice_no = ? AND material = ? AND verification_id IS NULL').run(p.noticeNo, p.material);
    const id = randomUUID();
    prepared(
      db,
      `INSERT INTO evidence_images (id, notice_no, material, mime, sha256, size, width, height, cropped, data, thumb, mrz, device, captured_at, captured_by)
       VALUES (?, ?, ?, 'image/jpeg', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, p.noticeNo, p.material, p.image.sha256, p.image.jpeg.byteLength, p.image.width, p.image.height, p.image.cropped ? 1 : 0, p.image.jpeg, p.image.thumb, p.mrz ? JSON.stringify(p.mrz) : null, p.device.slice(0, 120), p.now.toISOString(), p.by);
    return imageView(db, id)!;
  })();
}

/** Drops one of the draft's images; a bound image is never dropped. */
export function dropDraftImage(db: Database, noticeNo: string, id: string): boolean {
  return prepared(db, 'DELETE FROM evidence_images WHERE id = ? AND notice_no = ? AND verification_id IS NULL').run(id, noticeNo).changes === 1;
}

/** Binds the draft's images to a signed-off record (inside its transaction); what the record carries of them. */
export function bindDraftImages(db: Database, noticeNo: string, verificationId: string): BoundImage[] {
  const rows = prepared(db, 'SELECT id, material, sha256 FROM evidence_images WHERE notice_no = ? AND verification_id IS NULL ORDER BY captured_at, rowid').all(noticeNo) as BoundImage[];
  prepared(db, 'UPDATE evidence_images SET verification_id = ? WHERE notice_no = ? AND verification_id IS NULL').run(verificationId, noticeNo);
  return rows;
}

/** What `POST /v1/evidence` carries of an image, with its bytes, read when it is sent. */
export function evidenceUpload(db: Database, id: string): { id: string; verificationId: string; noticeNo: string; material: string; mime: 'image/jpeg'; sha256: string; data: string; capturedAt: string; device: string } | null {
  const row = prepared(db, 'SELECT id, verification_id, notice_no, material, sha256, data, captured_at, device FROM evidence_images WHERE id = ? AND verification_id IS NOT NULL').get(id) as
    | { id: string; verification_id: string; notice_no: string; material: string; sha256: string; data: Buffer | null; captured_at: string; device: string }
    | undefined;
  if (!row?.data) return null;
  return { id: row.id, verificationId: row.verification_id, noticeNo: row.notice_no, material: row.material, mime: 'image/jpeg', sha256: row.sha256, data: row.data.toString('base64'), capturedAt: row.captured_at, device: row.device };
}

/** The authority has the image (it answered 200/201 to its upload). */
export function markAcknowledged(db: Database, id: string, now: Date): void {
  prepared(db, 'UPDATE evidence_images SET acked_at = coalesce(acked_at, ?) WHERE id = ?').run(now.toISOString(), id);
}

/**
 * Lets go of the bytes of images the authority acknowledged more than `keepDays` ago, keeping each
 * row's hash and thumbnail, and says so in the audit chain by id (so that `audit verify` tells this
 * from an image removed behind the app's back). Returns how many.
 */
export function purgeAcknowledged(db: Database, keepDays: number, now: Date): number {
  const before = new Date(now.getTime() - keepDays * 86_400_000).toISOString();
  return db.transaction(() => {
    const ids = prepared(db, 'SELECT id FROM evidence_images WHERE acked_at IS NOT NULL AND acked_at < ? AND data IS NOT NULL').pluck().all(before) as string[];
    if (ids.length === 0) return 0;
    const purge = prepared(db, 'UPDATE evidence_images SET data = NULL, purged_at = ? WHERE id = ?');
    for (const id of ids) purge.run(now.toISOString(), id);
    appendAudit(db, { at: now.toISOString(), actor: 'system', action: 'evidence.purged', target: ids.join(' ') });
    return ids.length;
  })();
}

/** The ids of images whose bytes the chain says were let go. */
function purgedInChain(db: Database): Set<string> {
  return new Set(auditTargets(db, 'evidence.purged').flatMap((t) => t.split(' ').filter(Boolean)));
}

/**
 * Each image a record binds, as it is now: missing (no row, or its bytes gone without a purge in the
 * chain) or changed (its bytes no longer hash to what the record says). The first found, or null.
 */
export function boundImageProblem(db: Database, records: { id: string; images?: BoundImage[] }[]): { recordId: string; imageId: string; problem: 'image-missing' | 'image-changed' } | null {
  let purged: Set<string> | null = null;
  const get = prepared(db, 'SELECT data, sha256, verification_id FROM evidence_images WHERE id = ?');
  for (const r of records) {
    for (const image of r.images ?? []) {
      const row = get.get(image.id) as { data: Buffer | null; sha256: string; verification_id: string | null } | undefined;
      if (!row || row.verification_id !== r.id) return { recordId: r.id, imageId: image.id, problem: 'image-missing' };
      if (row.data === null) {
        purged ??= purgedInChain(db);
        if (!purged.has(image.id)) return { recordId: r.id, imageId: image.id, problem: 'image-missing' };
        continue;
      }
      if (createHash('sha256').update(row.data).digest('hex') !== image.sha256) return { recordId: r.id, imageId: image.id, problem: 'image-changed' };
    }
  }
  return null;
}
