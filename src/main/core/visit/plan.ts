import type { CaseStatus } from '../../../shared/cases';
import { STEPS, type ChecklistItem, type DecisionView, type IdentityEvidence, type MaterialProblem, type Step, type StepState, type VerificationRecord, type VisitPlan, type VisitSteps } from '../../../shared/verification';

/** What the plan is made from: the case's status, its records and documents, and the saved draft's findings. */
export interface PlanInput {
  status: CaseStatus;
  records: VerificationRecord[];
  decisions: DecisionView[];
  checklist: ChecklistItem[];
  /** The codes of the materials the saved draft records. */
  recorded: string[];
  problems: MaterialProblem[];
  identity: IdentityEvidence;
  approvalBlockers: string[];
}

const IDENTITY_BLOCKERS = new Set(['identity', 'qr', 'mrz', 'chip']);

/**
 * The visit as the counter works it: which steps are done, blocked or next, which document the newest
 * record calls for, and whether that record can be corrected. Pure: made from what the core read.
 */
export function visitPlan(p: PlanInput): VisitPlan {
  const current = p.records.filter((r) => !r.correctedBy).at(-1) ?? null;
  const live = p.decisions.filter((d) => !d.voided);
  const liveOf = (type: string, recordId?: string) => live.some((d) => d.type === type && (!recordId || d.verificationId === recordId));
  const issuable =
    current && current.outcome === 'approved' && p.status === 'verified' && !liveOf('grant')
      ? { type: 'grant' as const, recordId: current.id }
      : current && current.outcome === 'rejected' && !liveOf('refusal')
        ? { type: 'refusal' as const, recordId: current.id }
        : current && current.outcome === 'supplement' && !liveOf('supplement', current.id)
          ? { type: 'supplement' as const, recordId: current.id }
          : null;
  const open = p.status === 'awaiting_verification';
  const stepsWhen = (working: boolean): VisitSteps => {
    const recorded = new Set(p.recorded);
    const documents = live.filter((d) => d.type !== 'service');
    const identityBlocked = p.approvalBlockers.some((b) => IDENTITY_BLOCKERS.has(b));
    const states: Record<Step, StepState> = {
      materials: !working ? 'done' : p.problems.length ? 'blocked' : p.checklist.filter((i) => i.required).every((i) => recorded.has(i.code)) ? 'done' : 'todo',
      identity: identityBlocked ? 'blocked' : p.identity.qr === 'VALID' || p.identity.card || p.identity.mrz || p.identity.chip?.passiveAuthentication === 'valid' ? 'done' : working ? 'todo' : 'none',
      outcome: working ? 'todo' : current ? 'done' : 'none',
      document: issuable || documents.some((d) => !d.printed) ? 'todo' : documents.length ? 'done' : 'none',
      service: documents.some((d) => (d.type === 'grant' || d.type === 'refusal') && !d.servedOn) ? 'todo' : documents.some((d) => d.servedOn) ? 'done' : 'none',
    };
    return { states, current: STEPS.find((x) => states[x] === 'todo' || states[x] === 'blocked') ?? 'document' };
  };
  return {
    open,
    steps: stepsWhen(open),
    correctingSteps: stepsWhen(true),
    issuable,
    correction: current ? { recordId: current.id, blockedBy: live.some((d) => d.verificationId === current.id) ? 'live-decision' : null } : null,
  };
}
