import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { PermitCheck, ScanLogEntry, ScanSource } from '../../../shared/permit-qr';

/** Records one scan and purges entries older than `keepDays`, in one transaction. */
export function logScan(db: Database, e: { at: Date; officer: string; source: ScanSource; check: PermitCheck }, keepDays: number): void {
  db.transaction(() => {
    db.prepare('INSERT INTO scan_log (at, officer, source, verdict, permit_no) VALUES (?,?,?,?,?)').run(
      e.at.toISOString(),
      e.officer,
      e.source,
      e.check.verdict,
      e.check.permit?.pn ?? (e.check.referenceKind === 'permit' ? e.check.reference! : null),
    );
    purgeScanLog(db, e.at, keepDays);
  })();
}

export function purgeScanLog(db: Database, now: Date, keepDays: number): number {
  const cutoff = new Date(now.getTime() - keepDays * 86_400_000).toISOString();
  return db.prepare('DELETE FROM scan_log WHERE at < ?').run(cutoff).changes;
}

/** The newest scans; only one officer's when `officer` is given (a police officer sees their own, never a clerk's). */
export function recentScans(db: Database, limit: number, officer?: string): ScanLogEntry[] {
  const cols = 'id, at, officer, source, verdict, permit_no AS permitNo';
  return (officer === undefined
    ? db.prepare(`SELECT ${cols} FROM scan_log ORDER BY id DESC LIMIT ?`).all(limit)
    : db.prepare(`SELECT ${cols} FROM scan_log WHERE officer = ? ORDER BY id DESC LIMIT ?`).all(officer, limit)) as ScanLogEntry[];
}
