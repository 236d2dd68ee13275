/**
 * A dissatisfied evaluation's follow-up (好差评 整改回访): the State Council's rules (国办发〔2019〕51号)
 * require every bad evaluation to be verified and put right, with a callback to the person, within a
 * time the province sets (Sichuan: 15 working days).
 */
import type { Grade } from './applicant';

export const CALLBACK_WAYS = ['phone', 'sms', 'in-person', 'letter', 'email'] as const;
export type CallbackWay = (typeof CALLBACK_WAYS)[number];

export interface FollowUpView {
  evaluationId: string;
  noticeNo: string;
  grade: Grade;
  /** The applicant's reasons, as given. */
  reasons: string[];
  /** When the evaluation was given, and whose service it was. */
  evaluatedAt: string;
  clerk: string;
  workstation: string;
  /** The last day to close it: working days after the evaluation (the setting), as the calendar counts them. */
  dueDay: string;
  /** Whether the calendar knew every year the count crossed (else weekends only were skipped). */
  dueKnown: boolean;
  state: 'open' | 'overdue' | 'closed';
  checked: string;
  putRight: string;
  callback: { on: string | null; how: CallbackWay | null; said: string };
  updatedAt: string;
  updatedBy: string | null;
  closedAt: string | null;
  closedBy: string | null;
  /** Closed after its due day. */
  late: boolean;
}

/** The follow-ups as the register counts them when it is made. */
export interface FollowUpCounts {
  asOf: string;
  open: number;
  overdue: number;
  closed: number;
  closedLate: number;
}
