import { z } from 'zod';
import type { PermitQrHandlers } from '../../../shared/handlers';
import { SCAN_SOURCES } from '../../../shared/permit-qr';
import { appendAudit } from '../audit/audit';
import { ApiFailure, parseJsonParam } from '../failures/failure';
import type { HandlerTable } from '../calls/handler-spec';
import { getSettings } from '../settings/settings';
import { purgeScanLog, recentScans } from './scan-log';
import { scanPermit } from './scan';
import { SignedListError } from '../trust/signed-list';
import { TrustListError } from '../trust/trust-list';
import { acceptSignedRevocations, acceptSignedTrustList, trustStatus } from '../trust/trust-store';
import { printVerificationSlip } from './print-slip';
import type { PrinterPort } from '../printing/spooler';
import type { ScannerState } from '../../../shared/permit-qr';
import type { TrustRoot } from '../trust/signed-list';

/** A refused list, in words for the admin: which list, and why (the list in force stays). */
function refusal(err: unknown, field: 'trustList' | 'revocations'): never {
  const what = field === 'trustList' ? 'trust list' : 'revocation list';
  if (err instanceof SignedListError) throw new ApiFailure('list-refused', `The ${what} was refused: ${err.message}`, [field], { list: field, reason: err.reason });
  if (err instanceof TrustListError) throw new ApiFailure('list-refused', `The ${what} cannot be used: ${err.message}`, [field], { list: field, reason: 'unusable' });
  throw err;
}

export const permitQrHandlers: HandlerTable<PermitQrHandlers, { printers: PrinterPort; scanner: () => ScannerState; trustRoots: readonly TrustRoot[] }> = {
  'permitQr.scannerState': {
    access: ['police', 'clerk', 'supervisor', 'admin'],
    input: z.strictObject({}),
    run: ({ scanner }) => scanner(),
  },
  'permitQr.verify': {
    access: ['police', 'clerk', 'supervisor'],
    // Longer than any QR can hold, so an over-long text still gets its MALFORMED verdict.
    input: z.strictObject({ text: z.string().max(10_000), source: z.enum(SCAN_SOURCES) }),
    run: (ctx, { text, source }) => {
      const result = scanPermit(ctx, text, source);
      ctx.session.lastScan = result;
      return result;
    },
  },
  'permitQr.printSlip': {
    access: ['police', 'clerk', 'supervisor'],
    input: z.strictObject({}),
    // The slip of this session's last scan, through the printer port as the window's documents go.
    run: (ctx) => printVerificationSlip(ctx),
  },
  'permitQr.log': {
    access: ['police', 'supervisor'],
    input: z.strictObject({ limit: z.number().int().min(1).max(500).optional() }),
    run: ({ db, now, session }, { limit = 50 }) => {
      purgeScanLog(db, now(), getSettings(db).scanLogDays);
      // A police officer sees their own scans; a supervisor the window's.
      const account = session.account!;
      return recentScans(db, limit, account.role === 'police' ? account.username : undefined);
    },
  },
  'permitQr.trustStatus': {
    access: ['police', 'clerk', 'supervisor', 'admin'],
    input: z.strictObject({}),
    run: ({ db, now, trustRoots }) => trustStatus(db, now(), getSettings(db).trustListStaleDays, trustRoots),
  },
  'permitQr.importTrustList': {
    access: ['admin'],
    input: z.strictObject({ trustList: z.string().max(20_000_000), revocations: z.string().max(200_000_000).optional() }),
    // Both lists come signed by a root pinned in this installation (permit-qr.md §3a), and neither
    // may be older than the one in force; one refused list leaves both lists in force as they were.
    run: ({ db, now, session, trustRoots }, p) => {
      const document = parseJsonParam(p.trustList, 'trustList');
      const revocations = p.revocations === undefined ? null : parseJsonParam(p.revocations, 'revocations');
      const at = now();
      db.transaction(() => {
        let read;
        try {
          read = acceptSignedTrustList(db, document, trustRoots, 'import', at);
        } catch (err) {
          refusal(err, 'trustList');
        }
        try {
          if (revocations !== null) acceptSignedRevocations(db, revocations, trustRoots, 'import', at);
        } catch (err) {
          refusal(err, 'revocations');
        }
        const target = `v${read.list.version}${read.leftOut.length ? `, ${read.leftOut.length} signer(s) left out` : ''}`;
        appendAudit(db, { at: at.toISOString(), actor: session.account!.username, action: 'trust-list.imported', target });
      })();
      return trustStatus(db, at, getSettings(db).trustListStaleDays, trustRoots);
    },
  },
};
