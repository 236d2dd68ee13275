import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../store/store';
import { bindAuditKey } from '../audit/audit-key';
import { createCore } from '../api/core';
import { verifyAudit } from '../audit/audit';
import { openDemoTestStore, openTestStore } from '../store/test-store';
import { regionName, SHIPPED_REGIONS, tableSummary } from './regions';
import { importRegionTable, regionTableOf, RegionTableError } from './stored-tables';

const NOW = new Date('2026-11-23T02:00:00Z');
/** The shipped table a year later, with a district the shipped one does not know. */
const newer = (dataDate = '2026-06-30') => ({
  source: 'Ministry of Civil Affairs, 2026 revision (test)',
  dataDate,
  regions: { ...SHIPPED_REGIONS.regions, '440399': ['示范新区', 'Shifan New District'] },
});

describe('a newer region table without a release', () => {
  it('an imported table with a later date names a new district from then on, and again when the store is opened later', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'acw-regions-')), 'store.db');
    const [key, auditKey] = [randomBytes(32), randomBytes(32)];
    const db = openStore(path, key);
    bindAuditKey(db, auditKey);
    expect(regionName('440399', regionTableOf(db))).toMatchObject({ known: false, zh: '440399' });
    importRegionTable(db, newer(), 'admin', NOW);
    expect(regionName('440399', regionTableOf(db))).toEqual({ code: '440399', zh: '广东省深圳市示范新区', en: 'Shifan New District, Shenzhen, Guangdong', known: true });
    expect(tableSummary(regionTableOf(db))).toMatchObject({ dataDate: '2026-06-30', shipped: false });
    expect(verifyAudit(db)).toBeNull();
    db.close();
    const again = openStore(path, key);
    expect(regionName('440399', regionTableOf(again))?.known).toBe(true);
    again.close();
  });

  it('is each store’s own: a table imported into one store names nothing in another open in the same process', () => {
    const [a, b] = [openTestStore(), openTestStore()];
    importRegionTable(a, newer(), 'admin', NOW);
    expect(regionName('440399', regionTableOf(a))?.known).toBe(true);
    expect(regionName('440399', regionTableOf(b))?.known).toBe(false);
    expect(tableSummary(regionTableOf(b)).shipped).toBe(true);
  });

  it('refuses a table that is not later than the one in use, or malformed, and changes nothing', () => {
    const db = openTestStore();
    expect(() => importRegionTable(db, newer(SHIPPED_REGIONS.dataDate), 'admin', NOW)).toThrow(RegionTableError);
    for (const bad of [{ ...newer(), regions: { '44039': ['x', 'y'] } }, { ...newer(), dataDate: '30/06/2026' }, { ...newer(), dataDate: '2026-13-01' }, { ...newer(), dataDate: '2026-02-30' }, { ...newer(), regions: { '110000': ['北京市', 'Beijing'] } }, { ...newer(), regions: { ...SHIPPED_REGIONS.regions, '440399': ['', 'x'] } }, null, []]) {
      expect(() => importRegionTable(db, bad, 'admin', NOW)).toThrow(RegionTableError);
    }
    expect(db.prepare('SELECT count(*) FROM region_tables').pluck().get()).toBe(0);
    expect(tableSummary(regionTableOf(db)).shipped).toBe(true);
  });

  it('only an admin imports, through the typed API, with the reason of a refusal', async () => {
    const db = await openDemoTestStore(NOW);
    const core = createCore({ db, version: 't', now: () => NOW });
    const as = async (u: string) => {
      const s = core.openSession();
      await core.call(s, 'session.signIn', { username: u, password: `${u}-demo` });
      return s;
    };
    const clerk = await as('clerk');
    expect(await core.call(clerk, 'regions.importTable', { table: JSON.stringify(newer()) })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await core.call(clerk, 'regions.status', {})).toMatchObject({ ok: true, value: { shipped: true, dataDate: SHIPPED_REGIONS.dataDate } });
    const admin = await as('admin');
    expect(await core.call(admin, 'regions.importTable', { table: '{not json' })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await core.call(admin, 'regions.importTable', { table: JSON.stringify(newer()) })).toMatchObject({ ok: true, value: { shipped: false, dataDate: '2026-06-30', codes: Object.keys(SHIPPED_REGIONS.regions).length + 1 } });
  });
});
