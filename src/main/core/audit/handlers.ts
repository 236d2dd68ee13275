import { z } from 'zod';
import type { AuditEntryView } from '../../../shared/audit';
import type { AuditHandlers } from '../../../shared/handlers';
import type { HandlerTable } from '../api/handler-spec';
import { checkAuditChain } from './chain-check';

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
    // Against the sealed head file and, when linked, the head the authority acknowledged.
    run: ({ db, auditHead, sync }) => checkAuditChain(db, { head: auditHead, upstreamHead: () => sync.latestAuditHead() }),
  },
};
