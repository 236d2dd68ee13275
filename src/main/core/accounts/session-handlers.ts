import { z } from 'zod';
import { SCREENS_BY_ROLE, type SessionState } from '../../../shared/accounts';
import type { SessionHandlers } from '../../../shared/handlers';
import { appendAudit } from '../audit/audit';
import { ApiFailure } from '../api/failure';
import type { CallContext, HandlerTable } from '../api/handler-spec';
import { getSettings } from '../settings/settings';
import { signIn } from './accounts';

export function sessionState({ db, session }: CallContext): SessionState {
  const { idleLockMinutes } = getSettings(db);
  const account = session.account;
  return {
    account,
    locked: session.locked,
    screens: account ? [...SCREENS_BY_ROLE[account.role]] : [],
    idleLockMinutes,
  };
}

const empty = z.strictObject({});
// Bounded so that a huge payload cannot make scrypt work on megabytes.
const password = z.string().min(1).max(256);

export const sessionHandlers: HandlerTable<SessionHandlers> = {
  'session.state': { access: 'public', input: empty, run: sessionState },
  'session.signIn': {
    access: 'public',
    input: z.strictObject({ username: z.string().trim().min(1).max(64), password }),
    run: async (ctx, { username, password }) => {
      const result = await signIn(ctx.db, username, password, ctx.now());
      if (!result.ok) {
        throw new ApiFailure(
          result.reason,
          result.reason === 'account-locked' ? 'The account is locked after repeated wrong passwords.' : 'Wrong username or password.',
        );
      }
      if (ctx.session.account) appendAudit(ctx.db, { at: ctx.now().toISOString(), actor: ctx.session.account.username, action: 'signout' });
      Object.assign(ctx.session, { account: result.account, locked: false, lastActiveAt: ctx.now().getTime() });
      return sessionState(ctx);
    },
  },
  'session.signOut': {
    access: 'public',
    input: empty,
    run: (ctx) => {
      if (ctx.session.account) {
        appendAudit(ctx.db, { at: ctx.now().toISOString(), actor: ctx.session.account.username, action: 'signout' });
      }
      Object.assign(ctx.session, { account: null, locked: false });
      return sessionState(ctx);
    },
  },
  'session.lock': {
    access: 'session',
    input: empty,
    run: (ctx) => {
      if (!ctx.session.locked) {
        ctx.session.locked = true;
        appendAudit(ctx.db, { at: ctx.now().toISOString(), actor: ctx.session.account!.username, action: 'session.locked' });
      }
      return sessionState(ctx);
    },
  },
  'session.unlock': {
    access: 'session',
    input: z.strictObject({ password }),
    run: async (ctx, { password }) => {
      // The same check as signing in, so wrong passwords at the lock screen count towards the lockout.
      const result = await signIn(ctx.db, ctx.session.account!.username, password, ctx.now());
      if (!result.ok) {
        throw new ApiFailure(result.reason, result.reason === 'account-locked' ? 'The account is locked.' : 'Wrong password.');
      }
      Object.assign(ctx.session, { locked: false, lastActiveAt: ctx.now().getTime() });
      appendAudit(ctx.db, { at: ctx.now().toISOString(), actor: ctx.session.account!.username, action: 'session.unlocked' });
      return sessionState(ctx);
    },
  },
  'session.touch': { access: 'session', input: empty, run: sessionState },
};
