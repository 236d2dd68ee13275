import { z } from 'zod';
import type { AppHandlers } from '../../../shared/handlers';
import type { HandlerTable } from '../calls/handler-spec';
import { getSettings } from '../settings/settings';
import { DEMO_ACCOUNTS, isDemoStore } from './demo-office';

export const appHandlers: HandlerTable<AppHandlers> = {
  'app.info': {
    access: 'public',
    input: z.strictObject({}),
    run: ({ db, version }) => {
      const demo = isDemoStore(db);
      const { officeName, defaultLanguage, wedgeMaxGapMs } = getSettings(db);
      return {
        version,
        demo,
        officeName,
        defaultLanguage,
        wedgeMaxGapMs,
        demoAccounts: demo ? DEMO_ACCOUNTS.map(({ username, password, role }) => ({ username, password, role })) : [],
      };
    },
  },
};
