import { z } from 'zod';
import type { RegionsHandlers } from '../../../shared/handlers';
import { ApiFailure, parseJsonParam } from '../failures/failure';
import type { HandlerTable } from '../calls/handler-spec';
import { tableSummary } from './regions';
import { importRegionTable, regionTableOf, RegionTableError } from './stored-tables';

export const regionsHandlers: HandlerTable<RegionsHandlers> = {
  'regions.status': {
    access: ['clerk', 'supervisor', 'admin', 'police'],
    input: z.strictObject({}),
    run: ({ db }) => tableSummary(regionTableOf(db)),
  },
  'regions.importTable': {
    access: ['admin'],
    // The shipped table is some 150 KB; a full one with every county stays well under 2 MB.
    input: z.strictObject({ table: z.string().max(2_000_000) }),
    run: ({ db, session, now }, { table }) => {
      const json = parseJsonParam(table, 'table', 'region table');
      try {
        importRegionTable(db, json, session.account!.username, now());
      } catch (err) {
        if (err instanceof RegionTableError) throw new ApiFailure('invalid-request', `The region table cannot be used: ${err.message}`, ['table']);
        throw err;
      }
      return tableSummary(regionTableOf(db));
    },
  },
};
