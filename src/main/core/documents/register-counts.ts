import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { DocumentType } from '../../../shared/verification';

export interface DocumentCount {
  day: string;
  clerk: string;
  type: DocumentType;
  n: number;
}

/**
 * The documents of [from, to) (UTC instants) as the register counts them, by Beijing day and clerk:
 * issued and voided by type (a void on the day and by the person who voided it), and reprints (every
 * copy after the first, whatever became of it). A document another window issued, taken here to serve,
 * is that window's: its issue and void are counted there; its prints here are this window's.
 */
export function documentCounts(db: Database, from: string, to: string): { issued: DocumentCount[]; voided: DocumentCount[]; reprinted: Omit<DocumentCount, 'type'>[] } {
  return {
    issued: db
      .prepare("SELECT date(issued_at, '+8 hours') AS day, issued_by AS clerk, type, count(*) AS n FROM decisions WHERE issued_at >= ? AND issued_at < ? AND workstation IS NULL GROUP BY day, clerk, type")
      .all(from, to) as DocumentCount[],
    voided: db
      .prepare("SELECT date(voided_at, '+8 hours') AS day, voided_by AS clerk, type, count(*) AS n FROM decisions WHERE voided_at >= ? AND voided_at < ? AND workstation IS NULL GROUP BY day, clerk, type")
      .all(from, to) as DocumentCount[],
    reprinted: db
      .prepare("SELECT date(at, '+8 hours') AS day, by AS clerk, count(*) AS n FROM decision_prints WHERE at >= ? AND at < ? AND copy_no > 0 GROUP BY day, clerk")
      .all(from, to) as Omit<DocumentCount, 'type'>[],
  };
}
