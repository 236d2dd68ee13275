import { z } from 'zod';
import { LOW_GRADE_REASONS, needsReason, type DisplayStatus, type Grade } from '../../../shared/applicant';
import type { ApplicantHandlers } from '../../../shared/handlers';
import { QUEUE_NO } from '../../../shared/verification';
import { ApiFailure } from '../failures/failure';
import type { CallBase, CallContext, HandlerTable } from '../calls/handler-spec';
import type { Displays } from './displays';
import { appendAudit } from '../audit/audit';
import { getCase } from '../cases/cases';
import { recordEvaluation } from '../evaluations/evaluations';
import { getSettings, workstationOf } from '../settings/settings';
import { applicantView } from './view';

/** What the applicant's calls use: the displays, and where a tablet opens them. */
type ApplicantPorts = { displays: Displays; displayUrls: () => string[] };

const empty = z.strictObject({});

const status = ({ displays, session }: CallContext<ApplicantPorts>): DisplayStatus => {
  const clerk = session.account!.username;
  const v = displays.visit(clerk);
  return { paired: displays.pairedCount(clerk), noticeNo: v?.noticeNo ?? null, evaluation: v?.evaluation ?? 'not-asked', grade: v?.grade ?? null };
};

const changed = ({ events }: Pick<CallBase, 'events'>, clerk: string) => events.emit({ type: 'applicant.changed.of', clerk });

/** Opens the clerk's visit of this case on the display, or ends it (null); the display hears of a change. */
export function showOnDisplay(ctx: Pick<CallBase, 'events'> & { displays: Displays }, clerk: string, noticeNo: string | null, queueNo: string | null): void {
  const before = ctx.displays.visit(clerk);
  const after = ctx.displays.show(clerk, noticeNo, queueNo);
  if (before?.id !== after?.id || before?.queueNo !== after?.queueNo) changed(ctx, clerk);
}

/** A reason is a tick from the list (by its code) or the applicant's own words. */
const reason = z.string().trim().min(1).max(500);

export const applicantHandlers: HandlerTable<ApplicantHandlers, ApplicantPorts> = {
  'applicant.pair': {
    access: ['clerk', 'supervisor'],
    input: empty,
    run: ({ displays, session, displayUrls }) => ({ ...displays.pair(session.account!.username), tabletUrls: displayUrls() }),
  },
  'applicant.join': {
    // The display has no account: the code from the clerk's screen is its only key, good once.
    access: 'public',
    input: z.strictObject({ code: z.string().regex(/^\d{6}$/, 'six digits') }),
    run: async (ctx, { code }) => {
      const { displays, session, db, now } = ctx;
      if (session.account) throw new ApiFailure('conflict', 'a signed-in window is not a display: sign out first');
      const answer = displays.join(code, session.pairing);
      if (answer.refused) {
        const minutes = Math.max(1, Math.ceil(answer.retryAfterMs / 60_000));
        throw new ApiFailure('too-many-attempts', 'too many wrong codes from this screen: wait, then ask the clerk for a new code', ['code'], { minutes });
      }
      const clerk = answer.clerk;
      if (!clerk) {
        // Answered late: a guesser waits for each wrong code, a person who mistyped hardly notices.
        if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
        throw new ApiFailure('not-found', 'no such code, or it was used or has expired: ask the clerk for a new one', ['code']);
      }
      if (session.display) displays.unpaired(session.display.clerk);
      session.display = { clerk };
      appendAudit(db, { at: now().toISOString(), actor: clerk, action: 'applicant.paired' });
      changed(ctx, clerk);
      return applicantView(db, displays.visit(clerk));
    },
  },
  'applicant.view': {
    access: 'display',
    input: empty,
    run: ({ db, displays, session }) => applicantView(db, displays.visit(session.display!.clerk)),
  },
  'applicant.show': {
    access: ['clerk', 'supervisor'],
    input: z.strictObject({ noticeNo: z.string().trim().min(1).max(64).nullable(), queueNo: z.string().trim().toUpperCase().regex(QUEUE_NO).nullable().optional() }),
    run: (ctx, { noticeNo, queueNo }) => {
      if (noticeNo !== null && !getCase(ctx.db, noticeNo)) throw new ApiFailure('not-found', `no case ${noticeNo}`, ['noticeNo']);
      showOnDisplay(ctx, ctx.session.account!.username, noticeNo, queueNo ?? null);
      return status(ctx);
    },
  },
  'applicant.askEvaluation': {
    access: ['clerk', 'supervisor'],
    input: empty,
    run: (ctx) => {
      const clerk = ctx.session.account!.username;
      if (!ctx.displays.visit(clerk)) throw new ApiFailure('conflict', 'no visit is open on the display');
      ctx.displays.ask(clerk);
      changed(ctx, clerk);
      return status(ctx);
    },
  },
  'applicant.evaluate': {
    access: 'display',
    input: z
      .strictObject({ visitId: z.uuid(), grade: z.number().int().min(1).max(5), reasons: z.array(reason).max(LOW_GRADE_REASONS.length + 1) })
      .refine((e) => !needsReason(e.grade) || e.reasons.length > 0, { message: 'a reason is required for the two lowest grades', path: ['reasons'] }),
    run: (ctx, { visitId, grade, reasons }) => {
      const { db, displays, session, now } = ctx;
      const clerk = session.display!.clerk;
      const visit = displays.visit(clerk);
      // Only the visit on the display now, and once: a late tap after the next applicant sat down is refused.
      if (!visit || visit.id !== visitId) throw new ApiFailure('conflict', 'this visit has ended');
      if (visit.evaluation === 'done') throw new ApiFailure('conflict', 'this visit was evaluated already');
      const s = getSettings(db);
      const { followUp } = recordEvaluation(db, { id: visit.id, noticeNo: visit.noticeNo, grade: grade as Grade, reasons, at: now().toISOString(), clerk, workstation: workstationOf(s), queueNo: visit.queueNo }, s.followUpWorkingDays);
      // A dissatisfied evaluation reaches the office's supervisors at once, wherever they are in the app.
      if (followUp) ctx.events.emit({ type: 'follow-up.opened', evaluationId: visit.id, noticeNo: visit.noticeNo, grade: grade as 1 | 2, clerk, dueDay: followUp.dueDay });
      displays.evaluated(clerk, grade as Grade);
      changed(ctx, clerk);
      return applicantView(db, displays.visit(clerk));
    },
  },
  'applicant.status': {
    access: ['clerk', 'supervisor'],
    input: empty,
    run: status,
  },
};
