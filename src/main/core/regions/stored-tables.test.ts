import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../api/core';
import { verifyAudit } from '../audit/audit';
import { openDemoTestStore, openTestStore } from '../store/test-store';
import { activeRegionTable, regionName, SHIPPED_REGIONS, useRegionTable } from './regions';
import { importRegionTable, loadStoredRegionTable, RegionTableError } from './stored-tables';

const NOW = new Date('2026-11-23T02:00:00Z');
/** The shipped table a year later, with a district the shipped one does not know. */
const newer = (dataDate = '2026-06-30') => ({
  source: 'Ministry of Civil Affairs, 2026 revision (test)',
  dataDate,
  regions: { ...SHIPPED_REGIONS.regions, '440399': ['示范新区', 'Shifan New District'] },
});

afterEach(() => useRegionTable(null));

describe('a newer region table without a release', () => {
  it('an imported table with a later date names a new district from then on, and again when the store is opened later', () => {
    const db = openTestStore();
    expect(regionName('440399')).toMatchObject({ known: false, zh: '440399' });
    importRegionTable(db, newer(), 'admin', NOW);
    expect(regionName('440399')).toEqual({ code: '440399', zh: '广东省深圳市示范新区', en: 'Shifan New District, Shenzhen, Guangdong', known: true });
    expect(activeRegionTable()).toMatchObject({ dataDate: '2026-06-30', shipped: false });
    useRegionTable(null);
    loadStoredRegionTable(db);
    expect(regionName('440399')?.known).toBe(true);
    expect(verifyAudit(db)).toBeNull();
  });

  it('refuses a table that is not later than the one in use, or malformed, and changes nothing', () => {
    const db = openTestStore();
    expect(() => importRegionTable(db, newer(SHIPPED_REGIONS.dataDate), 'admin', NOW)).toThrow(RegionTableError);
    for (const bad of [{ ...newer(), regions: { '44039': ['x', 'y'] } }, { ...newer(), dataDate: '30/06/2026' }, { ...newer(), dataDate: '2026-13-01' }, { ...newer(), dataDate: '2026-02-30' }, { ...newer(), regions: { '110000': ['北京市', 'Beijing'] } }, { ...newer(), regions: { ...SHIPPED_REGIONS.regions, '440399': ['', 'x'] } }, null, []]) {
      expect(() => importRegionTable(db, bad, 'admin', NOW)).toThrow(RegionTableError);
    }
    expect(db.prepare('SELECT count(*) FROM region_tables').pluck().get()).toBe(0);
    expect(activeRegionTable().shipped).toBe(true);
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
