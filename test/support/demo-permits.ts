/**
 * Permit QR texts for the demo office, as its first start today creates it: one valid, one forged
 * (a changed name signed by another key under the demo signer's kid), one revoked (a demo case the
 * demo revocation list names) and one expired.
 */
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PermitCase } from '../../src/shared/cases';
import { chinaDate } from '../../src/main/core/dates/calendar';
import { demoCases } from '../../src/main/core/demo/demo-cases';
import { claimsMap, kidOf, qrTextFromCose, signCose, signPermitQr } from '../../src/main/core/permit-qr/sign';

const DEMO_KEY = createPrivateKey(readFileSync(join(import.meta.dirname, '..', '..', 'resources', 'demo', 'permit-signer.key.pem')));

export function permitOf(c: PermitCase) {
  return {
    v: 1, nn: c.noticeNo, pn: c.permitNo, cat: c.category, nm: c.applicant.name, nat: c.applicant.nationality,
    dob: c.applicant.birthDate, sex: c.applicant.sex, ppn: c.applicant.passportNo, emp: c.employer.name,
    uscc: c.employer.uscc, pos: c.position!, loc: c.workPlace!, vf: c.validFrom!, vt: c.validTo!,
    ...(c.applicant.nameZh ? { nmz: c.applicant.nameZh } : {}),
  };
}

export function demoPermitQrs(now = new Date()) {
  const cases = demoCases(chinaDate(now));
  const nowS = Math.floor(now.getTime() / 1000);
  const validCase = cases.find((c) => c.status === 'awaiting_verification' && c.entryDate && c.category === 'B')!;
  const revokedCase = cases.find((c) => c.status === 'revoked')!;
  const claims = (c: PermitCase, exp = nowS + 200 * 86_400) => ({ iss: 'CN-110000', iat: nowS - 3600, exp, wp: permitOf(c) });
  const forger = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  const forgedClaims = claimsMap({ ...claims(validCase), wp: { ...permitOf(validCase), nm: 'IMPOSTOR,EVE' } });
  return {
    validCase,
    revokedCase,
    valid: signPermitQr(claims(validCase), DEMO_KEY),
    forged: qrTextFromCose(signCose(forgedClaims, forger, { kid: kidOf(DEMO_KEY) })),
    revoked: signPermitQr(claims(revokedCase), DEMO_KEY),
    expired: signPermitQr(claims(validCase, nowS - 86_400), DEMO_KEY),
  };
}
