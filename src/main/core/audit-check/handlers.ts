import { z } from 'zod';
import type { AuditHandlers } from '../../../shared/handlers';
import type { HandlerTable } from '../calls/handler-spec';
import type { Upstream } from '../calls/ports';
import type { AuditHeadPort } from '../audit/sealed-head';
import { checkAuditChain } from './chain-check';

export const auditCheckHandlers: HandlerTable<Pick<AuditHandlers, 'audit.verify'>, { auditHead: AuditHeadPort | null; sync: Pick<Upstream, 'latestAuditHead'> }> = {
  'audit.verify': {
    access: ['supervisor', 'admin'],
    input: z.strictObject({}),
    // Against the sealed head file and, when linked, the head the authority acknowledged.
    run: ({ db, auditHead, sync }) => checkAuditChain(db, { head: auditHead, upstreamHead: () => sync.latestAuditHead() }),
  },
};
