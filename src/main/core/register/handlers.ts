import { z } from 'zod';
import type { RegisterHandlers } from '../../../shared/handlers';
import { REGISTER_MAX_DAYS } from '../../../shared/register';
import type { HandlerTable } from '../calls/handler-spec';
import { daysBetween, isCalendarDate } from '../dates/calendar';
import { buildRegister, signDay } from './register';
import { registerWorkbook } from './xlsx';
import { registerPdf } from './pdf';
import { getSettings } from '../settings/settings';

const day = z.string().refine(isCalendarDate, 'a date YYYY-MM-DD that exists');
const range = z
  .strictObject({ from: day, to: day, by: z.enum(['day', 'week', 'month']) })
  .refine((q) => q.from <= q.to, { message: 'from is after to', path: ['to'] })
  .refine((q) => (daysBetween(q.from, q.to) ?? 0) < REGISTER_MAX_DAYS, { message: `at most ${REGISTER_MAX_DAYS} days`, path: ['to'] });

/** The register is the supervisor's: the office's figures by clerk, the end-of-day review. */
export const registerHandlers: HandlerTable<RegisterHandlers> = {
  'register.report': {
    access: ['supervisor'],
    input: range,
    run: ({ db, now }, q) => buildRegister(db, now(), q),
  },
  'register.xlsx': {
    access: ['supervisor'],
    input: range,
    run: async ({ db, now }, q) => ({
      filename: `register-${q.from}-${q.to}-${q.by}.xlsx`,
      base64: (await registerWorkbook(buildRegister(db, now(), q))).toString('base64'),
    }),
  },
  'register.pdf': {
    access: ['supervisor'],
    input: range,
    run: async ({ db, now }, q) => ({
      filename: `register-${q.from}-${q.to}-${q.by}.pdf`,
      base64: (await registerPdf(buildRegister(db, now(), q), getSettings(db).officeName)).toString('base64'),
    }),
  },
  'register.signDay': {
    access: ['supervisor'],
    input: z.strictObject({ day, note: z.string().trim().max(1000) }),
    run: ({ db, now, session }, { day: d, note }) => signDay(db, now(), d, note, session.account!.username),
  },
};
