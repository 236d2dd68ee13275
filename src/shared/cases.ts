/** A case as the upstream contract (upstream-api.md) defines it; unknown fields are kept. */
export type CaseStatus =
  | 'awaiting_verification'
  | 'verified'
  | 'decision_issued'
  | 'rejected'
  | 'withdrawn'
  | 'revoked';

export type PermitCategory = 'A' | 'B' | 'C';

export interface Applicant {
  name: string;
  nameZh: string | null;
  nationality: string;
  sex: 'M' | 'F' | 'X';
  birthDate: string;
  passportNo: string;
  ssn: string | null;
}

export interface PermitCase {
  noticeNo: string;
  permitNo: string;
  category: PermitCategory;
  status: CaseStatus;
  applicant: Applicant;
  employer: { name: string; uscc: string; address: string };
  entryDate: string | null;
  version: number;
  updatedAt: string;
  [field: string]: unknown;
}

export interface CaseSummary {
  noticeNo: string;
  permitNo: string;
  category: PermitCategory;
  status: CaseStatus;
  name: string;
  nameZh: string | null;
  nationality: string;
  entryDate: string | null;
}
