import { z } from 'zod';
import type { VerificationHandlers } from '../../../shared/handlers';
import { EVIDENCE, OUTCOMES, QUEUE_NO, type VerificationDraft, type VerificationView } from '../../../shared/verification';
import { ApiFailure } from '../api/failure';
import { authoriseSupervisor } from '../accounts/sign-in';
import type { CallContext, HandlerTable } from '../api/handler-spec';
import { getCase } from '../cases/cases';
import { chinaDate } from '../dates/calendar';
import { listDecisions } from '../decisions/decisions';
import { settleSubmittedPrints } from '../decisions/printing';
import { choosePrinter } from '../printing/choose-printer';
import { numbersLeft } from '../decisions/numbers';
import { CATEGORY_A_DECISIONS, DOCUMENT_TYPES, type DocumentType } from '../../../shared/verification';
import { checklistFor } from './materials';
import { recordPhotoCheck } from './photo-checks';
import { PHOTO_BASE64_MAX } from '../../../shared/verification';
import { assessDraft, emptyDraft, getDraft, listRecords, saveDraft, signOff } from './records';

const text = (max: number) => z.string().max(max);

const draftSchema: z.ZodType<VerificationDraft> = z.strictObject({
  materials: z
    .array(
      z.strictObject({
        code: z.string().min(1).max(64),
        evidence: z.enum(EVIDENCE),
        fields: z.record(z.string().regex(/^[A-Za-z]{1,32}$/), text(200)).refine((f) => Object.keys(f).length <= 12, 'at most 12 fields'),
        note: text(500),
      }),
    )
    .max(40),
  qrText: text(10_000).nullable(),
  cardReadId: z.number().int().nonnegative().nullable(),
  mrz: z.strictObject({ line1: text(44), line2: text(44) }).nullable(),
  photoCheckId: z.number().int().positive().nullable(),
  attendedBy: z.enum(['applicant', 'employer-manager', 'agent']),
  note: text(1000),
  categoryA: z.enum(CATEGORY_A_DECISIONS).nullish(),
  // The core's own mark (a return with supplements); what the UI sends back is not taken (see saveDraft).
  returningFrom: z.string().max(64).nullish(),
  queueNo: z.string().regex(QUEUE_NO).nullish(),
});

const supervisor = { username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) };

function caseOrFail(ctx: CallContext, noticeNo: string) {
  const c = getCase(ctx.db, noticeNo);
  if (!c) throw new ApiFailure('not-found', 'No case has that notice number.');
  return c;
}

export async function verificationView(ctx: CallContext, noticeNo: string): Promise<VerificationView> {
  const c = caseOrFail(ctx, noticeNo);
  await settleSubmittedPrints(ctx.db, ctx.printers, noticeNo, ctx.now());
  const now = ctx.now();
  const today = chinaDate(now);
  const draft = getDraft(ctx.db, noticeNo);
  const a = assessDraft(ctx.db, c, draft ?? emptyDraft(), now, ctx.cardRead, today);
  const left = Object.fromEntries(DOCUMENT_TYPES.map((t) => [t, numbersLeft(ctx.db, Number(today.slice(0, 4)), t)])) as Record<DocumentType, number>;
  return {
    noticeNo,
    checklist: checklistFor(c),
    draft,
    problems: a.problems,
    crossCheck: a.crossCheck,
    identity: a.identity,
    approvalBlockers: a.approvalBlockers,
    records: listRecords(ctx.db, noticeNo),
    decisions: listDecisions(ctx.db, noticeNo),
    numbersLeft: left.grant,
    numbersLeftByType: left,
    printer: await choosePrinter(ctx.db, ctx.printers, now),
    photo: a.photo,
  };
}

const noticeNo = z.string().min(1).max(64);

export const verificationHandlers: HandlerTable<VerificationHandlers> = {
  'verification.get': {
    access: ['clerk', 'supervisor'],
    input: z.strictObject({ noticeNo }),
    run: (ctx, p) => verificationView(ctx, p.noticeNo),
  },
  'verification.saveDraft': {
    access: ['clerk', 'supervisor'],
    input: z.strictObject({ noticeNo, draft: draftSchema }),
    run: (ctx, p) => {
      const c = caseOrFail(ctx, p.noticeNo);
      // Whether this is a return with supplements is the core's to say, kept from the stored draft.
      const returningFrom = getDraft(ctx.db, c.noticeNo)?.returningFrom ?? null;
      saveDraft(ctx.db, c.noticeNo, { ...p.draft, returningFrom }, ctx.session.account!.username, ctx.now());
      return verificationView(ctx, c.noticeNo);
    },
  },
  'verification.checkPhoto': {
    access: ['clerk', 'supervisor'],
    // 120 KB is the upper limit; a file many times larger (up to 3 MB) still gets its file-too-large
    // answer, within one WebSocket frame; the UI says a larger file is too large without sending it.
    input: z.strictObject({ noticeNo, base64: z.string().max(PHOTO_BASE64_MAX).regex(/^[A-Za-z0-9+/]*={0,2}$/) }),
    run: (ctx, p) => {
      const c = caseOrFail(ctx, p.noticeNo);
      return recordPhotoCheck(ctx.db, c.noticeNo, Buffer.from(p.base64, 'base64'), ctx.session.account!.username, ctx.now());
    },
  },
  'verification.signOff': {
    access: ['clerk', 'supervisor'],
    input: z.strictObject({
      noticeNo,
      caseVersion: z.number().int(),
      outcome: z.enum(OUTCOMES),
      draft: draftSchema,
      reasons: z.array(z.string().trim().min(1).max(500)).max(20),
      supplements: z.array(z.string().trim().min(1).max(200)).max(30),
      override: z.strictObject({ ...supervisor, reason: z.string().trim().min(10).max(1000) }).optional(),
      correctionOf: z.string().uuid().optional(),
    }),
    run: async (ctx, p) => {
      const override = p.override ? { by: await authoriseSupervisor(ctx, p.override), reason: p.override.reason } : null;
      const now = ctx.now();
      const record = signOff(
        ctx.db,
        {
          noticeNo: p.noticeNo,
          caseVersion: p.caseVersion,
          outcome: p.outcome,
          draft: p.draft,
          reasons: p.reasons,
          supplements: p.supplements,
          override,
          correctionOf: p.correctionOf ?? null,
        },
        { actor: ctx.session.account!.username, now, today: chinaDate(now), cardRead: ctx.cardRead },
      );
      ctx.sync.kick();
      return record;
    },
  },
};
