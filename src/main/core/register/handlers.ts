import { z } from 'zod';
import type { RegisterHandlers } from '../../../shared/handlers';
import { REGISTER_MAX_DAYS } from '../../../shared/register';
import type { CallContext, HandlerTable } from '../calls/handler-spec';
import type { Upstream } from '../calls/ports';
import type { RegisterPeriodKind } from '../../../shared/register';
import { buildOfficeRegister } from './office';
import { daysBetween, isCalendarDate } from '../dates/calendar';
import { buildRegister, signDay } from './register';
import { registerWorkbook } from './xlsx';
import { registerPdf } from './pdf';
import { getSettings } from '../settings/settings';

const day = z.string().refine(isCalendarDate, 'a date YYYY-MM-DD that exists');
const range = z
  .strictObject({ from: day, to: day, by: z.enum(['day', 'week', 'month']), scope: z.enum(['window', 'office']).optional() })
  .refine((q) => q.from <= q.to, { message: 'from is after to', path: ['to'] })
  .refine((q) => (daysBetween(q.from, q.to) ?? 0) < REGISTER_MAX_DAYS, { message: `at most ${REGISTER_MAX_DAYS} days`, path: ['to'] });

/** The register is the supervisor's: the office's figures by clerk, the end-of-day review. */
type RegisterPorts = { sync: Pick<Upstream, 'officeRegisterDays'> };

/** This window's register, or the office's (every window's signed days, asked of the authority). */
const registerOf = (ctx: CallContext<RegisterPorts>, q: { from: string; to: string; by: RegisterPeriodKind; scope?: 'window' | 'office' }) =>
  q.scope === 'office' ? buildOfficeRegister(ctx.db, ctx.sync, ctx.now(), q) : Promise.resolve(buildRegister(ctx.db, ctx.now(), q));
const fileName = (q: { from: string; to: string; by: string; scope?: string }, ext: string) => `register-${q.scope === 'office' ? 'office-' : ''}${q.from}-${q.to}-${q.by}.${ext}`;

export const registerHandlers: HandlerTable<RegisterHandlers, RegisterPorts> = {
  'register.report': {
    access: ['supervisor'],
    input: range,
    run: (ctx, q) => registerOf(ctx, q),
  },
  'register.xlsx': {
    access: ['supervisor'],
    input: range,
    run: async (ctx, q) => ({
      filename: fileName(q, 'xlsx'),
      base64: (await registerWorkbook(await registerOf(ctx, q))).toString('base64'),
    }),
  },
  'register.pdf': {
    access: ['supervisor'],
    input: range,
    run: async (ctx, q) => ({
      filename: fileName(q, 'pdf'),
      base64: (await registerPdf(await registerOf(ctx, q), getSettings(ctx.db).officeName)).toString('base64'),
    }),
  },
  'register.signDay': {
    access: ['supervisor'],
    input: z.strictObject({ day, note: z.string().trim().max(1000) }),
    run: ({ db, now, session }, { day: d, note }) => signDay(db, now(), d, note, session.account!.username),
  },
};
