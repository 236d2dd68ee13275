import { describe, expect, it } from 'vitest';
import { regionName, regionText, REGIONS_SOURCE } from './regions';

describe('GB/T 2260 work places by name', () => {
  it('a district reads as province, city and district, in both languages, the code kept', () => {
    expect(regionName('440305')).toEqual({ code: '440305', zh: '广东省深圳市南山区', en: 'Nanshan District, Shenzhen, Guangdong', known: true });
    expect(regionText('440305')).toBe('广东省深圳市南山区 Nanshan District, Shenzhen, Guangdong（440305）');
  });

  it('a municipality has no city level; a county-level city under its province and an autonomous prefecture read as they are', () => {
    expect(regionName('110108')).toMatchObject({ zh: '北京市海淀区', en: 'Haidian District, Beijing' });
    expect(regionName('500229')).toMatchObject({ zh: '重庆市城口县', en: 'Chengkou County, Chongqing' });
    expect(regionName('659001')).toMatchObject({ zh: '新疆维吾尔自治区石河子市', en: 'Shihezi City, Xinjiang' });
    expect(regionName('222401')).toMatchObject({ zh: '吉林省延边朝鲜族自治州延吉市', en: 'Yanji City, Yanbian Autonomous Prefecture, Jilin' });
    expect(regionName('440000')).toMatchObject({ zh: '广东省', en: 'Guangdong' });
  });

  it('a code the table does not know is shown as the code, never dropped; no code is nothing', () => {
    expect(regionName('449999')).toEqual({ code: '449999', zh: '449999', en: '449999', known: false });
    expect(regionName('CN-44')).toMatchObject({ zh: 'CN-44', known: false });
    expect(regionText('449999')).toBe('449999');
    expect(regionName(null)).toBeNull();
    expect(regionText(undefined)).toBe('');
  });

  it('says where its data comes from and how old it is', () => {
    expect(REGIONS_SOURCE.source).toContain('Ministry of Civil Affairs');
    expect(REGIONS_SOURCE.dataDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
