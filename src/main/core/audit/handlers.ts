import { z } from 'zod';
import type { AuditEntryView } from '../../../shared/audit';
import type { AuditHandlers } from '../../../shared/handlers';
import type { HandlerTable } from '../calls/handler-spec';

const BEIJING_DAY = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((d) => {
  // Date.parse rolls 02-30 over to March: a day is real only if it reads back the same.
  const t = Date.parse(`${d}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d;
}, 'not a date');

/** The UTC instant a Beijing day starts (`days` later), as the store writes times. */
const beijingDayStart = (day: string, days = 0) => new Date(Date.parse(`${day}T00:00:00+08:00`) + days * 86_400_000).toISOString();

/** The log as supervisors and admins read it; checking the whole chain is audit-check's. */
export const auditHandlers: HandlerTable<Pick<AuditHandlers, 'audit.list'>> = {
  'audit.list': {
    access: ['supervisor', 'admin'],
    input: z
      .strictObject({
        limit: z.number().int().min(1).max(500).optional(),
        beforeSeq: z.number().int().min(1).optional(),
        // Filters: one person, one action (or a family of them: `decision` takes `decision.issued`…), Beijing days.
        actor: z.string().min(1).max(64).optional(),
        action: z.string().regex(/^[a-z][a-z0-9.-]{0,63}$/).optional(),
        from: BEIJING_DAY.optional(),
        to: BEIJING_DAY.optional(),
      })
      .refine((p) => !p.from || !p.to || p.from <= p.to, { message: 'from is after to' }),
    run: ({ db }, { limit = 100, beforeSeq, actor, action, from, to }) => {
      const where = ['seq < ?'];
      const args: (string | number)[] = [beforeSeq ?? Number.MAX_SAFE_INTEGER];
      const and = (clause: string, ...values: string[]) => {
        where.push(clause);
        args.push(...values);
      };
      if (actor) and('actor = ?', actor);
      if (action) and("(action = ? OR substr(action, 1, length(?) + 1) = ? || '.')", action, action, action);
      // Times are stored as UTC ISO strings, which sort as text: a Beijing day is the UTC span 16:00 to 16:00.
      if (from) and('at >= ?', beijingDayStart(from));
      if (to) and('at < ?', beijingDayStart(to, 1));
      return db
        .prepare(`SELECT seq, at, actor, action, target FROM audit_log WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT ?`)
        .all(...args, limit) as AuditEntryView[];
    },
  },
};
