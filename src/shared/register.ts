/**
 * The office's register: the window's work by day, week or month and by clerk, from its own store.
 * Days are Beijing days; a week starts on Monday and is named by that day; a month by YYYY-MM.
 */
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
  reviews: DayReview[];
}

/** The longest range one register covers: a year and a little (the year's register, by month). */
export const REGISTER_MAX_DAYS = 400;
