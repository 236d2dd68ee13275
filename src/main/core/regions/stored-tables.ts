import type { Database } from 'better-sqlite3-multiple-ciphers';
import { z } from 'zod';
import { appendAudit } from '../audit/audit';
import { parseDate } from '../dates/calendar';
import { SHIPPED_REGIONS, type RegionTable } from './regions';

/** A region table that cannot be used, with the reason in English (the screen words it in the user's language). */
export class RegionTableError extends Error {}

const name = z.string().trim().min(1).max(100);
const tableSchema = z.looseObject({
  source: z.string().trim().min(1).max(500),
  dataDate: z.string().refine((d) => parseDate(d) !== null, 'a date YYYY-MM-DD that exists'),
  regions: z
    .record(z.string().regex(/^\d{6}$/, 'six digits'), z.tuple([name, name]))
    .refine((r) => Object.keys(r).length >= 30 && Object.keys(r).length <= 20_000, 'from 30 to 20,000 codes')
    .refine((r) => Object.keys(r).some((c) => c.endsWith('0000')), 'at least one province (a code ending 0000)'),
});

/** Reads a table in the shipped file's shape `{source, dataDate, regions: {code: [zh, en]}}`. */
export function readRegionTable(json: unknown): RegionTable {
  const parsed = tableSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new RegionTableError(`${first.path.join('.') || 'the table'}: ${first.message}`);
  }
  const { source, dataDate, regions } = parsed.data;
  return { source, dataDate, regions };
}

/**
 * Stores an imported table and uses it from now on: only a table with a later data date than the
 * one in use is taken, so an import never moves the names back. Audited.
 */
export function importRegionTable(db: Database, json: unknown, actor: string, now: Date): RegionTable {
  const t = readRegionTable(json);
  const current = regionTableOf(db);
  if (t.dataDate <= current.dataDate) throw new RegionTableError(`its data date ${t.dataDate} is not later than the table in use (${current.dataDate})`);
  db.transaction(() => {
    db.prepare('INSERT INTO region_tables (data_date, source, document, stored_at, stored_by) VALUES (?,?,?,?,?)').run(t.dataDate, t.source, JSON.stringify(t), now.toISOString(), actor);
    appendAudit(db, { at: now.toISOString(), actor, action: 'regions.imported', target: `${t.dataDate} ${Object.keys(t.regions).length} codes` });
  })();
  inUse.set(db, t);
  return t;
}

// The table each open store uses, read from it once: the store's own, never another store's.
const inUse = new WeakMap<Database, RegionTable>();

/** The store's table in use: the newest imported table later than the shipped one, or the shipped one. */
export function regionTableOf(db: Database): RegionTable {
  const known = inUse.get(db);
  if (known) return known;
  const row = db.prepare('SELECT document FROM region_tables WHERE data_date > ? ORDER BY data_date DESC, id DESC LIMIT 1').get(SHIPPED_REGIONS.dataDate) as { document: string } | undefined;
  const t = row ? readRegionTable(JSON.parse(row.document)) : SHIPPED_REGIONS;
  inUse.set(db, t);
  return t;
}
