import { z } from 'zod';
import { MAY_HELP, ROLES } from '../../../shared/accounts';
import type { AccountsHandlers } from '../../../shared/handlers';
import { ApiFailure } from '../failures/failure';
import type { CallContext, HandlerTable } from '../calls/handler-spec';
import { createAccount, getAccountListing, listAccounts, resetPassword, unlockAccount } from './accounts';

const username = z.string().trim().min(1).max(64);

function accountToHelp(ctx: CallContext, name: string) {
  const target = getAccountListing(ctx.db, name, ctx.now());
  if (!target) throw new ApiFailure('not-found', 'No account has that username.', ['username']);
  const me = ctx.session.account!;
  if (target.username === me.username || !MAY_HELP[me.role].includes(target.role)) {
    throw new ApiFailure('forbidden', `The role ${me.role} may not unlock or reset the account of a ${target.role}${target.username === me.username ? ' (their own: change it instead)' : ''}.`);
  }
  return target;
}

export const accountsHandlers: HandlerTable<AccountsHandlers> = {
  'accounts.list': { access: ['admin', 'supervisor'], input: z.strictObject({}), run: ({ db, now }) => listAccounts(db, now()) },
  'accounts.create': {
    access: ['admin'],
    input: z.strictObject({
      username: z.string().regex(/^[A-Za-z0-9._-]{3,32}$/),
      displayName: z.string().trim().min(1).max(80),
      role: z.enum(ROLES),
      password: z.string().min(8).max(256),
    }),
    run: async ({ db, session, now }, a) => {
      const taken = db.prepare('SELECT 1 FROM accounts WHERE username = ?').get(a.username);
      if (taken) throw new ApiFailure('invalid-request', 'That username is taken.', ['username']);
      return createAccount(db, a, session.account!.username, now());
    },
  },
  'accounts.unlock': {
    access: ['admin', 'supervisor'],
    input: z.strictObject({ username }),
    run: (ctx, p) => {
      const target = accountToHelp(ctx, p.username);
      unlockAccount(ctx.db, target.username, ctx.session.account!.username, ctx.now());
      return getAccountListing(ctx.db, target.username, ctx.now())!;
    },
  },
  'accounts.resetPassword': {
    access: ['admin', 'supervisor'],
    input: z.strictObject({ username, temporaryPassword: z.string().min(8).max(256) }),
    run: async (ctx, p) => {
      const target = accountToHelp(ctx, p.username);
      await resetPassword(ctx.db, target.username, p.temporaryPassword, ctx.session.account!.username, ctx.now());
      return getAccountListing(ctx.db, target.username, ctx.now())!;
    },
  },
};
