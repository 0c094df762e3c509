/**
 * Region names, normalised so that 广东 / 广东省, 内蒙古 / 内蒙古自治区 and 恩施州 / 恩施土家族苗族自治州
 * compare equal. The province/city table comes from resources/regions/divisions.json (made by
 * scripts/make-region-data.ts); this module only interprets it. Pure: no I/O.
 */

export interface DivisionProvince {
  code: string;
  name: string;
  short: string;
  /** The provincial capital's full name ('' for HK/MO/TW). */
  capital: string;
}

export interface DivisionCity {
  code: string;
  name: string;
  short: string;
  /** Province code. */
  province: string;
}

export interface DivisionsFile {
  source: string;
  provinces: DivisionProvince[];
  cities: DivisionCity[];
}

/**
 * A place as the screener compares it: a province (short form, e.g. 广东) and zero or more cities
 * (short forms; number ranges sometimes cover several, e.g. 沈阳/铁岭/抚顺). `label` is what the card
 * shows. `capital` is the province's capital (short), which data sources often report instead of
 * the real city.
 */
export interface Region {
  province: string;
  cities: string[];
  label: string;
  capital?: string;
  /** The network operator of an IP (e.g. 阿里云), when known. */
  isp?: string;
}

const PROVINCE_SUFFIX = /(省|市|特别行政区|自治区)$/;
const PROVINCE_PEOPLE = /(壮族|回族|维吾尔)$/;

/** 广西壮族自治区 -> 广西, 北京市 -> 北京, 香港特别行政区 -> 香港. */
export function provinceShortName(name: string): string {
  const s = name.trim().replace(PROVINCE_SUFFIX, '').replace(PROVINCE_PEOPLE, '');
  return s || name.trim();
}

const PEOPLES = [
  '土家族', '苗族', '藏族', '羌族', '彝族', '布依族', '侗族', '哈尼族', '傣族', '白族', '景颇族', '傈僳族',
  '回族', '蒙古族', '蒙古', '柯尔克孜', '哈萨克', '朝鲜族', '壮族', '黎族',
];

/** 深圳市 -> 深圳, 恩施土家族苗族自治州 -> 恩施, 大兴安岭地区 -> 大兴安岭, 兴安盟 -> 兴安. */
export function cityShortName(name: string): string {
  let s = name.trim();
  if (s.endsWith('自治州')) {
    s = s.slice(0, -3);
    for (let changed = true; changed; ) {
      changed = false;
      for (const p of PEOPLES) {
        if (s.length > p.length + 1 && s.endsWith(p)) {
          s = s.slice(0, -p.length);
          changed = true;
        }
      }
    }
    return s;
  }
  const stripped = s.replace(/(市|地区|盟|林区)$/, '');
  return stripped.length >= 2 ? stripped : s;
}

export interface ProvinceInfo {
  code: string;
  name: string;
  short: string;
  capitalShort: string;
}

export interface CityInfo {
  code: string;
  name: string;
  short: string;
  province: ProvinceInfo;
}

/** Lookups over the divisions table, built once per process. */
export class RegionTable {
  readonly provinces: ProvinceInfo[];
  private readonly provinceByAlias = new Map<string, ProvinceInfo>();
  private readonly cityByAlias = new Map<string, CityInfo[]>();
  /** Aliases longest first, for prefix matching of free text ("辽宁省沈阳市..."). */
  private readonly provinceAliases: string[];
  /** Each province's city names and short names, longest first (for splitting an address). */
  private readonly cityAliasesByProvince = new Map<string, [string, CityInfo][]>();

  constructor(file: DivisionsFile) {
    const byCode = new Map<string, ProvinceInfo>();
    this.provinces = file.provinces.map((p) => {
      const info: ProvinceInfo = { code: p.code, name: p.name, short: p.short, capitalShort: p.capital ? cityShortName(p.capital) : '' };
      byCode.set(p.code, info);
      for (const alias of new Set([p.name, p.short, provinceShortName(p.name)])) this.provinceByAlias.set(alias, info);
      return info;
    });
    this.provinceAliases = [...this.provinceByAlias.keys()].sort((a, b) => b.length - a.length);
    for (const c of file.cities) {
      const province = byCode.get(c.province);
      if (!province) continue;
      const info: CityInfo = { code: c.code, name: c.name, short: c.short, province };
      const aliases = new Set([c.name, c.short]);
      if (c.name.endsWith('自治州')) aliases.add(`${c.short}州`);
      for (const alias of aliases) {
        const list = this.cityByAlias.get(alias) ?? [];
        list.push(info);
        this.cityByAlias.set(alias, list);
        const own = this.cityAliasesByProvince.get(province.code) ?? [];
        own.push([alias, info]);
        this.cityAliasesByProvince.set(province.code, own);
      }
    }
    for (const list of this.cityAliasesByProvince.values()) list.sort((a, b) => b[0].length - a[0].length);
  }

  /**
   * A whole address in one text, as many exports give it ("广东省深圳市南山区科技园1号"), split into
   * province, city, district (full names as the table writes them) and the rest. A municipality's
   * city is the municipality. Null when no province starts the text.
   */
  splitAddress(text: string): { province: string; city: string; district: string | null; rest: string } | null {
    const s = text.trim();
    const alias = this.provinceAliases.find((a) => s.startsWith(a));
    if (!alias) return null;
    const province = this.provinceByAlias.get(alias)!;
    let rest = s.slice(alias.length).replace(/^(省|市|自治区|特别行政区)/, '');
    let city: string | null = null;
    const hit = (this.cityAliasesByProvince.get(province.code) ?? []).find(([a]) => rest.startsWith(a));
    if (hit) {
      city = hit[1].name;
      rest = rest.slice(hit[0].length).replace(/^(市|州|地区|盟)/, '');
    } else if (this.isMunicipality(province)) {
      city = province.name;
      rest = rest.replace(new RegExp(`^(${province.short}市|市辖区)`), '');
    }
    if (city === null) return null;
    // A district, county, banner or county-level city right after: 南山区, 昆山市, 阿荣旗.
    const district = /^[\u4e00-\u9fa5]{1,6}?(区|县|旗)|^[\u4e00-\u9fa5]{2,4}市/.exec(rest)?.[0] ?? null;
    // "北京路88号" is a street, not Beijing: a municipality named without 市 needs its district next.
    if (!hit && !district && !/^(市|市辖区)/.test(s.slice(alias.length)) && !alias.endsWith('市')) return null;
    if (district) rest = rest.slice(district.length);
    return { province: province.name, city, district, rest: rest.trim() };
  }

  /** The province a text names (full or short form), or null. */
  province(text: string): ProvinceInfo | null {
    const s = text.trim();
    if (!s) return null;
    return this.provinceByAlias.get(s) ?? this.provinceByAlias.get(provinceShortName(s)) ?? null;
  }

  /** The city a text names, within a province when one is given. */
  city(text: string, province?: ProvinceInfo | null): CityInfo | null {
    const s = text.trim();
    if (!s) return null;
    const list = this.cityByAlias.get(s) ?? this.cityByAlias.get(cityShortName(s));
    if (!list) return null;
    if (province) return list.find((c) => c.province.code === province.code) ?? null;
    return list.length === 1 ? list[0] : null;
  }

  /**
   * A region from separate province and city texts (a shipping address, an IP record). A
   * municipality's city is the municipality itself. Null when the province is not recognised.
   */
  region(provinceText: string, cityText: string): Region | null {
    const province = this.province(provinceText);
    if (!province) return null;
    const city = this.city(cityText, province);
    const cityShort = city ? city.short : cityText.trim() ? cityShortName(cityText) : '';
    return makeRegion(province, cityShort ? [cityShort] : this.isMunicipality(province) ? [province.short] : []);
  }

  /**
   * A region from one free text such as the number-range data writes it: 广东省深圳市,
   * 辽宁省沈阳市、铁岭市、抚顺市, 北京市. Null when no province starts the text.
   */
  parse(text: string): Region | null {
    const s = text.trim();
    const alias = this.provinceAliases.find((a) => s.startsWith(a));
    if (!alias) return null;
    const province = this.provinceByAlias.get(alias)!;
    const rest = s.slice(alias.length).replace(/^(省|市|自治区)/, '');
    const cities = rest
      .split(/[、,，/]/)
      .map((c) => c.trim())
      .filter(Boolean)
      .map((c) => this.city(c, province)?.short ?? cityShortName(c));
    return makeRegion(province, cities.length ? cities : this.isMunicipality(province) ? [province.short] : []);
  }

  isMunicipality(p: ProvinceInfo): boolean {
    return p.capitalShort === p.short;
  }
}

function makeRegion(province: ProvinceInfo, cities: string[]): Region {
  const distinct = [...new Set(cities)];
  const cityLabel = distinct.filter((c) => c !== province.short).join('/');
  return {
    province: province.short,
    cities: distinct.length ? distinct : [],
    label: `${province.short}${cityLabel}`,
    ...(province.capitalShort ? { capital: province.capitalShort } : {}),
  };
}
