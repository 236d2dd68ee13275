import { z } from 'zod';
import { ROLES } from '../../../shared/accounts';
import type { AccountsHandlers } from '../../../shared/handlers';
import { ApiFailure } from '../api/failure';
import type { HandlerTable } from '../api/handler-spec';
import { createAccount, listAccounts } from './accounts';

export const accountsHandlers: HandlerTable<AccountsHandlers> = {
  'accounts.list': { access: ['admin'], input: z.strictObject({}), run: ({ db }) => listAccounts(db) },
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
};
