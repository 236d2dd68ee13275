import type { PermitScanResult, ScanSource } from '../../../shared/permit-qr';
import type { CallContext } from '../calls/handler-spec';
import { appendAudit } from '../audit/audit';
import { getSettings } from '../settings/settings';
import { logScan } from './scan-log';
import { currentTrust } from '../trust/trust-store';
import { verifyPermitQr } from './verify';
import { regionName } from '../regions/regions';
import { regionTableOf } from '../regions/stored-tables';
import { getCaseByReference } from '../cases/cases';
import { legacyCard } from '../cases/legacy-card';
import { chinaDate } from '../dates/calendar';
import { ApiFailure } from '../failures/failure';
import type { DecodeStage } from '../../../shared/permit-qr';

/** Stages at which a text cut short fails: what arrived is not the whole of a code. */
const INCOMPLETE_STAGES: ReadonlySet<DecodeStage> = new Set(['prefix', 'base45', 'zlib']);

/** Verifies a scanned text with the trust data in the store and the trusted clock; logs and audits it. */
export function scanPermit({ db, now, session }: CallContext, text: string, source: ScanSource): PermitScanResult {
  const at = now();
  const settings = getSettings(db);
  const check = verifyPermitQr(text, { trust: currentTrust(db), now: at, staleAfterDays: settings.trustListStaleDays });
  // A keyboard wedge's burst that is no whole code is a read cut short (a busy PC splits a scan): it
  // gets no verdict and no log line, and the screen asks for the scan again.
  if (source === 'wedge' && (check.verdict === 'NOT_A_PERMIT' || (check.verdict === 'MALFORMED' && INCOMPLETE_STAGES.has(check.stage!)))) {
    throw new ApiFailure('incomplete-read', 'The scanner sent part of a code: scan it again.');
  }
  const officer = session.account!;
  logScan(db, { at, officer: officer.username, source, check }, settings.scanLogDays);
  appendAudit(db, { at: at.toISOString(), actor: officer.username, action: 'permit.scanned', target: check.verdict });
  // A reference (an old card's number typed, or its QR) found among this window's cases: say whether it is an old physical card.
  const found = check.verdict === 'REFERENCE' && check.reference ? getCaseByReference(db, check.reference, check.referenceKind ?? 'permit') : null;
  return {
    check,
    place: regionName(check.permit?.loc, regionTableOf(db)),
    legacyCard: found ? legacyCard(found, chinaDate(at)) : null,
    scannedAt: at.toISOString(),
    officer: officer.username,
    officerName: officer.displayName,
  };
}
