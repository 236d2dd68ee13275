import { z } from 'zod';
import type { AuditEntryView } from '../../../shared/audit';
import type { AuditHandlers } from '../../../shared/handlers';
import type { HandlerTable } from '../api/handler-spec';
import { verifyAudit } from './audit';

export const auditHandlers: HandlerTable<AuditHandlers> = {
  'audit.list': {
    access: ['supervisor', 'admin'],
    input: z.strictObject({
      limit: z.number().int().min(1).max(500).optional(),
      beforeSeq: z.number().int().min(1).optional(),
    }),
    run: ({ db }, { limit = 100, beforeSeq }) =>
      db
        .prepare(
          'SELECT seq, at, actor, action, target FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT ?',
        )
        .all(beforeSeq ?? Number.MAX_SAFE_INTEGER, limit) as AuditEntryView[],
  },
  'audit.verify': {
    access: ['supervisor', 'admin'],
    input: z.strictObject({}),
    run: ({ db }) => {
      const firstBroken = verifyAudit(db);
      const entries = db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
      return { intact: firstBroken === null, entries, firstBroken };
    },
  },
};
