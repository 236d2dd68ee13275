import { z } from 'zod';
import type { PermitQrHandlers } from '../../../shared/handlers';
import { SCAN_SOURCES } from '../../../shared/permit-qr';
import { appendAudit } from '../audit/audit';
import { ApiFailure } from '../api/failure';
import type { HandlerTable } from '../api/handler-spec';
import { getSettings } from '../settings/settings';
import { purgeScanLog, recentScans } from './scan-log';
import { scanPermit } from './scan';
import { revocationListSchema, TrustListError } from './trust-list';
import { storeRevocationList, storeTrustList, trustStatus } from './trust-store';

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiFailure('invalid-request', `The ${what} is not JSON.`, [what]);
  }
}

function parseRevocations(text: string) {
  const parsed = revocationListSchema.safeParse(parseJson(text, 'revocations'));
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new ApiFailure('invalid-request', `The revocations is not valid: ${i.path.join('.')} ${i.message}`, ['revocations']);
  }
  return parsed.data;
}

export const permitQrHandlers: HandlerTable<PermitQrHandlers> = {
  'permitQr.scannerState': {
    access: ['police', 'clerk', 'supervisor', 'admin'],
    input: z.strictObject({}),
    run: ({ scanner }) => scanner(),
  },
  'permitQr.verify': {
    access: ['police', 'clerk', 'supervisor'],
    // Longer than any QR can hold, so an over-long text still gets its MALFORMED verdict.
    input: z.strictObject({ text: z.string().max(10_000), source: z.enum(SCAN_SOURCES) }),
    run: (ctx, { text, source }) => scanPermit(ctx, text, source),
  },
  'permitQr.log': {
    access: ['police', 'supervisor'],
    input: z.strictObject({ limit: z.number().int().min(1).max(500).optional() }),
    run: ({ db, now }, { limit = 50 }) => {
      purgeScanLog(db, now(), getSettings(db).scanLogDays);
      return recentScans(db, limit);
    },
  },
  'permitQr.trustStatus': {
    access: ['police', 'clerk', 'supervisor', 'admin'],
    input: z.strictObject({}),
    run: ({ db, now }) => trustStatus(db, now(), getSettings(db).trustListStaleDays),
  },
  'permitQr.importTrustList': {
    access: ['admin'],
    input: z.strictObject({ trustList: z.string().max(20_000_000), revocations: z.string().max(200_000_000).optional() }),
    run: ({ db, now, session }, p) => {
      const document = parseJson(p.trustList, 'trustList');
      const revocations = p.revocations === undefined ? null : parseRevocations(p.revocations);
      const at = now();
      try {
        db.transaction(() => {
          const { list, leftOut } = storeTrustList(db, document, 'import', at);
          if (revocations) storeRevocationList(db, revocations, 'import', at);
          const target = `v${list.version}${leftOut.length ? `, ${leftOut.length} signer(s) left out` : ''}`;
          appendAudit(db, { at: at.toISOString(), actor: session.account!.username, action: 'trust-list.imported', target });
        })();
      } catch (err) {
        if (err instanceof TrustListError) throw new ApiFailure('invalid-request', `The trustList is not valid: ${err.message}`, ['trustList']);
        throw err;
      }
      return trustStatus(db, at, getSettings(db).trustListStaleDays);
    },
  },
};
