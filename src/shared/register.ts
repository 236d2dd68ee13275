/**
 * The office's register: the window's work by day, week or month and by clerk, from its own store.
 * Days are Beijing days; a week starts on Monday and is named by that day; a month by YYYY-MM.
 */
import type { FollowUpCounts } from './follow-ups';
import type { DocumentType, Outcome } from './verification';

export type RegisterPeriodKind = 'day' | 'week' | 'month';

export interface RegisterFigures {
  verifications: Record<Outcome, number>;
  /** Of those sign-offs, how many corrected an earlier record. */
  corrections: number;
  issued: Record<DocumentType, number>;
  reprinted: number;
  voided: number;
  /** Evaluations by grade (5 very satisfied … 1 very dissatisfied). */
  evaluations: Record<'1' | '2' | '3' | '4' | '5', number>;
}

export interface RegisterRow {
  /** The period's key: 2026-12-01, the Monday 2026-11-30 of its week, or 2026-12. */
  period: string;
  clerk: string;
  figures: RegisterFigures;
}

export interface DayReview {
  day: string;
  signedBy: string;
  signedAt: string;
  note: string;
  /** Whether the day's figures are still those the supervisor signed. */
  unchanged: boolean;
}

export interface Register {
  from: string;
  to: string;
  by: RegisterPeriodKind;
  window: string;
  periods: string[];
  rows: RegisterRow[];
  /** By period, all clerks together. */
  totals: { period: string; figures: RegisterFigures }[];
  total: RegisterFigures;
  clerks: string[];
  /** Each clerk's figures over the whole range. */
  byClerk: { clerk: string; figures: RegisterFigures }[];
  /** Each block of numbers: how many used and left. */
  blocks: { type: DocumentType; prefix: string; year: number; from: number; to: number; used: number; left: number }[];
  /** Deadlines as the worklist counts them at the time of the report. */
  deadlines: { asOf: string; overdue: number; near: number };
  /** The follow-ups of the dissatisfied evaluations given in the range, as they stand at the time of the report. */
  followUps: FollowUpCounts;
  reviews: DayReview[];
  /** `office`: every window's signed days summed (each window in a clerk's place); absent or `window`: this window's own. */
  scope?: 'window' | 'office';
  /** The office's register: the days up to today that a window has not signed. */
  unsigned?: { day: string; windows: string[] }[];
}

/** The longest range one register covers: a year and a little (the year's register, by month). */
export const REGISTER_MAX_DAYS = 400;

/**
 * The register's figures as columns, one list for the screen, the workbook and the PDF: a heading in
 * Chinese and English, and a short one for the PDF's narrow columns. `summary: false` leaves a column
 * to the workbook (the screen and the PDF sum the grades into all evaluations and the dissatisfied).
 */
export interface FigureColumn {
  key: string;
  header: string;
  short: [zh: string, en: string];
  of: (f: RegisterFigures) => number;
  summary: boolean;
}

const evaluations = (f: RegisterFigures) => Object.values(f.evaluations).reduce((a, b) => a + b, 0);

export const FIGURE_COLUMNS: FigureColumn[] = [
  { key: 'approved', header: '核验准予 Verified: approved', short: ['准予', 'Approved'], of: (f) => f.verifications.approved, summary: true },
  { key: 'supplement', header: '核验补正 Verified: supplements', short: ['补正', 'Suppl.'], of: (f) => f.verifications.supplement, summary: true },
  { key: 'rejected', header: '核验不予 Verified: rejected', short: ['不予', 'Rejected'], of: (f) => f.verifications.rejected, summary: true },
  { key: 'corrections', header: '更正 Corrections', short: ['更正', 'Corr.'], of: (f) => f.corrections, summary: false },
  { key: 'grant', header: '准予决定书 Grants issued', short: ['准予书', 'Grants'], of: (f) => f.issued.grant, summary: true },
  { key: 'refusal', header: '不予决定书 Refusals issued', short: ['不予书', 'Refusals'], of: (f) => f.issued.refusal, summary: true },
  { key: 'supplementNotice', header: '补正通知书 Supplement notices', short: ['补正书', 'Notices'], of: (f) => f.issued.supplement, summary: true },
  { key: 'service', header: '送达回证 Proofs of service', short: ['送达', 'Service'], of: (f) => f.issued.service, summary: true },
  { key: 'reprinted', header: '重印 Reprinted', short: ['重印', 'Reprint'], of: (f) => f.reprinted, summary: true },
  { key: 'voided', header: '作废 Voided', short: ['作废', 'Void'], of: (f) => f.voided, summary: true },
  ...(['5', '4', '3', '2', '1'] as const).map((g) => ({ key: `grade${g}`, header: `评价 ${g} Evaluations: grade ${g}`, short: [`${g}级`, `Grade ${g}`] as [string, string], of: (f: RegisterFigures) => f.evaluations[g], summary: false })),
  { key: 'evaluations', header: '评价合计 Evaluations', short: ['评价', 'Evals'], of: evaluations, summary: true },
  { key: 'dissatisfied', header: '不满意（1–2 级）Dissatisfied (grades 1–2)', short: ['不满意', 'Grade 1-2'], of: (f) => f.evaluations['1'] + f.evaluations['2'], summary: true },
];
