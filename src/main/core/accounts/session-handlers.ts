import { z } from 'zod';
import { SCREENS_BY_ROLE, type SessionState } from '../../../shared/accounts';
import type { SessionHandlers } from '../../../shared/handlers';
import { appendAudit } from '../audit/audit';
import type { CallContext, HandlerTable } from '../calls/handler-spec';
import { getSettings } from '../settings/settings';
import { ApiFailure } from '../failures/failure';
import { changePassword } from './accounts';
import { checkSignIn } from './sign-in';

/** What the session's calls use beyond the base: a way to end the clerk's visit on the applicant's display. */
type SessionPorts = { endVisit: (clerk: string) => void };

export function sessionState({ db, session }: CallContext): SessionState {
  const { idleLockMinutes } = getSettings(db);
  const account = session.account;
  return {
    account,
    locked: session.locked,
    mustChangePassword: !!account && !!session.mustChangePassword,
    screens: account ? [...SCREENS_BY_ROLE[account.role]] : [],
    idleLockMinutes,
  };
}

/** Ends the session's sign-in, audited; nothing to do when no one is signed in. */
function signOut(ctx: CallContext<SessionPorts>): void {
  const account = ctx.session.account;
  if (account) appendAudit(ctx.db, { at: ctx.now().toISOString(), actor: account.username, action: 'signout' });
  // The clerk's visit ends with the clerk: the applicant's screen is cleared.
  if (account) ctx.endVisit(account.username);
  Object.assign(ctx.session, { account: null, locked: false, mustChangePassword: false, lastScan: undefined });
}

const empty = z.strictObject({});
// Bounded so that a huge payload cannot make scrypt work on megabytes.
const password = z.string().min(1).max(256);

export const sessionHandlers: HandlerTable<SessionHandlers, SessionPorts> = {
  'session.state': { access: 'public', input: empty, run: sessionState },
  'session.signIn': {
    access: 'public',
    input: z.strictObject({ username: z.string().trim().min(1).max(64), password }),
    run: async (ctx, { username, password }) => {
      const { account, mustChangePassword } = await checkSignIn(ctx, username, password);
      signOut(ctx);
      Object.assign(ctx.session, { account, mustChangePassword, lastActiveAt: ctx.now().getTime() });
      return sessionState(ctx);
    },
  },
  'session.signOut': {
    access: 'public',
    input: empty,
    run: (ctx) => {
      signOut(ctx);
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
      await checkSignIn(ctx, ctx.session.account!.username, password);
      Object.assign(ctx.session, { locked: false, lastActiveAt: ctx.now().getTime() });
      appendAudit(ctx.db, { at: ctx.now().toISOString(), actor: ctx.session.account!.username, action: 'session.unlocked' });
      return sessionState(ctx);
    },
  },
  'session.touch': { access: 'session', input: empty, run: sessionState },
  'session.changePassword': {
    access: 'session',
    input: z.strictObject({ currentPassword: password, newPassword: z.string().min(8).max(256) }),
    run: async (ctx, { currentPassword, newPassword }) => {
      const username = ctx.session.account!.username;
      if (ctx.session.locked) throw new ApiFailure('session-locked', 'The screen is locked: unlock it first.');
      // The one in use is checked as a sign-in is: wrong ones count towards the lockout.
      await checkSignIn(ctx, username, currentPassword);
      if (newPassword === currentPassword) throw new ApiFailure('invalid-request', 'The new password is the one in use.', ['newPassword']);
      await changePassword(ctx.db, username, newPassword, ctx.now());
      ctx.session.mustChangePassword = false;
      return sessionState(ctx);
    },
  },
};
