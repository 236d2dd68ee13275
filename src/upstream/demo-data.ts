import { createHash } from 'node:crypto';
import type { PermitCase } from '../shared/cases';
import { chinaDate } from '../main/core/dates/calendar';
import { demoCases } from '../main/core/demo/demo-cases';

/**
 * The reference server's demo: three offices, two windows each, each window with its own bearer
 * token. The DEMO office holds the same cases the app's embedded demo holds (so an app that starts on
 * its demo and then syncs meets the same notices); the other offices hold copies under other numbers.
 */
export interface Workstation {
  office: string;
  window: string;
  token: string;
}

export const OFFICES: { code: string; prefix: string }[] = [
  { code: 'DEMO', prefix: '示人社外许字' },
  { code: 'BJHD', prefix: '京人社外许字' },
  { code: 'SHPD', prefix: '沪人社外许字' },
];

/** Tokens are derived from a seed, so a server restarted on the same database knows the same ones. */
export function demoWorkstations(seed: string): Workstation[] {
  return OFFICES.flatMap(({ code }) =>
    ['1', '2'].map((window) => ({ office: code, window, token: createHash('sha256').update(`${seed}/${code}/${window}`).digest('base64url').slice(0, 32) })),
  );
}

/** An office's cases as of `now`; office k > 0 gets the demo cases under its own notice and permit numbers. */
export function officeCases(officeIndex: number, now: Date): PermitCase[] {
  const cases = demoCases(chinaDate(now));
  if (officeIndex === 0) return cases;
  return cases.map((c) => ({
    ...c,
    noticeNo: `${c.noticeNo.slice(0, -5)}${String(officeIndex * 20_000 + Number(c.noticeNo.slice(-5))).padStart(5, '0')}`,
    permitNo: `${c.permitNo.slice(0, -8)}${String(officeIndex * 10_000_000 + Number(c.permitNo.slice(-8))).padStart(8, '0')}`,
  }));
}

/** `n` more cases for an office, as in a busy province (the sync benchmark pulls 200,000). */
export function bulkCases(office: string, n: number, now: Date): PermitCase[] {
  const year = chinaDate(now).slice(0, 4);
  const base = demoCases(chinaDate(now));
  return Array.from({ length: n }, (_, i) => {
    const c = base[i % base.length];
    const serial = String(i + 1).padStart(8, '0');
    return {
      ...c,
      noticeNo: `WPB${office.slice(0, 1)}${year}${serial}`,
      permitNo: `9${year.slice(2)}${String(i).padStart(15, '0')}`,
      status: 'awaiting_verification' as const,
      applicant: { ...c.applicant, passportNo: `B${serial}`, ssn: null },
    };
  });
}
