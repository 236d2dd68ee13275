import type { CaseStatus, PendingSupplement, PermitCategory } from './cases';

/**
 * The work a case waits for at this window, each with its clock: the visit within 30 days of entry
 * (B and C), the supplements to bring back, the decision on a verified case (20 working days), the
 * proof of service of a decision (10 working days).
 */
export type WorkKind = 'visit' | 'supplement' | 'decide' | 'serve';
export const WORK_KINDS: readonly WorkKind[] = ['visit', 'supplement', 'decide', 'serve'];

export type Urgency = 'overdue' | 'near' | 'later';
export const URGENCIES: readonly Urgency[] = ['overdue', 'near', 'later'];

export interface WorkItem {
  noticeNo: string;
  name: string;
  nameZh: string | null;
  category: PermitCategory;
  status: CaseStatus;
  work: WorkKind;
  /** The last day of the clock (Beijing date). */
  dueOn: string;
  /** Calendar days from today to `dueOn`; negative once it has passed. */
  daysLeft: number;
  urgency: Urgency;
  /** Back with supplements: the request as the office holds it (the notice's number, what is missing, its last day, the window that asked). */
  supplement?: PendingSupplement;
}

export interface WorklistFilter {
  work?: WorkKind;
  category?: PermitCategory;
  status?: CaseStatus;
  deadline?: Urgency;
}

export interface Worklist {
  today: string;
  nearDays: number;
  /** Under the category and status filters, whatever the work and deadline filters. */
  counts: Record<Urgency, number> & Record<WorkKind, number>;
  /** The items the filters select, most urgent first, at most the limit asked. */
  items: WorkItem[];
  /** How many the filters select. */
  total: number;
}
