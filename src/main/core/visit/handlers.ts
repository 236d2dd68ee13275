import { z } from 'zod';
import type { VerificationHandlers } from '../../../shared/handlers';
import { EVIDENCE, OUTCOMES, QUEUE_NO, type VerificationDraft, type VerificationView } from '../../../shared/verification';
import { ApiFailure } from '../failures/failure';
import { authoriseSupervisor } from '../accounts/sign-in';
import type { CallContext, HandlerTable } from '../calls/handler-spec';
import type { PrinterPort } from '../printing/spooler';
import type { SscCardData } from '../../../shared/ssc-card';
import { getCase } from '../cases/cases';
import { chinaDate } from '../dates/calendar';
import { hasLiveDecision, listDecisions } from '../documents/decisions';
import { decisionPrinter } from '../printing/choose-printer';
import { numbersLeft } from '../documents/numbers';
import { CATEGORY_A_DECISIONS, DOCUMENT_TYPES, type DocumentType } from '../../../shared/verification';
import { checklistFor } from '../verification/materials';
import { visitPlan } from './plan';
import { recordPhotoCheck } from '../verification/photo-checks';
import { PHOTO_BASE64_MAX } from '../../../shared/verification';
import { assessDraft, listRecords, signOff } from '../verification/records';
import { draftCard, draftChip, emptyDraft, getDraft, saveDraft } from '../verification/drafts';
import type { ChipDesk } from '../passport/chip-desk';
import type { Upstream } from '../calls/ports';
import { caseElsewhere, draftFromOffice, takeFromOffice } from './elsewhere';
import { draftImages } from '../evidence/images';
import { getSettings } from '../settings/settings';
import { captureModeOf } from '../verification/capture-modes';

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
  chipReadId: z.number().int().nonnegative().nullish(),
  chipAbsent: z.boolean().optional(),
  photoCheckId: z.number().int().positive().nullable(),
  attendedBy: z.enum(['applicant', 'employer-manager', 'agent']),
  note: text(1000),
  categoryA: z.enum(CATEGORY_A_DECISIONS).nullish(),
  // The core's own mark (a return with supplements); what the UI sends back is not taken (see saveDraft).
  returningFrom: z.string().max(64).nullish(),
  queueNo: z.string().regex(QUEUE_NO).nullish(),
});

const supervisor = { username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) };

/** What the verification's calls use: the card reads announced, and the spooler (where a decision prints). */
export type VerificationPorts = { cardRead: (readId: number) => SscCardData | null; chipDesk: Pick<ChipDesk, 'read'>; printers: PrinterPort; sync: Pick<Upstream, 'caseAtOffice' | 'officeDocument'> };

/** A card read by its id: as the core announced it, else as the case's draft keeps it (after a restart, or later reads). */
const cardOf = (ctx: CallContext<VerificationPorts>, noticeNo: string) => (readId: number) => ctx.cardRead(readId) ?? draftCard(ctx.db, noticeNo, readId);

/**
 * A passport chip read by its id: as the core announced it for this case, else as the case's draft keeps
 * it. A read announced for another case (or for the police screen) is not this case's evidence.
 */
const chipOf = (ctx: CallContext<VerificationPorts>, noticeNo: string) => (readId: number) => {
  const live = ctx.chipDesk.read(readId);
  return (live && live.noticeNo === noticeNo ? live : null) ?? draftChip(ctx.db, noticeNo, readId);
};

function caseOrFail(ctx: CallContext, noticeNo: string) {
  const c = getCase(ctx.db, noticeNo);
  if (!c) throw new ApiFailure('not-found', 'No case has that notice number.');
  return c;
}

export async function verificationView(ctx: CallContext<VerificationPorts>, noticeNo: string): Promise<VerificationView> {
  const c = caseOrFail(ctx, noticeNo);
  const now = ctx.now();
  const today = chinaDate(now);
  const draft = getDraft(ctx.db, noticeNo);
  const a = assessDraft(ctx.db, c, draft ?? emptyDraft(), now, cardOf(ctx, noticeNo), today, chipOf(ctx, noticeNo));
  const chip = draft?.chipReadId != null ? chipOf(ctx, noticeNo)(draft.chipReadId) : null;
  const left = Object.fromEntries(DOCUMENT_TYPES.map((t) => [t, numbersLeft(ctx.db, Number(today.slice(0, 4)), t)])) as Record<DocumentType, number>;
  const checklist = checklistFor(c);
  const settings = getSettings(ctx.db);
  const records = listRecords(ctx.db, noticeNo);
  const decisions = listDecisions(ctx.db, noticeNo);
  const recorded = (draft?.materials ?? []).map((m) => m.code);
  return {
    noticeNo,
    plan: visitPlan({ status: c.status, records, decisions, checklist, recorded, problems: a.problems, identity: a.identity, approvalBlockers: a.approvalBlockers }),
    checklist,
    draft,
    problems: a.problems,
    crossCheck: a.crossCheck,
    identity: a.identity,
    approvalBlockers: a.approvalBlockers,
    records,
    decisions,
    numbersLeft: left.grant,
    numbersLeftByType: left,
    printer: await decisionPrinter(ctx.db, ctx.printers),
    photo: a.photo,
    chip,
    images: draftImages(ctx.db, noticeNo),
    captureModes: Object.fromEntries(checklist.map((i) => [i.code, captureModeOf(settings, i.code)])),
    documentCamera: { kind: settings.documentCamera, name: settings.documentCameraName },
  };
}

const noticeNo = z.string().min(1).max(64);

export const verificationHandlers: HandlerTable<VerificationHandlers, VerificationPorts> = {
  'verification.get': {
    access: ['clerk', 'supervisor'],
    input: z.strictObject({ noticeNo }),
    run: (ctx, p) => verificationView(ctx, p.noticeNo),
  },
  'verification.elsewhere': {
    access: ['clerk', 'supervisor'],
    input: z.strictObject({ noticeNo }),
    run: (ctx, p) => caseElsewhere(ctx.db, ctx.sync, caseOrFail(ctx, p.noticeNo).noticeNo, ctx.now()),
  },
  'verification.fromOffice': {
    changesVisit: true,
    access: ['clerk', 'supervisor'],
    input: z.strictObject({ noticeNo }),
    run: async (ctx, p) => {
      const c = caseOrFail(ctx, p.noticeNo);
      const draft = getDraft(ctx.db, c.noticeNo);
      // What the clerk already recorded here is never overwritten.
      if (draft?.materials.length) throw new ApiFailure('conflict', 'This visit already has materials recorded here: they are kept.');
      const earlier = await draftFromOffice(ctx.sync, c.noticeNo);
      if (!earlier) throw new ApiFailure('not-found', "The authority holds no request for supplements on this case, or cannot be asked now.");
      saveDraft(ctx.db, c.noticeNo, { ...(draft ?? emptyDraft()), materials: earlier.materials, returningFrom: earlier.recordId }, ctx.session.account!.username, ctx.now());
      return verificationView(ctx, c.noticeNo);
    },
  },
  'verification.takeFromOffice': {
    changesVisit: true,
    access: ['clerk', 'supervisor'],
    input: z.strictObject({ noticeNo }),
    run: async (ctx, p) => {
      const c = caseOrFail(ctx, p.noticeNo);
      await takeFromOffice(ctx.db, ctx.sync, c, ctx.session.account!.username, ctx.now());
      return verificationView(ctx, c.noticeNo);
    },
  },
  'verification.saveDraft': {
    changesVisit: true,
    access: ['clerk', 'supervisor'],
    input: z.strictObject({ noticeNo, draft: draftSchema }),
    run: (ctx, p) => {
      const c = caseOrFail(ctx, p.noticeNo);
      // Whether this is a return with supplements is the core's to say, kept from the stored draft.
      const returningFrom = getDraft(ctx.db, c.noticeNo)?.returningFrom ?? null;
      const card = p.draft.cardReadId === null ? null : cardOf(ctx, c.noticeNo)(p.draft.cardReadId);
      const chip = p.draft.chipReadId == null ? null : chipOf(ctx, c.noticeNo)(p.draft.chipReadId);
      saveDraft(ctx.db, c.noticeNo, { ...p.draft, returningFrom }, ctx.session.account!.username, ctx.now(), card, chip);
      return verificationView(ctx, c.noticeNo);
    },
  },
  'verification.checkPhoto': {
    changesVisit: true,
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
    changesVisit: true,
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
      // Online, a record the authority would refuse (another window verified or decided the case last; a
      // correction too, which it takes only from the window of the last record) is not signed off here:
      // the clerk is told who and when instead of finding out after the work is done.
      const elsewhere = await caseElsewhere(ctx.db, ctx.sync, p.noticeNo, ctx.now());
      if (elsewhere.refused && elsewhere.other) {
        const o = elsewhere.other;
        throw new ApiFailure('verified-elsewhere', `Window ${o.workstation} (${o.clerk}) signed off this case at ${o.at} (${o.outcome}); the authority holds it as ${elsewhere.status}: a record from this window would be refused.`, undefined, { workstation: o.workstation, clerk: o.clerk, at: o.at, outcome: o.outcome });
      }
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
        { actor: ctx.session.account!.username, now, today: chinaDate(now), cardRead: cardOf(ctx, p.noticeNo), chipRead: chipOf(ctx, p.noticeNo), liveDecisionOn: (id) => hasLiveDecision(ctx.db, id) },
      );
      return record;
    },
  },
};
