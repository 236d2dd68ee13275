/**
 * One owner per table (STYLE.md: a capability never reaches into another's tables; it calls its
 * functions): every SQL statement outside the migrations names only tables of its own folder.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';

const CORE = join(import.meta.dirname, '..');

/** Each table and the capability that owns it. */
const OWNERS: Record<string, string> = {
  accounts: 'accounts',
  signin_guard: 'accounts',
  audit_log: 'audit',
  cases: 'cases',
  case_search: 'cases',
  decisions: 'documents',
  decision_prints: 'documents',
  decision_number_blocks: 'documents',
  decision_services: 'documents',
  trust_lists: 'trust',
  revocation_lists: 'trust',
  scan_log: 'permit-qr',
  settings: 'settings',
  store_meta: 'store',
  outbox: 'outbox',
  verifications: 'verification',
  verification_drafts: 'verification',
  photo_checks: 'verification',
  holiday_schedules: 'workdays',
  region_tables: 'regions',
  evaluations: 'evaluations',
  evaluation_follow_ups: 'evaluations',
  day_reviews: 'register',
  evidence_images: 'evidence',
  csca_lists: 'trust',
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'migrations' ? [] : sources(p);
    return p.endsWith('.ts') && !p.endsWith('.test.ts') && !/test-[a-z]+\.ts$/.test(p) ? [p] : [];
  });
}

it('every table is read and written only by the capability that owns it', () => {
  const strays: string[] = [];
  for (const file of sources(CORE)) {
    const folder = relative(CORE, file).split('/')[0];
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\b(?:FROM|INTO|UPDATE|JOIN)\s+([a-z_]+)/g)) {
      const owner = OWNERS[m[1]];
      if (owner && owner !== folder) strays.push(`${relative(CORE, file)}: ${m[1]} (owned by ${owner})`);
    }
  }
  expect(strays).toEqual([]);
});

it('knows every table the migrations make', () => {
  const made = readdirSync(join(CORE, 'store', 'migrations')).flatMap((f) => [...readFileSync(join(CORE, 'store', 'migrations', f), 'utf8').matchAll(/CREATE (?:VIRTUAL )?TABLE (?:IF NOT EXISTS )?([a-z_]+)/g)].map((m) => m[1]));
  const final = new Set(made.map((t) => t.replace(/_new$/, '')));
  expect([...final].sort()).toEqual(Object.keys(OWNERS).sort());
});
