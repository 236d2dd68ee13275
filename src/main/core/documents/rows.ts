import type { DocumentType, PrintJobView } from '../../../shared/verification';

/** A row of the decisions table as stored: the issued document, its PDF and its voiding. */
export interface DecisionRow {
  id: number;
  type: DocumentType;
  number: string;
  notice_no: string;
  verification_id: string | null;
  issued_at: string;
  issued_by: string;
  content: string;
  pdf: Buffer;
  sha256: string;
  /** The window that issued it, when another window did (taken here); null: this window. */
  workstation: string | null;
  voided_at: string | null;
  voided_by: string | null;
  void_reason: string | null;
}

/** A row of the prints table: one copy of a document sent to the spooler, and how it came out. */
export interface PrintRow {
  id: number;
  decision_id: number;
  copy_no: number;
  printer: string;
  job_id: string | null;
  state: PrintJobView['state'];
  message: string | null;
  reason_code: string | null;
  at: string;
  by: string;
  confirmed_by: string | null;
  confirmed_at: string | null;
}
