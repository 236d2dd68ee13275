import { z } from 'zod';
import type { DecisionsHandlers } from '../../../shared/handlers';
import type { HandlerTable } from '../calls/handler-spec';
import type { PrinterPort } from '../printing/spooler';
import { appendAudit } from '../audit/audit';
import { getSettings } from '../settings/settings';
import { authoriseSupervisor } from '../accounts/sign-in';
import { ApiFailure } from '../failures/failure';
import { keepDecisionPrinter } from '../printing/choose-printer';
import { decisionPdf, issueDecision, issueRefusal, issueSupplementNotice, recordService, voidDecision } from './decisions';
import { lastDayToBring } from '../cases/deadlines';
import { DOCUMENT_TYPES } from '../../../shared/verification';
import { confirmPrint, printDecision, settleSubmittedPrints } from './printing';
import { addNumberBlock, listNumberBlocks } from './numbers';

const id = z.number().int().positive();

/** A signature drawn on screen: bounded, so a flood of points cannot swell the archive or the PDF. */
const coordinate = z.number().finite().min(-1).max(10_000);
const signature = z
  .strictObject({
    width: z.number().finite().min(10).max(10_000),
    height: z.number().finite().min(10).max(10_000),
    strokes: z.array(z.array(z.tuple([coordinate, coordinate])).min(1).max(5_000)).min(1).max(500),
  })
  .refine((s) => s.strokes.reduce((n, st) => n + st.length, 0) >= 2, { message: 'a signature has at least two points', path: ['strokes'] })
  .refine((s) => s.strokes.reduce((n, st) => n + st.length, 0) <= 20_000, { message: 'a signature has at most 20,000 points', path: ['strokes'] });
const text = (max: number) => z.string().trim().min(1).max(max);
const recipient = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('applicant'), name: text(120) }),
  z.strictObject({ kind: z.literal('agent'), name: text(120), agentIdType: text(40), agentIdNo: text(64), powerOfAttorney: text(200) }),
]);

export const decisionsHandlers: HandlerTable<DecisionsHandlers, { printers: PrinterPort }> = {
  'decisions.issue': {
    changesVisit: true,
    access: ['clerk', 'supervisor'],
    input: z.strictObject({ verificationId: z.string().uuid() }),
    run: (ctx, p) => issueDecision(ctx.db, p.verificationId, ctx.session.account!.username, ctx.now()),
  },
  'decisions.issueRefusal': {
    changesVisit: true,
    access: ['clerk', 'supervisor'],
    input: z.strictObject({ verificationId: z.string().uuid() }),
    run: (ctx, p) => issueRefusal(ctx.db, p.verificationId, ctx.session.account!.username, ctx.now()),
  },
  'decisions.issueSupplementNotice': {
    changesVisit: true,
    access: ['clerk', 'supervisor'],
    input: z.strictObject({ verificationId: z.string().uuid() }),
    run: async (ctx, p) => {
      const near = getSettings(ctx.db).deadlineNearDays;
      const d = await issueSupplementNotice(ctx.db, p.verificationId, (c, today) => lastDayToBring(c, today, near), ctx.session.account!.username, ctx.now());
      return d;
    },
  },
  'decisions.recordService': {
    changesVisit: true,
    access: ['clerk', 'supervisor'],
    input: z.strictObject({
      documentIds: z.array(id).min(1).max(10),
      recipient,
      method: z.literal('window'),
      signature: signature.nullable(),
    }),
    run: async (ctx, p) => {
      const account = ctx.session.account!;
      const d = await recordService(ctx.db, { ...p, server: account.displayName || account.username }, account.username, ctx.now());
      return d;
    },
  },
  'decisions.print': {
    changesVisit: true,
    access: ['clerk', 'supervisor'],
    input: z.strictObject({ id }),
    run: async (ctx, p) => {
      // A printer installed since the first start is found here too.
      const printer = await keepDecisionPrinter(ctx.db, ctx.printers, ctx.events, ctx.now());
      // A print left with the spooler (a crash, a closed window) is settled first: it may be this one's.
      await settleSubmittedPrints(ctx.db, ctx.printers, ctx.now(), p.id);
      if (!printer) throw new ApiFailure('no-printer', 'No printer is set up at this window: an administrator sets one in Settings.');
      const d = await printDecision(ctx.db, ctx.printers, p.id, ctx.session.account!.username, ctx.now, {
        printer: printer.name,
        timeoutMs: getSettings(ctx.db).printTimeoutSeconds * 1000,
      });
      return d;
    },
  },
  'decisions.confirmPrint': {
    changesVisit: true,
    access: ['clerk', 'supervisor'],
    input: z.strictObject({ printId: id, printed: z.boolean() }),
    run: (ctx, p) => {
      const d = confirmPrint(ctx.db, p.printId, p.printed, ctx.session.account!.username, ctx.now());
      return d;
    },
  },
  'decisions.void': {
    changesVisit: true,
    access: ['clerk', 'supervisor'],
    input: z.strictObject({
      id,
      reason: z.string().trim().min(10).max(1000),
      supervisor: z.strictObject({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) }),
    }),
    run: async (ctx, p) => {
      const by = await authoriseSupervisor(ctx, p.supervisor);
      const d = voidDecision(ctx.db, p.id, by, p.reason, ctx.now());
      return d;
    },
  },
  'decisions.pdf': {
    access: ['clerk', 'supervisor'],
    input: z.strictObject({ id }),
    run: (ctx, p) => {
      const d = decisionPdf(ctx.db, p.id);
      appendAudit(ctx.db, { at: ctx.now().toISOString(), actor: ctx.session.account!.username, action: 'decision.viewed', target: d.number });
      return { number: d.number, sha256: d.sha256, base64: d.pdf.toString('base64') };
    },
  },
  'decisions.numberBlocks': {
    access: ['admin', 'supervisor'],
    input: z.strictObject({}),
    run: (ctx) => listNumberBlocks(ctx.db),
  },
  'decisions.addNumberBlock': {
    access: ['admin'],
    input: z
      .strictObject({
        type: z.enum(DOCUMENT_TYPES).optional(),
        prefix: z.string().trim().min(1).max(40),
        year: z.number().int().min(2000).max(2100),
        from: z.number().int().min(1).max(99_999_999),
        to: z.number().int().min(1).max(99_999_999),
      })
      .refine((b) => b.to >= b.from && b.to - b.from < 100_000, { message: 'a block runs from a number to a larger one, at most 100,000 numbers', path: ['to'] }),
    run: (ctx, p) => {
      const block = addNumberBlock(ctx.db, p);
      appendAudit(ctx.db, { at: ctx.now().toISOString(), actor: ctx.session.account!.username, action: 'decision-numbers.added', target: `${p.type && p.type !== 'grant' ? `${p.type} ` : ''}${p.prefix} ${p.year} ${p.from}-${p.to}` });
      return block;
    },
  },
};
