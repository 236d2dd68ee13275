import { z } from 'zod';
import type { CasesHandlers } from '../../../shared/handlers';
import { ApiFailure } from '../failures/failure';
import type { CallContext, HandlerTable } from '../calls/handler-spec';
import type { Upstream } from '../calls/ports';
import { getCase, getCaseByPermitNo, getCaseByReference, searchCases } from '../cases/cases';
import { comparePermitWithCase } from '../cases/compare-permit';
import { scanPermit } from '../permit-qr/scan';
import { SCAN_SOURCES, type PermitCheck } from '../../../shared/permit-qr';
import type { PermitCase } from '../../../shared/cases';
import { caseView } from './case-view';

/**
 * What an online lookup can ask for (upstream-api.md), most likely first: a notice, permit or social
 * security number, or a passport with its nationality. Three letters and fifteen digits can be a
 * notice number or a foreigner's social security number: both are tried.
 */
export function upstreamQueries(input: string): (Record<string, string> | { noticeNo: string })[] {
  const q = input.trim().toUpperCase().replace(/[\s-]+(?=\d)/g, '');
  if (/^\d{18}$/.test(q)) return [{ permitNo: q }];
  const out: (Record<string, string> | { noticeNo: string })[] = [];
  if (/^[A-Z]{1,4}\d{10,24}$/.test(q)) out.push({ noticeNo: q });
  if (/^[A-Z]{3}\d{15}$/.test(q)) out.push({ ssn: q });
  const passport = /^([A-Z]{3})[\s:/]+([A-Z0-9<]{5,20})$/.exec(input.trim().toUpperCase());
  if (passport) out.push({ nationality: passport[1], passportNo: passport[2] });
  return out;
}

/**
 * The case a reference QR names: in the cache (as it stands, then in capitals, as notice numbers are
 * usually written), else asked for upstream (permit-qr.md: a reference is looked up in the cache or
 * upstream); none offline.
 */
/** What the cases' calls use beyond the base: the link, to look up a case not in the cache (and whether it is up). */
type CasesPorts = { sync: Pick<Upstream, 'lookup' | 'state'> };

async function referencedCase(ctx: CallContext<CasesPorts>, check: PermitCheck): Promise<PermitCase | null> {
  const ref = check.reference!;
  const cached = getCaseByReference(ctx.db, ref, check.referenceKind ?? 'permit');
  if (cached) return cached;
  // What the lookup finds, it caches.
  const online = await ctx.sync.lookup(check.referenceKind === 'notice' ? { noticeNo: ref } : { permitNo: ref });
  return online[0] ? getCase(ctx.db, online[0].noticeNo) : null;
}

export const casesHandlers: HandlerTable<CasesHandlers, CasesPorts> = {
  'cases.search': {
    access: ['clerk', 'supervisor'],
    input: z.strictObject({ query: z.string().max(200), limit: z.number().int().min(1).max(200).optional() }),
    run: async ({ db, sync }, { query, limit }) => {
      const local = searchCases(db, query, limit);
      if (local.length) return local;
      // Not in the cache: ask the authority's system, when there is one, by whatever the query is.
      if (!sync.state().configured) return local;
      for (const q of upstreamQueries(query)) {
        if ((await sync.lookup(q)).length) return searchCases(db, query, limit);
      }
      return local;
    },
  },
  'cases.get': {
    access: ['clerk', 'supervisor'],
    input: z.strictObject({ noticeNo: z.string().min(1).max(64) }),
    run: ({ db, now }, { noticeNo }) => {
      const c = getCase(db, noticeNo);
      if (!c) throw new ApiFailure('not-found', 'No case has that notice number.');
      return caseView(db, c, now());
    },
  },
  'cases.openFromScan': {
    access: ['clerk', 'supervisor'],
    input: z.strictObject({ text: z.string().max(10_000), source: z.enum(SCAN_SOURCES) }),
    run: async (ctx, { text, source }) => {
      const scan = scanPermit(ctx, text, source);
      const { check } = scan;
      const found = check.permit ? (getCase(ctx.db, check.permit.nn) ?? getCaseByPermitNo(ctx.db, check.permit.pn)) : check.reference ? await referencedCase(ctx, check) : null;
      return {
        scan,
        case: found ? caseView(ctx.db, found, ctx.now()) : null,
        differences: found && check.permit ? comparePermitWithCase(check.permit, found) : [],
      };
    },
  },
};
