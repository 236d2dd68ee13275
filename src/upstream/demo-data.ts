import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { seedCaseSchema, type UpstreamCase } from './contract';

/**
 * The reference server's demo: three offices, two windows each, each window with its own bearer
 * token. The DEMO office holds the cases it is seeded with (the caller's file: the app's demo office's
 * cases in the tests and the demonstration, so an app that starts on its demo and then syncs meets the
 * same notices); the other offices hold copies under other numbers.
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

/** The seed file: a JSON array of Cases as `upstream-api.md` defines them; refused whole if one is not. */
export function readSeedCases(file: string): UpstreamCase[] {
  const parsed = z.array(seedCaseSchema.extend({ version: z.number().int().nonnegative(), updatedAt: z.string().min(1) })).max(100_000).safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`the seed cases in ${file} are not Cases: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
  return parsed.data as unknown as UpstreamCase[];
}

/** Replaces a number's last `digits` with `serial` (left-padded): another office's copy of a notice or permit. */
const renumber = (n: string, digits: number, serial: number) => `${n.slice(0, -digits)}${String(serial).padStart(digits, '0')}`;

/** An office's cases; office k > 0 gets the seed cases under its own notice and permit numbers. */
export function officeCases(officeIndex: number, seed: readonly UpstreamCase[]): UpstreamCase[] {
  if (officeIndex === 0) return [...seed];
  return seed.map((c) => ({
    ...c,
    noticeNo: renumber(c.noticeNo, 5, officeIndex * 20_000 + Number(c.noticeNo.slice(-5))),
    permitNo: renumber(c.permitNo, 8, officeIndex * 10_000_000 + Number(c.permitNo.slice(-8))),
  }));
}

/** `n` more cases for an office, as in a busy province (the sync benchmark pulls 200,000), made from the seed cases. */
export function bulkCases(office: string, n: number, now: Date, seed: readonly UpstreamCase[]): UpstreamCase[] {
  if (seed.length === 0) return [];
  // The year as Beijing counts it (UTC+8, no daylight saving).
  const year = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 4);
  return Array.from({ length: n }, (_, i) => {
    const c = seed[i % seed.length];
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
