import type { RegionName } from './regions';
/** A case as the upstream contract (upstream-api.md) defines it; unknown fields are kept. */
export type CaseStatus =
  | 'awaiting_verification'
  | 'verified'
  | 'decision_issued'
  | 'rejected'
  | 'withdrawn'
  | 'revoked';

export const CASE_STATUSES: readonly CaseStatus[] = [
  'awaiting_verification',
  'verified',
  'decision_issued',
  'rejected',
  'withdrawn',
  'revoked',
];

export type PermitCategory = 'A' | 'B' | 'C';

export interface Applicant {
  /** As in the passport: upper-case Latin, surname first, a comma before the given names. */
  name: string;
  nameZh: string | null;
  nationality: string;
  sex: 'M' | 'F' | 'X';
  birthDate: string;
  passportNo: string;
  ssn: string | null;
}

export interface FamilyMember {
  relation: string;
  name: string;
  passportNo: string;
}

/** The Work Permit Notice as printed. */
export interface NoticeDetails {
  issuedOn: string;
  validMonths: number;
  approvedMonths: number;
  family: FamilyMember[];
}

export interface Contract {
  start: string;
  end: string;
  signed: string;
}

/**
 * The medical report as the case has it. Under the commitment system (seeds Q14) the holder undertakes
 * to bring a domestic examination certificate before the residence permit: there is no report yet, so
 * no date and no issuer.
 */
export type MedicalReport = { kind: 'domestic' | 'overseas'; issuedOn: string; issuer: string } | { kind: 'commitment'; issuedOn: string | null; issuer: string | null };

export interface RequiredMaterial {
  code: string;
  required: boolean;
}

/** Kept locally: each status the case has had, oldest first. Not part of the upstream contract. */
export interface StatusChange {
  status: CaseStatus;
  at: string;
}

/**
 * A request for supplements the case waits on, as the authority holds it for every window of the office
 * (upstream-api.md): the supplement notice's number and last day once the notice was sent, the material
 * codes missing, and the window that asked.
 */
export interface PendingSupplement {
  documentNumber: string | null;
  missing: string[];
  lastDay: string | null;
  workstation: string;
}

export interface PermitCase {
  noticeNo: string;
  permitNo: string;
  category: PermitCategory;
  status: CaseStatus;
  applicant: Applicant;
  employer: { name: string; uscc: string; address: string };
  notice?: NoticeDetails;
  position?: string;
  workPlace?: string;
  validFrom?: string;
  validTo?: string;
  entryDate: string | null;
  contract?: Contract;
  medical?: MedicalReport;
  materials?: RequiredMaterial[];
  history?: StatusChange[];
  /** The request for supplements the case waits on at the office (from the authority), if any. */
  pendingSupplement?: PendingSupplement | null;
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

/**
 * Holders of B and C notices come to the window, and apply for the residence permit, within 30 days
 * of entry; both deadlines are the same day.
 */
export interface Deadline {
  lastDay: string;
  daysLeft: number;
  state: 'ok' | 'near' | 'overdue';
}

/**
 * A work permit issued before the reform of 1 December 2024 as a physical card: it stays valid until
 * its holder extends or changes the permit ("no change, no replacement"), and the employer may ask
 * for the electronic licence instead (电子证照换发).
 */
export interface LegacyPermitCard {
  /** The permit (and card) number. Nothing else of the case: the police screen shows this, and police see no case data. */
  permitNo: string;
  /** The permit's last valid day; null when the case does not say. */
  validTo: string | null;
  state: 'valid' | 'expired' | 'validity-unknown';
  /** Why it counts as an old card: upstream marks it (`physicalCard`), or its validity began before the reform. */
  by: 'upstream' | 'validity-before-reform';
}

export interface CaseView {
  case: PermitCase;
  /** The case's permit is an old physical card (null: it is not). */
  legacyCard: LegacyPermitCard | null;
  /** Null when the entry date is not known yet. */
  deadline: Deadline | null;
  /** Whether the employer's unified social credit code has a valid check character. */
  usccValid: boolean;
  /** The last day the Work Permit Notice may be used. */
  noticeValidUntil: string | null;
  /** The work place's GB/T 2260 code by name (null when the case names none). */
  workPlaceName: RegionName | null;
  /** The statutory clocks that run for the case, in working days (Administrative Licensing Law Arts. 32, 42, 44, 82). */
  clocks: StatutoryClocks;
  /** The window's rules applied to the case today (src/main/core/verification/rules.ts). */
  checks: {
    results: { rule: string; status: 'pass' | 'fail' | 'not-applicable' | 'supplement'; blocksApproval: boolean; basis: { zh: string; en: string }; facts: Record<string, string | number | null> }[];
    approvalBlocked: boolean;
  };
}

/** A field where the permit QR and the case disagree (the QR's `wp` key and both values). */
export interface FieldDifference {
  field: string;
  qr: string;
  case: string;
}

/** A time limit in working days: when it started and ends, how many working days are left (negative: past). */
export interface WorkdayClock {
  from: string;
  dueOn: string;
  workdaysLeft: number;
  /** running: the act is still to come; met: done by the last day; late: done, or still not done, after it. */
  state: 'running' | 'met' | 'late';
  doneOn: string | null;
}

export interface StatutoryClocks {
  /** Art. 42: the decision within 20 working days of acceptance (the on-site verification that found the case complete). */
  decision: WorkdayClock | null;
  /** Art. 44: the decision issued and served within 10 working days of the decision (served is recorded with the proof of service). */
  service: WorkdayClock | null;
  /** Art. 32: supplements asked for once, on the spot: the day, and the last day to bring them. */
  supplement: { askedOn: string; bringBy: string | null } | null;
  /** False when a clock reaches a year whose holiday schedule the app does not know (counted Monday to Friday). */
  scheduleKnown: boolean;
}
