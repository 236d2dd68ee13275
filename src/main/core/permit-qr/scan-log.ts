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

export function recentScans(db: Database, limit: number): ScanLogEntry[] {
  return db
    .prepare('SELECT id, at, officer, source, verdict, permit_no AS permitNo FROM scan_log ORDER BY id DESC LIMIT ?')
    .all(limit) as ScanLogEntry[];
}
