import type { PermitCase } from '../../../shared/cases';
import type { Settings } from '../../../shared/settings';
import type { ServiceRecipient, SignatureStrokes } from '../../../shared/verification';
import { regionText, type RegionTable } from '../regions/regions';
import type { Letterhead } from '../pdf/document-pdf';
import type { GrantContent } from './grant-pdf';
import { REFUSAL_BASIS, type RefusalContent } from './refusal-pdf';
import type { ServiceContent } from './service-pdf';
import type { SupplementContent } from './supplement-pdf';

/**
 * What each document says, from the case and the office's settings: one place for the app's issuing
 * and the command line's rendering, so both print the same document from the same facts.
 */
const applicantOf = (c: PermitCase) => ({ name: c.applicant.name, nameZh: c.applicant.nameZh, nationality: c.applicant.nationality, passportNo: c.applicant.passportNo });
const employerOf = (c: PermitCase) => ({ name: c.employer.name, uscc: c.employer.uscc });
export const letterheadOf = (s: Settings): Letterhead => ({ authorityName: s.authorityName, authorityNameEn: s.authorityNameEn, officeAddress: s.officeAddress, officePhone: s.officePhone });

export interface Issued {
  number: string;
  /** Beijing date, YYYY-MM-DD. */
  issuedOn: string;
}

export function grantContent(c: PermitCase, s: Settings, at: Issued, qrText: string | null, regions: RegionTable): GrantContent {
  return {
    ...at,
    ...letterheadOf(s),
    applicant: applicantOf(c),
    employer: employerOf(c),
    permitNo: c.permitNo,
    category: c.category,
    position: c.position ?? '',
    // The work place by name, the GB/T 2260 code kept beside it.
    workPlace: regionText(c.workPlace, regions),
    validFrom: c.validFrom ?? '',
    validTo: c.validTo ?? '',
    qrText,
    copyNo: 0,
  };
}

export function refusalContent(c: PermitCase, s: Settings, at: Issued, reasons: string[]): RefusalContent {
  return {
    type: 'refusal',
    ...at,
    ...letterheadOf(s),
    applicant: applicantOf(c),
    employer: employerOf(c),
    noticeNo: c.noticeNo,
    permitNo: c.permitNo,
    category: c.category,
    reasons,
    basis: REFUSAL_BASIS,
    reconsideration: { zh: s.reconsiderationBody, en: s.reconsiderationBodyEn || s.reconsiderationBody },
    litigation: { zh: s.litigationCourt, en: s.litigationCourtEn || s.litigationCourt },
    copyNo: 0,
  };
}

export function supplementContent(c: PermitCase, s: Settings, at: Issued, items: string[], bringBy: string | null): SupplementContent {
  return {
    type: 'supplement',
    ...at,
    ...letterheadOf(s),
    applicant: applicantOf(c),
    employer: employerOf(c),
    noticeNo: c.noticeNo,
    category: c.category,
    items,
    bringBy,
    window: { zh: s.windowHours, en: s.windowHoursEn || s.windowHours },
    copyNo: 0,
  };
}

export function serviceContent(
  c: PermitCase,
  s: Settings,
  at: Issued,
  service: { served: ServiceContent['served']; recipient: ServiceRecipient; server: string; signature: SignatureStrokes | null },
): ServiceContent {
  return {
    type: 'service',
    ...at,
    ...letterheadOf(s),
    applicant: applicantOf(c),
    noticeNo: c.noticeNo,
    served: service.served,
    recipient: service.recipient,
    method: 'window',
    server: service.server,
    signature: service.signature,
    copyNo: 0,
  };
}
