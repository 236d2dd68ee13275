import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { PhotoCheckResult } from '../../../shared/verification';
import { checkPhoto } from './photo';

interface Row {
  id: number;
  sha256: string;
  bytes: number;
  problems: string;
  checked_at: string;
}

const toResult = (r: Row): PhotoCheckResult => {
  const problems = JSON.parse(r.problems) as string[];
  return { id: r.id, ok: problems.length === 0, problems, bytes: r.bytes, sha256: r.sha256, checkedAt: r.checked_at };
};

/** Checks a photo file for a case and keeps the result (not the photo). */
export async function recordPhotoCheck(db: Database, noticeNo: string, bytes: Uint8Array, by: string, now: Date): Promise<PhotoCheckResult> {
  const { problems } = await checkPhoto(bytes);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const id = Number(
    db
      .prepare('INSERT INTO photo_checks (notice_no, sha256, bytes, problems, checked_at, checked_by) VALUES (?,?,?,?,?,?)')
      .run(noticeNo, sha256, bytes.length, JSON.stringify(problems), now.toISOString(), by).lastInsertRowid,
  );
  return { id, ok: problems.length === 0, problems, bytes: bytes.length, sha256, checkedAt: now.toISOString() };
}

/** A check made for this case, or null (another case's check, or none by that id). */
export function photoCheck(db: Database, noticeNo: string, id: number): PhotoCheckResult | null {
  const row = db.prepare('SELECT id, sha256, bytes, problems, checked_at FROM photo_checks WHERE id = ? AND notice_no = ?').get(id, noticeNo) as Row | undefined;
  return row ? toResult(row) : null;
}
