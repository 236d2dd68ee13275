import type { PermitScanResult, ScanSource } from '../../../shared/permit-qr';
import type { CallContext } from '../api/handler-spec';
import { appendAudit } from '../audit/audit';
import { getSettings } from '../settings/settings';
import { logScan } from './scan-log';
import { currentTrust } from './trust-store';
import { verifyPermitQr } from './verify';
import { regionName } from '../regions/regions';
import { getCaseByReference } from '../cases/cases';
import { legacyCard } from '../cases/legacy-card';
import { chinaDate } from '../dates/calendar';

/** Verifies a scanned text with the trust data in the store and the trusted clock; logs and audits it. */
export function scanPermit({ db, now, session }: CallContext, text: string, source: ScanSource): PermitScanResult {
  const at = now();
  const settings = getSettings(db);
  const check = verifyPermitQr(text, { trust: currentTrust(db), now: at, staleAfterDays: settings.trustListStaleDays });
  const officer = session.account!;
  logScan(db, { at, officer: officer.username, source, check }, settings.scanLogDays);
  appendAudit(db, { at: at.toISOString(), actor: officer.username, action: 'permit.scanned', target: check.verdict });
  // A reference (an old card's number typed, or its QR) found among this window's cases: say whether it is an old physical card.
  const found = check.verdict === 'REFERENCE' && check.reference ? getCaseByReference(db, check.reference, check.referenceKind ?? 'permit') : null;
  return {
    check,
    place: regionName(check.permit?.loc),
    legacyCard: found ? legacyCard(found, chinaDate(at)) : null,
    scannedAt: at.toISOString(),
    officer: officer.username,
    officerName: officer.displayName,
  };
}
