import table from '../../../../resources/regions/gb2260.json';
import type { RegionName } from '../../../shared/regions';

/**
 * GB/T 2260 region codes as names, from the table the project ships (resources/regions/gb2260.json,
 * made by `npm run regions` with its source and date), or a newer one an administrator imported
 * (stored-tables.ts): a county-level code reads as its province, city and county ("广东省深圳市南山区",
 * "Nanshan District, Shenzhen, Guangdong"). An unknown code is the code.
 */
export interface RegionTable {
  source: string;
  dataDate: string;
  regions: Record<string, [string, string]>;
}

export const SHIPPED_REGIONS = table as unknown as RegionTable;
/** The source and date of the shipped table. */
export const REGIONS_SOURCE = { source: SHIPPED_REGIONS.source, dataDate: SHIPPED_REGIONS.dataDate };

/** A table's source, date and size, and whether it is the shipped one. */
export function tableSummary(t: RegionTable): { source: string; dataDate: string; codes: number; shipped: boolean } {
  return { source: t.source, dataDate: t.dataDate, codes: Object.keys(t.regions).length, shipped: t === SHIPPED_REGIONS };
}

/** The English of a city within a longer name: "Shenzhen City" reads "Shenzhen" there. */
const plain = (en: string) => en.replace(/ City$/, '');

/** A code by name in `table` (the store's table in use: `regionTableOf`; the shipped one without a store). */
export function regionName(code: string | null | undefined, table: RegionTable = SHIPPED_REGIONS): RegionName | null {
  if (!code) return null;
  const { regions } = table;
  if (!/^\d{6}$/.test(code) || !regions[code]) return { code, zh: code, en: code, known: false };
  const parts = [`${code.slice(0, 2)}0000`, `${code.slice(0, 4)}00`, code].filter((c, i, all) => all.indexOf(c) === i && regions[c]);
  const names = parts.map((c) => regions[c]);
  const zh = names.map(([z]) => z).join('');
  const en = names
    .map(([, e], i) => (i === names.length - 1 ? e : plain(e)))
    .reverse()
    .join(', ');
  return { code, zh, en, known: true };
}

/** As printed on a document: both names and the code beside ("广东省深圳市南山区 Nanshan District, Shenzhen, Guangdong (440305)"). */
export function regionText(code: string | null | undefined, table: RegionTable = SHIPPED_REGIONS): string {
  const r = regionName(code, table);
  if (!r) return '';
  return r.known ? `${r.zh} ${r.en}（${r.code}）` : r.code;
}
