import { z } from 'zod';
import type { SyncHandlers } from '../../../shared/handlers';
import { ApiFailure } from '../failures/failure';
import { syncStateFor } from './visibility';
import type { HandlerTable } from '../calls/handler-spec';
import type { Upstream } from '../calls/ports';
import type { SecretPort } from '../secrets/secret-port';
import { appendAudit } from '../audit/audit';
import { outboxProblems, resolveProblem } from '../outbox/outbox';
import { setUpstreamToken } from '../upstream-link/token';

export const syncHandlers: HandlerTable<SyncHandlers, { sync: Upstream; secrets: SecretPort | null }> = {
  'sync.state': {
    access: ['clerk', 'supervisor', 'police', 'admin'],
    input: z.strictObject({}),
    run: ({ sync, session }) => syncStateFor(session.account!.role, sync.state()),
  },
  'sync.runNow': {
    access: ['clerk', 'supervisor', 'admin'],
    input: z.strictObject({}),
    run: async ({ sync }) => {
      await sync.runNow();
      return sync.state();
    },
  },
  'sync.problems': {
    access: ['supervisor', 'admin'],
    input: z.strictObject({}),
    run: ({ db }) => outboxProblems(db),
  },
  'sync.resolve': {
    access: ['supervisor'],
    input: z.strictObject({ id: z.number().int().positive(), note: z.string().trim().min(5).max(1000) }),
    run: ({ db, session, now, sync }, { id, note }) => {
      const at = now();
      const done = db.transaction(() => {
        const ok = resolveProblem(db, id, session.account!.username, note, at);
        if (ok) appendAudit(db, { at: at.toISOString(), actor: session.account!.username, action: 'sync.resolved', target: String(id) });
        return ok;
      })();
      if (!done) throw new ApiFailure('not-found', 'No refused record has that id.');
      sync.kick();
      return outboxProblems(db);
    },
  },
  'sync.acceptServerClock': {
    access: ['admin'],
    input: z.strictObject({}),
    // The admin's decision, on the readiness line's word: the PC's clock is wrong, the server's is right.
    run: ({ db, session, now, sync }) => {
      const accepted = sync.acceptServerClock();
      if (accepted === null) throw new ApiFailure('conflict', "No server time waits for a decision: the server's clock agrees with this PC's.");
      appendAudit(db, { at: now().toISOString(), actor: session.account!.username, action: 'clock.accepted', target: `${accepted} ms` });
      return sync.state();
    },
  },
  'sync.setToken': {
    access: ['admin'],
    // The token is written here and never read back by any call.
    input: z.strictObject({ token: z.string().trim().min(8).max(500).regex(/^[\x21-\x7e]+$/, 'printable ASCII, no spaces') }),
    run: ({ db, session, now, sync, secrets }, { token }) => {
      setUpstreamToken(db, token, session.account!.username, now(), secrets);
      sync.kick();
      return sync.state();
    },
  },
};
